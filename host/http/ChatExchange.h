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
  /// The mode for this request: from the request's explicit choice (the
  /// codec's field, else the x-manifold-mode header), else from the router
  /// when the model is "auto", else empty (the model names an engine, a
  /// "mode/<name>" or a name the keyword rules map). Nullopt, with
  /// routeProblem_ set, when the explicit choice names nothing known.
  std::optional<RouteChoice> chooseRoute(const Poco::Net::HTTPServerRequest& request,
                                         const chat::ChatRequest& chat);

  GatewayContext& context_;
  std::unique_ptr<ChatCodec> codec_;
  std::string routeProblem_;
};

}  // namespace manifold::http
