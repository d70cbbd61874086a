#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"

namespace manifold::http {

/// GET /admin/plugins (master or dashboard token): every loaded plugin (id, version, ABI, the kinds
/// the host loaded from it, the kinds it declared that this host does not know, file) and every
/// refused file with its reason.
class AdminPluginsHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit AdminPluginsHandler(GatewayContext& context) : context_(context) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
};

}  // namespace manifold::http
