#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace manifold::bench {

/// Incremental parser for one HTTP/1.1 response carrying an OpenAI SSE stream.
/// It frames the body (chunked, Content-Length or until close), then scans the
/// decoded body for SSE `data:` lines: the first chunk whose delta has a
/// non-empty `"content"` (a role-only delta does not count), and `[DONE]`.
class ResponseParser {
 public:
  enum class State { StatusLine, Headers, Body, Complete, Malformed };

  /// Consumes bytes as they arrive; stops at Complete or Malformed.
  void feed(const char* data, size_t size);
  /// The peer closed: a body read until close is now complete.
  void closed();
  void reset() { *this = ResponseParser(); }

  State state() const { return state_; }
  bool complete() const { return state_ == State::Complete; }
  bool headComplete() const { return state_ == State::Body || state_ == State::Complete; }
  int status() const { return status_; }
  bool keepAlive() const { return keepAlive_; }
  bool sawContent() const { return sawContent_; }
  bool sawDone() const { return sawDone_; }

 private:
  enum class Chunk { Size, Data, DataEnd, Trailer };

  size_t feedHead(const char* data, size_t size);
  void headLine(const std::string& line);
  size_t feedBody(const char* data, size_t size);
  size_t feedChunked(const char* data, size_t size);
  void bodyBytes(const char* data, size_t size);
  void sseLine(const std::string& line);

  State state_ = State::StatusLine;
  std::string line_;  ///< partial head, chunk-size or SSE line
  int status_ = 0;
  bool keepAlive_ = true;
  bool chunked_ = false;
  int64_t contentLength_ = -1;  ///< -1: read until close (unless chunked)
  int64_t remaining_ = 0;       ///< bytes left in this chunk or body
  Chunk chunk_ = Chunk::Size;
  std::string sseLine_;
  bool sawContent_ = false;
  bool sawDone_ = false;
};

}  // namespace manifold::bench
