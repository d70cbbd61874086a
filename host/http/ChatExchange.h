#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <memory>

#include "http/ChatCodec.h"
#include "http/GatewayContext.h"

namespace manifold::http {

/// One chat request, whatever API it came in: read the body, parse it with
/// the codec, route it, walk the chain, and answer through the codec's sink,
/// or with an error the client can act on.
class ChatExchange : public Poco::Net::HTTPRequestHandler {
 public:
  ChatExchange(GatewayContext& context, std::unique_ptr<ChatCodec> codec)
      : context_(context), codec_(std::move(codec)) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
  std::unique_ptr<ChatCodec> codec_;
};

}  // namespace manifold::http
