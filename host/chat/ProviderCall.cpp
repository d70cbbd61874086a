#include "chat/ProviderCall.h"

#include <Poco/String.h>

#include <vector>

#include "chat/ThinkTagSplitter.h"
#include "engines/AbiEngine.h"
#include "plugins/AbiStrings.h"
#include "plugins/UpstreamAbi.h"

namespace manifold::chat {
namespace {

using plugins::fromAbi;
using plugins::toAbi;
using upstream::Clock;

constexpr size_t kMaxErrorBodyBytes = 64 * 1024;
constexpr size_t kMaxWholeBodyBytes = 16 * 1024 * 1024;

int64_t msLeft(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

// Sits between the adapter and the caller's handler: splits inline <think>
// spans out of answer text, notes the first content event and stops the
// attempt when the client leaves or the first token is late. One gate serves
// one attempt, so every attempt starts with a fresh splitter.
struct Gatekeeper {
  const EventHandler& handler;
  const AttemptLimits& limits;
  const upstream::CancellationToken* cancel;
  bool sawContent = false;
  bool sawFinish = false;
  bool clientGone = false;
  bool late = false;
  bool stopped = false;
  ThinkTagSplitter thinkTags{};
  std::vector<ThinkPiece> pieces{};

  bool halted() const { return clientGone || late || stopped; }

  bool pass(const CanonicalEvent& event) {
    using Type = CanonicalEvent::Type;
    if (event.type == Type::TextDelta && !thinkTags.passesThrough(event.text)) {
      pieces.clear();
      thinkTags.feed(event.text, pieces);
      // Text held back as a possible tag is not content yet.
      return pieces.empty() ? mayGoOn(false) : deliverPieces();
    }
    // What the splitter holds belongs to the answer, before its end. Not
    // before an error: held text must not commit an attempt that failed.
    if (event.type == Type::Finish && !flushHeld()) return false;
    return deliver(event);
  }

  /// The end of an attempt that sent no finish: releases the held-back text.
  bool flushHeld() {
    pieces.clear();
    thinkTags.flush(pieces);
    return deliverPieces();
  }

 private:
  bool mayGoOn(bool content) {
    if (cancel && cancel->cancelled()) clientGone = true;
    if (!sawContent && !content && Clock::now() > limits.firstTokenDeadline) late = true;
    return !(clientGone || late);
  }

  bool deliver(const CanonicalEvent& event) {
    if (!mayGoOn(event.isContent())) return false;
    if (event.isContent()) sawContent = true;
    if (event.type == CanonicalEvent::Type::Finish) sawFinish = true;
    if (!handler(event)) stopped = true;
    return !stopped;
  }

  bool deliverPieces() {
    for (ThinkPiece& piece : pieces) {
      CanonicalEvent e;
      e.type =
          piece.reasoning ? CanonicalEvent::Type::ReasoningDelta : CanonicalEvent::Type::TextDelta;
      e.text = std::move(piece.text);
      if (!deliver(e)) return false;
    }
    return true;
  }
};

int32_t emitToGate(void* ctx, const mf_event* event) {
  auto* gate = static_cast<Gatekeeper*>(ctx);
  if (!event) return 0;
  try {
    return gate->pass(CanonicalEvent::fromAbi(*event)) ? 0 : 1;
  } catch (...) {
    return 1;  // nothing may unwind into plugin code
  }
}

AttemptResult failed(int32_t code, bool retryable, const std::string& message) {
  AttemptResult r;
  r.error = plugins::makeError(code, retryable, message);
  return r;
}

AttemptResult fromRc(int32_t rc, const mf_error& error) {
  AttemptResult r;
  r.ok = rc == MF_OK;
  r.error = error;
  if (!r.ok && r.error.code == MF_ERR_NONE) r.error.code = MF_ERR_INTERNAL;
  return r;
}

// Releases what the splitter held when the attempt ended well. The gate's own
// verdicts take precedence over whatever the adapter reported after being
// told to stop.
AttemptResult gateVerdict(Gatekeeper& gate, const AttemptLimits& limits, Clock::time_point start,
                          AttemptResult result) {
  if (result.ok && !gate.halted()) gate.flushHeld();
  if (gate.clientGone)
    result = failed(MF_ERR_CANCELLED, false, "the client went away");
  else if (gate.late)
    result = failed(MF_ERR_TIMEOUT, true,
                    "no first token within " +
                        std::to_string(msLeft(start, limits.firstTokenDeadline)) + " ms");
  else if (gate.stopped && result.ok)
    result = failed(MF_ERR_CANCELLED, false, "the host stopped the attempt");
  // A 200 that said nothing is no answer: fail over rather than report an
  // empty success.
  else if (result.ok && !gate.sawContent && !gate.sawFinish)
    result = failed(MF_ERR_UNAVAILABLE, true, "upstream answered with no content and no finish");
  return result;
}

bool isJsonBody(const upstream::HeaderList& headers) {
  for (const auto& [name, value] : headers) {
    if (name.size() != 12 || Poco::icompare(name, "content-type") != 0) continue;
    const std::string type = Poco::toLower(value);
    return type.rfind("application/json", 0) == 0 ||
           (type.rfind("application/", 0) == 0 && type.find("+json") != std::string::npos);
  }
  return false;
}

// Names a transport failure by the phase it happened in.
AttemptResult transportResult(const upstream::TransportFailure& failure, bool sawContent,
                              const AttemptLimits& limits, Clock::time_point start) {
  using Kind = upstream::TransportFailure::Kind;
  if (failure.kind == Kind::Cancelled) return failed(MF_ERR_CANCELLED, false, failure.message);
  if (failure.kind == Kind::Timeout) {
    if (!failure.afterHead)
      return failed(
          MF_ERR_TIMEOUT, true,
          "no response head within " + std::to_string(msLeft(start, limits.headDeadline)) + " ms");
    if (!sawContent)
      return failed(MF_ERR_TIMEOUT, true,
                    "no first token within " +
                        std::to_string(msLeft(start, limits.firstTokenDeadline)) + " ms");
    return failed(MF_ERR_TIMEOUT, true,
                  "stream stalled: nothing for " + std::to_string(limits.idle.count()) + " ms");
  }
  if (failure.afterHead)
    return failed(MF_ERR_UNAVAILABLE, true, "upstream stream was cut: " + failure.message);
  AttemptResult r;
  r.error = plugins::blankError();
  plugins::fillTransportError(&r.error, failure);
  return r;
}

}  // namespace

AttemptResult ProviderCall::run(const engines::ResolvedEngine& engine,
                                const std::string& canonicalRequestJson,
                                const AttemptLimits& limits,
                                const upstream::CancellationToken* cancel,
                                const EventHandler& onEvent) {
  const mf_engine abiEngine = engines::toAbiEngine(engine);
  const mf_provider_api& api = engine.provider->api();
  if (!api.generate)
    return runTranslator(engine, abiEngine, canonicalRequestJson, limits, cancel, onEvent);

  const Clock::time_point start = Clock::now();
  Gatekeeper gate{onEvent, limits, cancel};
  mf_event_sink sink{sizeof(mf_event_sink), &gate, &emitToGate};
  mf_error error = plugins::blankError();
  AttemptResult result;
  try {
    const int32_t rc = api.generate(engine.provider->handle(), &abiEngine,
                                    toAbi(canonicalRequestJson), &sink, &error);
    result = fromRc(rc, error);
  } catch (...) {
    result = failed(MF_ERR_INTERNAL, true, "provider threw an exception out of generate");
  }
  return gateVerdict(gate, limits, start, result);
}

AttemptResult ProviderCall::runTranslator(const engines::ResolvedEngine& engine,
                                          const mf_engine& abiEngine,
                                          const std::string& canonicalRequestJson,
                                          const AttemptLimits& limits,
                                          const upstream::CancellationToken* cancel,
                                          const EventHandler& onEvent) {
  const Clock::time_point start = Clock::now();
  const mf_provider_api& api = engine.provider->api();
  void* self = engine.provider->handle();
  plugins::RequestCollector built;
  mf_error error = plugins::blankError();
  if (api.build_request(self, &abiEngine, toAbi(canonicalRequestJson), built.builder(), &error) !=
      MF_OK)
    return fromRc(MF_FAILED, error);
  built.request.headDeadline = limits.headDeadline;
  built.request.cancel = cancel;

  Gatekeeper gate{onEvent, limits, cancel};
  mf_event_sink sink{sizeof(mf_event_sink), &gate, &emitToGate};
  int status = 0;
  upstream::HeaderList headers;
  std::string wholeBody;  // an error body, or a non-streamed answer
  bool bodyTooLarge = false;
  void* parser = nullptr;
  AttemptResult parseFailure;
  bool parseFailed = false;

  upstream::ResponseHandler handler;
  bool wholeAnswer = !limits.stream;  // parse_response, not the stream parser
  handler.onHead = [&](int s, const upstream::HeaderList& h) {
    status = s;
    if (s >= 400) {
      headers = h;  // Retry-After and friends inform the classification
      return;
    }
    // Many OpenAI-compatible servers ignore stream:true and answer with one
    // JSON completion: that is a whole answer, not an empty stream.
    if (limits.stream && isJsonBody(h)) wholeAnswer = true;
    if (wholeAnswer) return;  // the whole body goes to parse_response at the end
    parser = api.stream_open(self, &abiEngine, &sink, &error);
    if (!parser) parseFailed = true, parseFailure = fromRc(MF_FAILED, error);
  };
  handler.onChunk = [&](std::string_view chunk) {
    if (parseFailed) return false;
    if (status >= 400 || wholeAnswer) {
      const size_t cap = status >= 400 ? kMaxErrorBodyBytes : kMaxWholeBodyBytes;
      if (wholeBody.size() >= cap) return status >= 400 ? false : !(bodyTooLarge = true);
      wholeBody.append(chunk);
      return true;
    }
    if (api.stream_feed(parser, {chunk.data(), chunk.size()}, &error) != MF_OK) {
      parseFailed = true;
      parseFailure = fromRc(MF_FAILED, error);
      return false;
    }
    return !gate.halted();
  };
  handler.readDeadline = [&] {
    return gate.sawContent || wholeAnswer ? Clock::now() + limits.idle : limits.firstTokenDeadline;
  };
  const upstream::TransportFailure failure = http_.send(built.request, handler);

  AttemptResult result;
  if (gate.halted()) {
    result.ok = true;  // gateVerdict names it
  } else if (parseFailed) {
    result = parseFailure;
  } else if (failure) {
    result = transportResult(failure, gate.sawContent, limits, start);
  } else if (status >= 400) {
    result = fromRc(MF_FAILED, engine.provider->classifyError(status, headers, wholeBody));
  } else if (parser) {
    result = fromRc(api.stream_finish(parser, &error), error);
  } else if (bodyTooLarge) {
    result = failed(MF_ERR_UNAVAILABLE, true, "upstream answer exceeds 16 MB");
  } else if (wholeAnswer) {
    result = fromRc(api.parse_response(self, &abiEngine, toAbi(wholeBody), &sink, &error), error);
  } else {
    result = failed(MF_ERR_UNAVAILABLE, true, "upstream sent no response");
  }
  if (parser) api.stream_close(parser);
  return gateVerdict(gate, limits, start, result);
}

}  // namespace manifold::chat
