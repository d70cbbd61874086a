#pragma once

#include <Poco/Net/HTTPServerResponseImpl.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace manifold::http {

/// The response every gateway connection answers with. Poco keeps headers in
/// a list it searches case-insensitively on every set(), so each header costs
/// a scan of all the others; a chat answer carries a dozen (route, rate
/// limits), and that scan was most of what a gateway key added to a request.
/// Headers given to setFast() skip the list: they are kept apart, in order,
/// and written after Poco's own in one piece with the status line.
class GatewayResponse : public Poco::Net::HTTPServerResponseImpl {
 public:
  using HTTPServerResponseImpl::HTTPServerResponseImpl;

  /// Sets a header the gateway itself names (x-manifold-*, x-ratelimit-*,
  /// Retry-After); `name` is a string literal. A second call with the same name (ASCII case
  /// ignored) replaces the first, as set() does. Such a name must not also be set through set() or
  /// add().
  void setFast(std::string_view name, std::string value);

  void write(std::ostream& out) const override;

 private:
  std::vector<std::pair<std::string_view, std::string>> fast_;  ///< names: literals
};

/// setFast() on a GatewayResponse, set() on any other response. `name` is a
/// string literal.
void setGatewayHeader(Poco::Net::HTTPServerResponse& response, std::string_view name,
                      std::string value);

}  // namespace manifold::http
