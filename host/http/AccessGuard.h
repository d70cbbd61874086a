#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <optional>
#include <string>

namespace manifold::http {

/// Who is calling a non-chat endpoint, once let in.
struct Caller {
  bool master = false;  ///< the master key, or an anonymous loopback caller with none set
  std::string keyId;    ///< a virtual key's id; "" for the master
};

/// Decides who may call the endpoints that are not chat turns (/admin/*,
/// /metrics, /v1/usage ...). A refusal has already been answered (401 with
/// the OpenAI error body) and logged when these return nullopt.
class AccessGuard {
 public:
  virtual ~AccessGuard() = default;
  /// /admin/*: the master key only.
  virtual std::optional<Caller> requireMaster(Poco::Net::HTTPServerRequest& request,
                                              Poco::Net::HTTPServerResponse& response) = 0;
  /// /metrics: the master key or the configured metrics token.
  virtual std::optional<Caller> requireMetricsReader(Poco::Net::HTTPServerRequest& request,
                                                     Poco::Net::HTTPServerResponse& response) = 0;
  /// The read-only admin views the dashboard shows (GET /admin/health,
  /// /admin/usage, /admin/plugins): the master key or the dashboard token.
  virtual std::optional<Caller> requireDashboardReader(Poco::Net::HTTPServerRequest& request,
                                                       Poco::Net::HTTPServerResponse& response) = 0;
  /// Per-key endpoints (/v1/usage): any valid gateway key, or the master.
  virtual std::optional<Caller> requireKey(Poco::Net::HTTPServerRequest& request,
                                           Poco::Net::HTTPServerResponse& response) = 0;
};

}  // namespace manifold::http
