#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"
#include "keys/KeyDirectory.h"

namespace manifold::http {

/// /admin/keys (GET list, POST create) and /admin/keys/{id} (GET, PATCH,
/// DELETE to revoke), with the master key only. A key's secret is shown
/// once, in the answer to its creation; only its hash is kept.
class AdminKeysHandler : public Poco::Net::HTTPRequestHandler {
 public:
  AdminKeysHandler(GatewayContext& context, keys::KeyDirectory& keys, std::string keyId)
      : context_(context), keys_(keys), keyId_(std::move(keyId)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  void create(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);
  void change(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

  GatewayContext& context_;
  keys::KeyDirectory& keys_;
  const std::string keyId_;  ///< "" for the collection
};

}  // namespace manifold::http
