#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "upstream/HttpExchange.h"
#include "upstream/UpstreamConnection.h"

namespace manifold::upstream {

/// The parsed status line and headers of an HTTP/1.1 response.
struct ResponseHead {
  int status = 0;
  HeaderList headers;
  bool chunked = false;
  int64_t contentLength = -1;  ///< -1: until chunked end or close
  bool keepAlive = true;
};

/// Reads one HTTP/1.1 response from a connection: the head (with size limits)
/// and then the body, de-chunked, piece by piece as bytes arrive.
class ResponseReader {
 public:
  static constexpr size_t kMaxHeadBytes = 64 * 1024;
  static constexpr size_t kMaxHeaders = 128;

  explicit ResponseReader(UpstreamConnection& connection) : connection_(connection) {}

  /// Reads the head; 1xx interim responses are skipped. On failure `problem`
  /// says why.
  IoStatus readHead(ResponseHead& head, Clock::time_point deadline, const CancellationToken* cancel,
                    std::string& problem);

  /// Hands the next body piece to `piece` (a view valid until the next call).
  /// Returns Closed with done() true when the body ended properly.
  IoStatus readBody(std::string_view& piece, Clock::time_point deadline,
                    const CancellationToken* cancel, std::string& problem);

  /// The body ended where its framing says it ends, so the connection may be reused.
  bool done() const { return state_ == State::Done; }

 private:
  enum class State { Data, ChunkSize, ChunkData, ChunkDataEnd, Trailers, UntilClose, Done };

  IoStatus fillOrFail(Clock::time_point deadline, const CancellationToken* cancel,
                      std::string& problem);
  /// Takes one CRLF-terminated line from the buffer, if whole.
  bool takeLine(std::string& line);

  UpstreamConnection& connection_;
  State state_ = State::Data;
  int64_t remaining_ = 0;
  size_t pending_ = 0;  // bytes of the last piece, consumed on the next call
};

}  // namespace manifold::upstream
