#include "keys/KeyAccessGuard.h"

#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include "http/HttpReplies.h"
#include "keys/Credentials.h"
#include "keys/KeyAdmission.h"
#include "keys/Secrets.h"

namespace manifold::keys {
namespace {

using Poco::Net::HTTPResponse;

int64_t nowMs() {
  return Poco::Timestamp().epochMicroseconds() / 1000;
}

http::Caller callerOf(const Identity& identity) {
  return http::Caller{identity.operatorRights(), identity.key ? identity.key->id : std::string()};
}

std::string tokenDigest(const std::string& token) {
  return token.empty() ? "" : sha256Hex(token);
}

}  // namespace

KeyAccessGuard::KeyAccessGuard(const Authenticator& auth, const std::string& metricsToken,
                               const std::string& dashboardToken)
    : auth_(auth),
      metricsTokenSha256_(tokenDigest(metricsToken)),
      dashboardTokenSha256_(tokenDigest(dashboardToken)) {}

std::optional<Identity> KeyAccessGuard::identify(Poco::Net::HTTPServerRequest& request,
                                                 Poco::Net::HTTPServerResponse& response) {
  std::variant<Identity, AuthFailure> who =
      auth_.authenticate(request.get("Authorization", ""), request.get("x-api-key", ""),
                         request.clientAddress().host().isLoopback(), nowMs());
  if (const AuthFailure* failure = std::get_if<AuthFailure>(&who)) {
    const turn::TurnError e = unauthorized(*failure);
    Poco::Logger::get("auth").information(
        "[%s] refused %s %s from %s: not authenticated", response.get("x-request-id", ""),
        request.getMethod(), request.getURI(), request.clientAddress().host().toString());
    http::sendError(response, HTTPResponse::HTTP_UNAUTHORIZED, e.message, "", e.code);
    return std::nullopt;
  }
  return std::get<Identity>(who);
}

std::optional<http::Caller> KeyAccessGuard::requireMaster(Poco::Net::HTTPServerRequest& request,
                                                          Poco::Net::HTTPServerResponse& response) {
  const std::optional<Identity> who = identify(request, response);
  if (!who) return std::nullopt;
  if (!who->operatorRights()) {
    http::sendError(response, HTTPResponse::HTTP_FORBIDDEN,
                    "this endpoint needs the master key; a virtual key cannot call it", "",
                    "master_key_required");
    return std::nullopt;
  }
  return callerOf(*who);
}

std::optional<http::Caller> KeyAccessGuard::requireMasterOrToken(
    Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
    const std::string& tokenSha256) {
  if (!tokenSha256.empty()) {
    const std::optional<std::string> secret =
        presentedSecret(request.get("Authorization", ""), request.get("x-api-key", ""));
    if (secret && constantTimeEquals(sha256Hex(*secret), tokenSha256))
      return http::Caller{false, ""};
  }
  return requireMaster(request, response);
}

std::optional<http::Caller> KeyAccessGuard::requireMetricsReader(
    Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
  return requireMasterOrToken(request, response, metricsTokenSha256_);
}

std::optional<http::Caller> KeyAccessGuard::requireDashboardReader(
    Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
  return requireMasterOrToken(request, response, dashboardTokenSha256_);
}

std::optional<http::Caller> KeyAccessGuard::requireKey(Poco::Net::HTTPServerRequest& request,
                                                       Poco::Net::HTTPServerResponse& response) {
  const std::optional<Identity> who = identify(request, response);
  if (!who) return std::nullopt;
  return callerOf(*who);
}

}  // namespace manifold::keys
