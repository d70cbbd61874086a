#include "ResponseParser.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

namespace manifold::bench {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trimmed(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r") + 1 - begin);
}

/// True when `payload` holds `"content":"<at least one character>`.
bool hasContent(const std::string& payload) {
  static const std::string key = "\"content\":";
  for (size_t at = payload.find(key); at != std::string::npos; at = payload.find(key, at + 1)) {
    size_t i = at + key.size();
    while (i < payload.size() && payload[i] == ' ') ++i;
    if (i + 1 < payload.size() && payload[i] == '"' && payload[i + 1] != '"') return true;
  }
  return false;
}

}  // namespace

void ResponseParser::feed(const char* data, size_t size) {
  while (size > 0 && state_ != State::Complete && state_ != State::Malformed) {
    const size_t used = state_ == State::Body ? feedBody(data, size) : feedHead(data, size);
    data += used;
    size -= used;
  }
}

void ResponseParser::closed() {
  if (state_ == State::Body && !chunked_ && contentLength_ < 0) {
    if (!sseLine_.empty()) sseLine(sseLine_);
    state_ = State::Complete;
  }
}

size_t ResponseParser::feedHead(const char* data, size_t size) {
  const char* newline = static_cast<const char*>(std::memchr(data, '\n', size));
  if (!newline) {
    line_.append(data, size);
    if (line_.size() > 65536) state_ = State::Malformed;
    return size;
  }
  line_.append(data, newline);
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  headLine(line_);
  line_.clear();
  return static_cast<size_t>(newline - data) + 1;
}

void ResponseParser::headLine(const std::string& line) {
  if (state_ == State::StatusLine) {
    // "HTTP/1.1 200 OK"
    if (line.compare(0, 5, "HTTP/") != 0 || line.size() < 12) {
      state_ = State::Malformed;
      return;
    }
    keepAlive_ = line.compare(0, 8, "HTTP/1.0") != 0;
    status_ = std::atoi(line.c_str() + 9);
    state_ = State::Headers;
    return;
  }
  if (!line.empty()) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) return;
    const std::string name = lower(line.substr(0, colon));
    const std::string value = lower(trimmed(line.substr(colon + 1)));
    if (name == "transfer-encoding") chunked_ = value.find("chunked") != std::string::npos;
    if (name == "content-length") contentLength_ = std::atoll(value.c_str());
    if (name == "connection") keepAlive_ = value.find("close") == std::string::npos;
    return;
  }
  // The blank line ends the head.
  state_ = State::Body;
  if (chunked_) {
    contentLength_ = -1;
  } else if (contentLength_ >= 0) {
    remaining_ = contentLength_;
    if (remaining_ == 0) state_ = State::Complete;
  } else {
    keepAlive_ = false;  // read until close
  }
  if (status_ == 204 || status_ == 304) state_ = State::Complete;
}

size_t ResponseParser::feedBody(const char* data, size_t size) {
  if (chunked_) return feedChunked(data, size);
  if (contentLength_ < 0) {
    bodyBytes(data, size);
    return size;
  }
  const size_t take = std::min(size, static_cast<size_t>(remaining_));
  bodyBytes(data, take);
  remaining_ -= static_cast<int64_t>(take);
  if (remaining_ == 0) {
    if (!sseLine_.empty()) sseLine(sseLine_);
    state_ = State::Complete;
  }
  return take;
}

size_t ResponseParser::feedChunked(const char* data, size_t size) {
  if (chunk_ == Chunk::Data) {
    const size_t take = std::min(size, static_cast<size_t>(remaining_));
    bodyBytes(data, take);
    remaining_ -= static_cast<int64_t>(take);
    if (remaining_ == 0) chunk_ = Chunk::DataEnd;
    return take;
  }
  const char* newline = static_cast<const char*>(std::memchr(data, '\n', size));
  if (!newline) {
    line_.append(data, size);
    if (line_.size() > 4096) state_ = State::Malformed;
    return size;
  }
  line_.append(data, newline);
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  const std::string line = std::move(line_);
  line_.clear();
  switch (chunk_) {
    case Chunk::Size: {
      char* end = nullptr;
      remaining_ = static_cast<int64_t>(std::strtoll(line.c_str(), &end, 16));
      if (end == line.c_str() || remaining_ < 0) {
        state_ = State::Malformed;
      } else {
        chunk_ = remaining_ == 0 ? Chunk::Trailer : Chunk::Data;
      }
      break;
    }
    case Chunk::DataEnd:
      if (!line.empty()) state_ = State::Malformed;
      chunk_ = Chunk::Size;
      break;
    case Chunk::Trailer:
      if (line.empty()) {
        if (!sseLine_.empty()) sseLine(sseLine_);
        state_ = State::Complete;
      }
      break;
    case Chunk::Data:
      break;
  }
  return static_cast<size_t>(newline - data) + 1;
}

void ResponseParser::bodyBytes(const char* data, size_t size) {
  const char* end = data + size;
  while (data < end) {
    const char* newline = static_cast<const char*>(std::memchr(data, '\n', end - data));
    if (!newline) {
      sseLine_.append(data, end);
      return;
    }
    sseLine_.append(data, newline);
    sseLine(sseLine_);
    sseLine_.clear();
    data = newline + 1;
  }
}

void ResponseParser::sseLine(const std::string& line) {
  if (line.compare(0, 5, "data:") != 0) return;
  size_t start = 5;
  if (start < line.size() && line[start] == ' ') ++start;
  std::string payload = line.substr(start);
  if (!payload.empty() && payload.back() == '\r') payload.pop_back();
  if (payload == "[DONE]") {
    sawDone_ = true;
  } else if (!sawContent_ && hasContent(payload)) {
    sawContent_ = true;
  }
}

}  // namespace manifold::bench
