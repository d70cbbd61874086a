#pragma once

#include <functional>
#include <string>

#include "http/AccessGuard.h"
#include "keys/Authenticator.h"

namespace manifold::keys {

/// The access guard with gateway keys: /admin/* needs operator rights (the
/// master key, or loopback while none is set); /metrics also takes the
/// metrics token, and the dashboard's read-only views the dashboard token;
/// per-key endpoints take any live key. A virtual key on an
/// operator endpoint gets 403; any authentication failure gets the same 401.
class KeyAccessGuard : public http::AccessGuard {
 public:
  /// An empty token grants nothing: its endpoints need operator rights only.
  KeyAccessGuard(const Authenticator& auth, const std::string& metricsToken,
                 const std::string& dashboardToken);

  std::optional<http::Caller> requireMaster(Poco::Net::HTTPServerRequest& request,
                                            Poco::Net::HTTPServerResponse& response) override;
  std::optional<http::Caller> requireMetricsReader(
      Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;
  std::optional<http::Caller> requireDashboardReader(
      Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;
  std::optional<http::Caller> requireKey(Poco::Net::HTTPServerRequest& request,
                                         Poco::Net::HTTPServerResponse& response) override;

 private:
  /// The caller, or nullopt after answering 401.
  std::optional<Identity> identify(Poco::Net::HTTPServerRequest& request,
                                   Poco::Net::HTTPServerResponse& response);

  /// The master, or a caller presenting the token whose SHA-256 is given
  /// (none when empty); nullopt after answering 401 or 403.
  std::optional<http::Caller> requireMasterOrToken(Poco::Net::HTTPServerRequest& request,
                                                   Poco::Net::HTTPServerResponse& response,
                                                   const std::string& tokenSha256);

  const Authenticator& auth_;
  const std::string metricsTokenSha256_;
  const std::string dashboardTokenSha256_;
};

}  // namespace manifold::keys
