// A server-sent events parser (the WHATWG event-stream format) that accepts
// bytes split anywhere and hands over the data of each complete event.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace openai_compatible {

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
  /// and the fields event, id and retry are ignored; an empty line ends an event.
  Status feed(std::string_view bytes, const DataHandler& onData);

  /// The stream ended: an unterminated last line and a last event that was
  /// not followed by an empty line are still delivered.
  Status finish(const DataHandler& onData);

 private:
  void line(std::string_view text, const DataHandler& onData);
  void dispatch(const DataHandler& onData);

  size_t maxEventBytes_;
  std::string pending_;   // bytes after the last line terminator
  std::string data_;      // data lines of the event being read
  bool hasData_ = false;  // at least one data line (data_ may be empty)
  bool skipLf_ = false;   // the last line ended in '\r': a leading '\n' belongs to it
  Status status_ = Status::Ok;
};

}  // namespace openai_compatible
