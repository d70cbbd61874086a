#include "upstream/ResponseReader.h"

#include <Poco/String.h>

#include <algorithm>
#include <cstdlib>

namespace manifold::upstream {
namespace {

bool parseStatusLine(const std::string& line, int& status) {
  // "HTTP/1.1 200 OK"
  if (line.compare(0, 5, "HTTP/") != 0) return false;
  const size_t space = line.find(' ');
  if (space == std::string::npos || line.size() < space + 4) return false;
  status = 0;
  for (size_t i = space + 1; i < space + 4; ++i) {
    if (line[i] < '0' || line[i] > '9') return false;
    status = status * 10 + (line[i] - '0');
  }
  return status >= 100 && status <= 999;
}

bool parseHex(const std::string& text, int64_t& value) {
  const std::string digits = text.substr(0, text.find(';'));  // chunk extensions
  if (digits.empty() || digits.size() > 15) return false;
  value = 0;
  for (char c : Poco::trim(digits)) {
    const int d = (c >= '0' && c <= '9')   ? c - '0'
                  : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                           : -1;
    if (d < 0) return false;
    value = value * 16 + d;
  }
  return true;
}

}  // namespace

bool ResponseReader::takeLine(std::string& line) {
  const std::string_view data = connection_.buffered();
  const size_t end = data.find('\n');
  if (end == std::string_view::npos) return false;
  line.assign(data.data(), end);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  connection_.consume(end + 1);
  return true;
}

IoStatus ResponseReader::fillOrFail(Clock::time_point deadline, const CancellationToken* cancel,
                                    std::string& problem) {
  const IoStatus status = connection_.fill(deadline, cancel);
  if (status == IoStatus::Error) problem = connection_.lastError();
  return status;
}

IoStatus ResponseReader::readHead(ResponseHead& head, Clock::time_point deadline,
                                  const CancellationToken* cancel, std::string& problem) {
  size_t headBytes = 0;
  for (;;) {
    head = ResponseHead{};
    std::string line;
    bool statusSeen = false;
    for (;;) {
      while (!takeLine(line)) {
        if (connection_.buffered().size() + headBytes > kMaxHeadBytes) {
          problem = "upstream response head exceeds " + std::to_string(kMaxHeadBytes) + " bytes";
          return IoStatus::Error;
        }
        const IoStatus status = fillOrFail(deadline, cancel, problem);
        if (status != IoStatus::Ok) return status;
      }
      headBytes += line.size() + 2;
      if (headBytes > kMaxHeadBytes || head.headers.size() > kMaxHeaders) {
        problem = "upstream response head is too large";
        return IoStatus::Error;
      }
      if (!statusSeen) {
        if (!parseStatusLine(line, head.status)) {
          problem = "upstream sent a malformed status line";
          return IoStatus::Error;
        }
        head.keepAlive = line.compare(0, 8, "HTTP/1.0") != 0;
        statusSeen = true;
        continue;
      }
      if (line.empty()) break;
      const size_t colon = line.find(':');
      if (colon == std::string::npos || colon == 0) {
        problem = "upstream sent a malformed header line";
        return IoStatus::Error;
      }
      std::string name = line.substr(0, colon);
      std::string value = Poco::trim(line.substr(colon + 1));
      const std::string lower = Poco::toLower(name);
      if (lower == "transfer-encoding" && Poco::icompare(value, "chunked") == 0)
        head.chunked = true;
      if (lower == "content-length") {
        char* end = nullptr;
        const long long n = std::strtoll(value.c_str(), &end, 10);
        if (end == value.c_str() || *end != '\0' || n < 0) {
          problem = "upstream sent an invalid Content-Length";
          return IoStatus::Error;
        }
        head.contentLength = n;
      }
      if (lower == "connection")
        head.keepAlive = Poco::icompare(value, "close") != 0 &&
                         (head.keepAlive || Poco::icompare(value, "keep-alive") == 0);
      head.headers.emplace_back(std::move(name), std::move(value));
    }
    if (head.status >= 200) break;  // 1xx: an interim response; the real one follows
  }
  if (head.chunked) {
    state_ = State::ChunkSize;
    head.contentLength = -1;
  } else if (head.status == 204 || head.status == 304 || head.contentLength == 0) {
    state_ = State::Done;
  } else if (head.contentLength > 0) {
    state_ = State::Data;
    remaining_ = head.contentLength;
  } else {
    state_ = State::UntilClose;
    head.keepAlive = false;
  }
  return IoStatus::Ok;
}

IoStatus ResponseReader::readBody(std::string_view& piece, Clock::time_point deadline,
                                  const CancellationToken* cancel, std::string& problem) {
  connection_.consume(pending_);
  pending_ = 0;
  for (;;) {
    std::string line;
    switch (state_) {
      case State::Done:
        return IoStatus::Closed;
      case State::ChunkSize:
        if (!takeLine(line)) break;
        if (!parseHex(line, remaining_)) {
          problem = "upstream sent a malformed chunk size";
          return IoStatus::Error;
        }
        state_ = remaining_ == 0 ? State::Trailers : State::ChunkData;
        continue;
      case State::ChunkDataEnd:
        if (!takeLine(line)) break;
        state_ = State::ChunkSize;
        continue;
      case State::Trailers:
        if (!takeLine(line)) break;
        if (line.empty()) state_ = State::Done;
        continue;
      case State::Data:
      case State::ChunkData:
      case State::UntilClose: {
        const std::string_view data = connection_.buffered();
        if (data.empty()) break;
        size_t n = data.size();
        if (state_ != State::UntilClose) {
          n = static_cast<size_t>(std::min<int64_t>(remaining_, static_cast<int64_t>(n)));
          remaining_ -= static_cast<int64_t>(n);
          if (remaining_ == 0) state_ = state_ == State::Data ? State::Done : State::ChunkDataEnd;
        }
        piece = data.substr(0, n);
        pending_ = n;
        return IoStatus::Ok;
      }
    }
    if (connection_.buffered().size() > kMaxHeadBytes && state_ != State::UntilClose) {
      problem = "upstream sent an overlong chunk header";
      return IoStatus::Error;
    }
    const IoStatus status = fillOrFail(deadline, cancel, problem);
    if (status == IoStatus::Closed && state_ == State::UntilClose) {
      state_ = State::Done;  // a close-delimited body ends exactly here
      return IoStatus::Closed;
    }
    if (status != IoStatus::Ok) return status;
  }
}

}  // namespace manifold::upstream
