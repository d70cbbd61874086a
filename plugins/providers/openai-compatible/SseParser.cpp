#include "SseParser.h"

namespace openai_compatible {

SseParser::Status SseParser::feed(std::string_view bytes, const DataHandler& onData) {
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

SseParser::Status SseParser::finish(const DataHandler& onData) {
  if (status_ != Status::Ok) return status_;
  if (!pending_.empty()) {
    const std::string text = std::move(pending_);
    pending_.clear();
    line(text, onData);
  }
  if (status_ == Status::Ok) dispatch(onData);
  return status_;
}

void SseParser::line(std::string_view text, const DataHandler& onData) {
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
  if (field != "data") return;  // event, id, retry and unknown fields mean nothing here
  if (hasData_) data_ += '\n';
  data_.append(value);
  hasData_ = true;
  if (data_.size() > maxEventBytes_) status_ = Status::TooLarge;
}

void SseParser::dispatch(const DataHandler& onData) {
  if (!hasData_) return;
  const bool more = onData(data_);
  data_.clear();
  hasData_ = false;
  if (!more) status_ = Status::Stopped;
}

}  // namespace openai_compatible
