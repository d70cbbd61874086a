#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <memory>

#include "api/ChatCodec.h"
#include "http/GatewayContext.h"

namespace manifold::api {

/// The HTTP side of a chat request, whatever API it came in: reads the body
/// under its limits, parses it with the dialect's codec, and runs it as a
/// turn (turn/Turn.h) with a cancellation token that trips when the client
/// hangs up. A refused turn is answered with an error in the OpenAI shape
/// (which is Anthropic's too).
class ChatEndpoint : public Poco::Net::HTTPRequestHandler {
 public:
  ChatEndpoint(http::GatewayContext& context, std::unique_ptr<ChatCodec> codec, std::string api)
      : context_(context), codec_(std::move(codec)), api_(std::move(api)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  http::GatewayContext& context_;
  std::unique_ptr<ChatCodec> codec_;
  const std::string api_;
};

}  // namespace manifold::api
