#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include "http/GatewayContext.h"

namespace manifold::http {

/// POST /v1/chat/completions in the OpenAI contract. It walks the route's
/// engines in order and commits to one only when its first content event
/// arrives: a step that fails before that is invisible to the client.
class ChatCompletionsHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit ChatCompletionsHandler(GatewayContext& context) : context_(context) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
};

}  // namespace manifold::http
