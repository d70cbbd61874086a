// Manifold plugin SDK: the stream parser of an HTTP adapter whose upstream
// streams server-sent events that each carry one JSON object (OpenAI,
// Anthropic, Gemini, Cohere and most others). SSE framing, the per-event byte
// cap, malformed events and the end of the body are handled here; a subclass
// only turns each event into canonical events. Header-only, standard library
// only.
//
//   class AcmeStream : public manifold::sse::JsonEventStream {
//    public:
//     explicit AcmeStream(manifold::EventSink sink)
//         : JsonEventStream("acme", 8 * 1024 * 1024), sink_(sink) {}
//
//    private:
//     Flow onEvent(std::string_view eventName, const manifold::json::Value& data) override {
//       if (eventName == "done") return Flow::Stop;
//       return sink_.text(data["text"].asString()) ? Flow::Continue : Flow::Stop;
//     }
//
//     manifold::EventSink sink_;
//   };
//
// Return one from TranslatorProvider::openStream().
#ifndef MANIFOLD_EVENT_STREAM_HPP
#define MANIFOLD_EVENT_STREAM_HPP

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>
#include <manifold/sse.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace manifold::sse {

/// Whether to keep reading after an event.
enum class Flow {
  Continue,
  Stop,  // the answer is complete, an error event was emitted, or the sink refused an event
};

/// Parses one streamed response: a StreamParser fed raw bytes split anywhere.
///
/// feed() and finish() throw manifold::Error MF_ERR_INTERNAL, retryable (as
/// plugin.h asks of a malformed event), for an event whose data is not a JSON
/// object and that onOtherData() does not accept, and for an event larger than
/// the cap. The message starts with the label. After Stop or such an error,
/// further bytes are ignored and finish() does nothing. Exceptions thrown by
/// the hooks pass through unchanged.
class JsonEventStream : public StreamParser {
 public:
  using Flow = sse::Flow;

  /// `label` starts every error message ("acme: upstream sent ...");
  /// `maxEventBytes` caps the bytes buffered for one event.
  JsonEventStream(std::string label, size_t maxEventBytes)
      : label_(std::move(label)), maxEventBytes_(maxEventBytes), sse_(maxEventBytes) {}

  void feed(std::string_view bytes) final;

  /// The body ended: delivers a last event that lacked its blank line, then
  /// calls onEnd() unless an event said Stop.
  void finish() final;

 protected:
  /// One event. `eventName` is its SSE `event:` field ("" when it had none);
  /// `data` is its data lines parsed as a JSON object.
  virtual Flow onEvent(std::string_view eventName, const json::Value& data) = 0;

  /// An event whose data is not a JSON object, such as OpenAI's "[DONE]".
  /// Return a Flow to accept it; std::nullopt (the default) fails the stream.
  virtual std::optional<Flow> onOtherData(std::string_view /*eventName*/,
                                          std::string_view /*data*/) {
    return std::nullopt;
  }

  /// Called once, by finish(), after the last event, unless an event said
  /// Stop. Throw here when the protocol has an end marker that never came (the
  /// body was cut), or emit what was held back until the end.
  virtual void onEnd() {}

 private:
  bool onData(std::string_view data);
  void check(SseParser::Status status) const;
  std::string capText() const;

  std::string label_;
  size_t maxEventBytes_;
  SseParser sse_;
  bool ended_ = false;      // an event said Stop, an error was thrown, or finish() ran
  bool malformed_ = false;  // an event was neither a JSON object nor accepted
};

inline void JsonEventStream::feed(std::string_view bytes) {
  if (ended_) return;
  ended_ = true;  // until the parser returns, so that a hook that throws ends the stream too
  const SseParser::Status status =
      sse_.feed(bytes, [this](std::string_view data) { return onData(data); });
  ended_ = status != SseParser::Status::Ok;
  check(status);
}

inline void JsonEventStream::finish() {
  if (ended_) return;
  ended_ = true;
  const SseParser::Status status =
      sse_.finish([this](std::string_view data) { return onData(data); });
  check(status);
  if (status == SseParser::Status::Ok) onEnd();
}

// Returns whether to keep reading. A malformed event only stops the SSE
// parser here: check() throws, outside the parser's callback.
inline bool JsonEventStream::onData(std::string_view data) {
  const std::optional<json::Value> event = json::parse(data);
  const std::optional<Flow> flow = event && event->isObject() ? onEvent(sse_.eventName(), *event)
                                                              : onOtherData(sse_.eventName(), data);
  if (!flow) malformed_ = true;
  return flow == Flow::Continue;
}

inline void JsonEventStream::check(SseParser::Status status) const {
  if (malformed_)
    throw Error(MF_ERR_INTERNAL, label_ + ": upstream sent an event that is not a JSON object",
                true);
  if (status == SseParser::Status::TooLarge)
    throw Error(MF_ERR_INTERNAL, label_ + ": upstream sent an event larger than " + capText(),
                true);
}

inline std::string JsonEventStream::capText() const {
  constexpr size_t kKiB = 1024;
  constexpr size_t kMiB = 1024 * kKiB;
  if (maxEventBytes_ >= kMiB && maxEventBytes_ % kMiB == 0)
    return std::to_string(maxEventBytes_ / kMiB) + " MiB";
  if (maxEventBytes_ >= kKiB && maxEventBytes_ % kKiB == 0)
    return std::to_string(maxEventBytes_ / kKiB) + " KiB";
  return std::to_string(maxEventBytes_) + " bytes";
}

}  // namespace manifold::sse

#endif  // MANIFOLD_EVENT_STREAM_HPP
