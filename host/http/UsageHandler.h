#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"

namespace manifold::http {

/// GET /v1/usage: the caller's own usage (any gateway key; the master sees
/// the requests made with no key). GET /admin/usage: every key's, or one
/// key's with ?key_id= (master or dashboard token). Both take ?from= and ?to= (UTC dates,
/// YYYY-MM-DD, both included; the last 30 days by default) and count the
/// billed requests, their tokens and cost, by day and by model.
class UsageHandler : public Poco::Net::HTTPRequestHandler {
 public:
  enum class Scope { OwnKey, EveryKey };
  UsageHandler(GatewayContext& context, Scope scope) : context_(context), scope_(scope) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
  const Scope scope_;
};

}  // namespace manifold::http
