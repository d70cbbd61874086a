#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace manifold::upstream {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// An outbound HTTP request made by the host on a plugin's behalf.
struct OutboundRequest {
  std::string method = "GET";
  std::string url;
  HeaderList headers;
  std::string body;
  int64_t timeoutMs = 0;  ///< 0: the client's default
};

/// Where a response goes: head first, then body chunks. onChunk returns false
/// to stop reading.
struct ResponseHandler {
  std::function<void(int status, const HeaderList& headers)> onHead;
  std::function<bool(std::string_view chunk)> onChunk;
};

/// Why an exchange failed before a response arrived.
struct TransportFailure {
  enum class Kind { None, Refused, Timeout, Forbidden, InvalidUrl, Io };
  Kind kind = Kind::None;
  std::string message;
  explicit operator bool() const { return kind != Kind::None; }
};

/// Sends outbound HTTP requests. Implementations own timeouts, TLS and the
/// egress policy.
class HttpExchange {
 public:
  virtual ~HttpExchange() = default;
  virtual TransportFailure send(const OutboundRequest& request, const ResponseHandler& handler) = 0;
};

}  // namespace manifold::upstream
