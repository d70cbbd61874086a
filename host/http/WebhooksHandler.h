#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

#include "http/GatewayContext.h"

namespace manifold::http {

/// POST /webhooks/{dispatcher}[/{service}]: a dispatcher's remote service
/// reporting on a task. The body is read under tasks.webhook_max_body_bytes
/// and verified (tasks::WebhookReceiver) before anything parses it. Answers
/// 204, or 401 with the reason code of a refusal. No gateway key: the
/// signature is the sender's credential.
class WebhooksHandler : public Poco::Net::HTTPRequestHandler {
 public:
  WebhooksHandler(GatewayContext& context, std::string dispatcher, std::string service)
      : context_(context), dispatcher_(std::move(dispatcher)), service_(std::move(service)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
  const std::string dispatcher_;
  const std::string service_;
};

}  // namespace manifold::http
