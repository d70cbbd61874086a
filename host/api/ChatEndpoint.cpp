#include "api/ChatEndpoint.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/StreamSocket.h>

#include "http/ClientHangupMonitor.h"
#include "http/ConnectionGuard.h"
#include "http/GatewayResponse.h"
#include "http/HttpReplies.h"
#include "turn/Turn.h"

namespace manifold::api {
namespace {

using Poco::Net::HTTPResponse;

Poco::Logger& logger() {
  return Poco::Logger::get("chat");
}

}  // namespace

void ChatEndpoint::handleRequest(Poco::Net::HTTPServerRequest& request,
                                 Poco::Net::HTTPServerResponse& response) {
  const http::InFlightRequests::Hold hold(context_.inFlight());
  const std::string requestId = response.get("x-request-id", "");
  const config::ServerConfig& server = context_.snapshot()->config.server;
  std::optional<std::string> body = http::readBody(request, response, server.maxBodyBytes,
                                                   std::chrono::milliseconds(server.bodyTimeoutMs));
  if (!body) return;

  RequestProblem problem;
  std::optional<chat::ChatRequest> chat = codec_->parse(*body, problem);
  body.reset();
  if (!chat) {
    logger().information("[%s] rejected request: %s", requestId, problem.message);
    http::sendError(response, HTTPResponse::HTTP_BAD_REQUEST, problem.message, problem.param);
    return;
  }

  turn::TurnRequest turnRequest;
  turnRequest.chat = std::move(*chat);
  turnRequest.requestId = requestId;
  turnRequest.api = api_;
  turnRequest.requestedRoute = codec_->requestedRoute();
  if (!turnRequest.requestedRoute && request.has("x-manifold-mode"))
    turnRequest.requestedRoute = request.get("x-manifold-mode");
  turnRequest.conversation = codec_->requestedConversation();
  if (!turnRequest.conversation && request.has("x-manifold-conversation"))
    turnRequest.conversation = request.get("x-manifold-conversation");
  else if (!turnRequest.conversation && api_ == "native" &&
           context_.snapshot()->config.conversations.autoStart)
    turnRequest.conversation = "new";
  if (turnRequest.conversation && turnRequest.conversation->empty())
    turnRequest.conversation.reset();
  turnRequest.authorization = request.get("Authorization", "");
  turnRequest.apiKeyHeader = request.get("x-api-key", "");
  turnRequest.loopbackPeer = request.clientAddress().host().isLoopback();

  // The connection's own token when it has one; else one for this request.
  http::ConnectionGuard* connection = http::ConnectionGuard::current();
  upstream::CancellationToken* cancel = connection ? connection->hangupToken() : nullptr;
  std::optional<upstream::CancellationToken> own;
  std::optional<http::ClientHangupMonitor::Watch> watch;
  if (!cancel) {
    cancel = &own.emplace();
    watch.emplace(context_.hangups(),
                  static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket().impl()->sockfd(),
                  *cancel);
  }
  turn::Turn turn(context_.turns(), cancel);
  const turn::TurnResult result = turn.run(
      std::move(turnRequest), [&](const turn::TurnRequest& prepared, const turn::TurnRoute& route) {
        http::setGatewayHeader(response, "x-manifold-route-rule", route.decision.rule);
        for (const auto& [name, value] : prepared.responseHeaders)
          http::setGatewayHeader(response, name, value);
        return codec_->answerSink(response, prepared.chat, requestId, route);
      });
  switch (result.kind) {
    case turn::TurnResult::Kind::Answered:
    case turn::TurnResult::Kind::FailedAfterCommit:
      return;
    case turn::TurnResult::Kind::ClientGone:
      response.setKeepAlive(false);
      return;
    case turn::TurnResult::Kind::Refused:
      for (const auto& [name, value] : result.error.headers)
        http::setGatewayHeader(response, name, value);
      http::sendError(response, static_cast<HTTPResponse::HTTPStatus>(result.error.status),
                      result.error.message, result.error.param, result.error.code);
  }
}

}  // namespace manifold::api
