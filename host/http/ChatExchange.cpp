#include "http/ChatExchange.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerRequestImpl.h>

#include "chat/PromptCache.h"
#include "http/ClientSocketWatch.h"
#include "http/HttpReplies.h"
#include "http/OpenAiChunkWriter.h"
#include "plugins/AbiStrings.h"
#include "router/RequestText.h"
#include "trust/RequestGuard.h"

namespace manifold::http {
namespace {

using failover::ChainOutcome;
using Poco::Net::HTTPResponse;

Poco::Logger& logger() {
  return Poco::Logger::get("chat");
}

HTTPResponse::HTTPStatus rejectedStatus(const mf_error& e) {
  if (e.upstream_status >= 400 && e.upstream_status < 500 && e.upstream_status != 401 &&
      e.upstream_status != 403 && e.upstream_status != 429)
    return static_cast<HTTPResponse::HTTPStatus>(e.upstream_status);
  return HTTPResponse::HTTP_BAD_REQUEST;
}

// The client gets an error only for what it caused, or when every step failed.
void sendOutcomeError(Poco::Net::HTTPServerResponse& response, const ChainOutcome& outcome,
                      const std::string& model) {
  response.set("x-manifold-attempts", std::to_string(outcome.attempts));
  if (!outcome.lastEngine.empty()) response.set("x-manifold-engine", outcome.lastEngine);
  const std::string reason = plugins::errorMessage(outcome.error);
  switch (outcome.kind) {
    case ChainOutcome::Kind::Rejected:
      sendError(response, rejectedStatus(outcome.error), reason, "",
                openAiErrorCode(outcome.error.code));
      return;
    case ChainOutcome::Kind::ContextTooLong:
      sendError(
          response, HTTPResponse::HTTP_BAD_REQUEST,
          "the conversation is longer than any engine for \"" + model + "\" accepts: " + reason,
          "messages", "context_length_exceeded");
      return;
    default:
      break;
  }
  if (outcome.error.code == MF_ERR_RATE_LIMITED && outcome.error.retry_after_ms > 0) {
    response.set("Retry-After", std::to_string((outcome.error.retry_after_ms + 999) / 1000));
    sendError(response, HTTPResponse::HTTP_TOO_MANY_REQUESTS,
              "every engine for \"" + model + "\" is rate limited: " + outcome.summary, "",
              "rate_limited");
    return;
  }
  sendError(
      response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
      (outcome.attempts == 0 ? "no engine is available for \"" : "every engine failed for \"") +
          model + "\": " + outcome.summary,
      "", outcome.attempts == 0 ? "no_engine_available" : "all_engines_failed");
}

}  // namespace

std::optional<RouteChoice> ChatExchange::chooseRoute(const Poco::Net::HTTPServerRequest& request,
                                                     const chat::ChatRequest& chat) {
  std::optional<std::string> requested = codec_->requestedRoute();
  if (!requested && request.has("x-manifold-mode")) requested = request.get("x-manifold-mode");
  if (requested && (requested->empty() || *requested == "auto")) requested.reset();
  const bool autoModel = chat.model == "auto" || chat.model == "mode/auto";
  if (!requested && !autoModel) return RouteChoice{};  // the model names the route

  // An operator's own mode ("mode/custom-team") is honoured as it is; the
  // router knows the built-in modes and the plugins' intents.
  if (requested) {
    const std::string name = requested->rfind("mode/", 0) == 0 ? requested->substr(5) : *requested;
    if (context_.engines().mode(name) && !router::modeFromName(name)) return RouteChoice{name, {}};
  }
  std::string scratch;
  const router::RouterInput input = router::routerInputFor(chat, scratch);
  router::RouteResult result = context_.router().decide(requested, input);
  if (!result.ok()) {
    routeProblem_ = result.error;
    return std::nullopt;
  }
  // A plugin intent has no chain of its own yet: the mode the text would
  // have gone to serves it, and the decision still names the intent. A mode
  // the operator did not configure falls back to smart, unless asked for.
  std::string mode(router::modeName(result.decision->mode));
  if (!requested && !context_.engines().mode(mode)) mode = "smart";
  return RouteChoice{mode, std::move(result.decision)};
}

void ChatExchange::handleRequest(Poco::Net::HTTPServerRequest& request,
                                 Poco::Net::HTTPServerResponse& response) {
  const std::string requestId = response.get("x-request-id", "");
  const config::ServerConfig& server = context_.config().server;
  std::optional<std::string> body = readBody(request, response, server.maxBodyBytes,
                                             std::chrono::milliseconds(server.bodyTimeoutMs));
  if (!body) return;

  ingress::RequestProblem problem;
  std::optional<chat::ChatRequest> chat = codec_->parse(*body, problem);
  if (!chat) {
    logger().information("[%s] rejected request: %s", requestId, problem.message);
    sendError(response, HTTPResponse::HTTP_BAD_REQUEST, problem.message, problem.param);
    return;
  }

  chat::markPromptCache(*chat, context_.config().promptCache);

  failover::ChainRequest chain;
  chain.request = &*chat;
  chain.requestId = requestId;
  std::optional<RouteChoice> route = chooseRoute(request, *chat);
  if (!route) {
    sendError(response, HTTPResponse::HTTP_BAD_REQUEST, routeProblem_, "mode", "unknown_mode");
    return;
  }
  chain.mode = route->mode;
  if (route->decision)
    logger().information("[%s] routed to %s by %s (confidence %.2f)", requestId,
                         route->decision->target(), route->decision->rule,
                         route->decision->confidence);
  if (route->mode.empty()) {
    chain.chain = context_.engines().routeFor(chat->model, chain.mode);
  } else if (const config::ModeConfig* chosen = context_.engines().mode(route->mode)) {
    chain.chain = chosen->chain;
  }
  if (chain.chain.empty()) {
    const std::string what =
        route->mode.empty() ? "model \"" + chat->model + "\"" : "mode \"" + route->mode + "\"";
    sendError(response, HTTPResponse::HTTP_NOT_FOUND, what + " matches no engine or mode",
              route->mode.empty() ? "model" : "mode", "model_not_found");
    return;
  }
  // After routing, which reads the user's own words, not the fence around them.
  const trust::BoundaryMarkers markers = trust::markersFor(*chat);
  *chat = trust::guardRequest(std::move(*chat), context_.config().trust, markers);
  const config::ModeConfig* mode = context_.engines().mode(chain.mode);
  if (mode) chain.policy = *mode;
  ClientSocketWatch watch(static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket());
  chain.watch = &watch;

  if (route->decision) response.set("x-manifold-route-rule", route->decision->rule);
  const std::unique_ptr<failover::AnswerSink> sink =
      codec_->answerSink(response, *chat, requestId, *route);
  const ChainOutcome outcome = context_.failover().run(chain, *sink);
  switch (outcome.kind) {
    case ChainOutcome::Kind::Answered:
    case ChainOutcome::Kind::FailedAfterCommit:
      return;
    case ChainOutcome::Kind::ClientGone:
      logger().information("[%s] the client went away; upstream work stopped", requestId);
      response.setKeepAlive(false);
      return;
    default:
      if (outcome.kind != ChainOutcome::Kind::Rejected)
        logger().error("[%s] no engine could answer %s: %s", requestId, chat->model,
                       outcome.summary);
      sendOutcomeError(response, outcome, chat->model);
  }
}

}  // namespace manifold::http
