// Manifold plugin SDK: a server-sent events parser (the WHATWG event-stream
// format) for provider adapters. It accepts bytes split anywhere, caps the
// bytes buffered for one event, and hands over each complete event's name and
// data. Header-only, standard library only.
#ifndef MANIFOLD_SSE_HPP
#define MANIFOLD_SSE_HPP

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace manifold::sse {

class SseParser {
 public:
  enum class Status {
    Ok,        // ready for more bytes
    Stopped,   // the handler asked to stop; further bytes are ignored
    TooLarge,  // one event grew past the cap; further bytes are ignored
  };

  /// Receives the data of one event: its data lines joined by '\n'. Returns
  /// false to stop the parser.
  using DataHandler = std::function<bool(std::string_view data)>;

  /// `maxEventBytes` caps the bytes buffered for a single event.
  explicit SseParser(size_t maxEventBytes) : maxEventBytes_(maxEventBytes) {}

  /// Parses `bytes`. Lines end in "\n", "\r\n" or "\r". Comment lines (":")
  /// and the fields id and retry are ignored; an empty line ends an event.
  Status feed(std::string_view bytes, const DataHandler& onData);

  /// The stream ended: an unterminated last line and a last event that was
  /// not followed by an empty line are still delivered.
  Status finish(const DataHandler& onData);

  /// The `event:` name of the event being handed over ("" when it had none).
  /// Valid only inside the handler.
  std::string_view eventName() const { return event_; }

 private:
  void line(std::string_view text, const DataHandler& onData);
  void dispatch(const DataHandler& onData);

  size_t maxEventBytes_;
  std::string pending_;   // bytes after the last line terminator
  std::string data_;      // data lines of the event being read
  std::string event_;     // its event field
  bool hasData_ = false;  // at least one data line (data_ may be empty)
  bool skipLf_ = false;   // the last line ended in '\r': a leading '\n' belongs to it
  Status status_ = Status::Ok;
};

inline SseParser::Status SseParser::feed(std::string_view bytes, const DataHandler& onData) {
  size_t start = 0;
  for (size_t i = 0; i < bytes.size() && status_ == Status::Ok; ++i) {
    const char c = bytes[i];
    if (c != '\n' && c != '\r') continue;
    if (c == '\n' && skipLf_ && i == start && pending_.empty()) {  // the '\n' of a "\r\n"
      skipLf_ = false;
      start = i + 1;
      continue;
    }
    skipLf_ = c == '\r';
    if (pending_.empty()) {
      line(bytes.substr(start, i - start), onData);
    } else {
      pending_.append(bytes.substr(start, i - start));
      const std::string text = std::move(pending_);
      pending_.clear();
      line(text, onData);
    }
    start = i + 1;
  }
  if (status_ != Status::Ok) return status_;
  if (start < bytes.size()) {
    skipLf_ = false;
    pending_.append(bytes.substr(start));
  }
  if (pending_.size() + data_.size() > maxEventBytes_) status_ = Status::TooLarge;
  return status_;
}

inline SseParser::Status SseParser::finish(const DataHandler& onData) {
  if (status_ != Status::Ok) return status_;
  if (!pending_.empty()) {
    const std::string text = std::move(pending_);
    pending_.clear();
    line(text, onData);
  }
  if (status_ == Status::Ok) dispatch(onData);
  return status_;
}

inline void SseParser::line(std::string_view text, const DataHandler& onData) {
  if (text.empty()) {
    dispatch(onData);
    return;
  }
  if (text.front() == ':') return;  // a comment, such as a keep-alive
  const size_t colon = text.find(':');
  const std::string_view field = text.substr(0, colon);
  std::string_view value =
      colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "event") {
    event_.assign(value);
    if (event_.size() > maxEventBytes_) status_ = Status::TooLarge;
    return;
  }
  if (field != "data") return;  // id, retry and unknown fields mean nothing here
  if (hasData_) data_ += '\n';
  data_.append(value);
  hasData_ = true;
  if (data_.size() > maxEventBytes_) status_ = Status::TooLarge;
}

inline void SseParser::dispatch(const DataHandler& onData) {
  if (!hasData_) {
    event_.clear();
    return;
  }
  const bool more = onData(data_);
  data_.clear();
  event_.clear();
  hasData_ = false;
  if (!more) status_ = Status::Stopped;
}

}  // namespace manifold::sse

#endif  // MANIFOLD_SSE_HPP
