#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "upstream/CancellationToken.h"

namespace manifold::upstream {

using Clock = std::chrono::steady_clock;
using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// An outbound HTTP request made by the host on a plugin's behalf.
struct OutboundRequest {
  std::string method = "GET";
  std::string url;
  HeaderList headers;
  std::string body;
  int64_t timeoutMs = 0;  ///< 0: the client's default, per wait
  /// When set, the response head must arrive by then (connect included).
  Clock::time_point headDeadline{};
  /// Borrowed; may be null. Tripped, every wait of this exchange ends at once.
  const CancellationToken* cancel = nullptr;
};

/// Where a response goes: head first, then body chunks. onChunk returns false
/// to stop reading. readDeadline, when set, is asked before every body wait
/// for the time by which more bytes must arrive.
struct ResponseHandler {
  std::function<void(int status, const HeaderList& headers)> onHead;
  std::function<bool(std::string_view chunk)> onChunk;
  std::function<Clock::time_point()> readDeadline;
};

/// Why an exchange failed. `afterHead` tells a stream cut mid-body from a
/// failure before any response.
struct TransportFailure {
  enum class Kind {
    None,
    Refused,
    Unreachable,
    Timeout,
    Forbidden,
    InvalidUrl,
    Tls,
    Io,
    Cancelled
  };
  Kind kind = Kind::None;
  std::string message;
  bool afterHead = false;
  explicit operator bool() const { return kind != Kind::None; }
};

/// Sends outbound HTTP requests. Implementations own timeouts, TLS, pooling
/// and the egress policy.
class HttpExchange {
 public:
  virtual ~HttpExchange() = default;
  virtual TransportFailure send(const OutboundRequest& request, const ResponseHandler& handler) = 0;
};

}  // namespace manifold::upstream
