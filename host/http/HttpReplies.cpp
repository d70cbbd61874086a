#include "http/HttpReplies.h"

#include <Poco/JSON/Stringifier.h>
#include <Poco/URI.h>

#include <sstream>

#include "http/ConnectionGuard.h"
#include "http/GatewayResponse.h"

namespace manifold::http {

std::string errorTypeFor(int status) {
  switch (status) {
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}

void sendValue(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const json::Value& body) {
  const std::string text = json::stringify(body);
  response.setStatusAndReason(status);
  response.setContentType("application/json");
  response.setContentLength(static_cast<std::streamsize>(text.size()));
  response.send() << text;
}

std::optional<int64_t> pageLimit(const Poco::Net::HTTPServerRequest& request,
                                 Poco::Net::HTTPServerResponse& response, int64_t fallback) {
  const std::string text = queryParameter(request, "limit");
  if (text.empty()) return fallback;
  const std::optional<json::Value> parsed = json::parse(text);
  if (!parsed || !parsed->isInt() || parsed->asInt() < 1 || parsed->asInt() > 100) {
    sendError(response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST,
              "limit must be an integer from 1 to 100", "limit", "invalid_value");
    return std::nullopt;
  }
  return parsed->asInt();
}

void setRouteHeaders(Poco::Net::HTTPServerResponse& response, const failover::RouteInfo& route) {
  if (!route.engineId.empty()) setGatewayHeader(response, "x-manifold-engine", route.engineId);
  if (!route.taskId.empty()) setGatewayHeader(response, "x-manifold-task", route.taskId);
  if (!route.conversationId.empty())
    setGatewayHeader(response, "x-manifold-conversation", route.conversationId);
  setGatewayHeader(response, "x-manifold-attempts", std::to_string(route.attempts));
  if (!route.providerId.empty())
    setGatewayHeader(response, "x-manifold-provider",
                     route.providerId + "@" + route.providerVersion);
  if (!route.mode.empty()) setGatewayHeader(response, "x-manifold-mode", route.mode);
}

std::ostream& openEventStream(Poco::Net::HTTPServerResponse& response) {
  response.setChunkedTransferEncoding(true);
  response.setContentType("text/event-stream");
  response.set("Cache-Control", "no-cache");
  response.set("X-Accel-Buffering", "no");
  return response.send();
}

std::string queryParameter(const Poco::Net::HTTPServerRequest& request, const std::string& name) {
  try {
    for (const auto& [key, value] : Poco::URI(request.getURI()).getQueryParameters())
      if (key == name) return value;
  } catch (const Poco::Exception&) {
  }
  return "";
}

void sendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const Poco::JSON::Object::Ptr& body) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(body, out);
  const std::string text = out.str();
  response.setStatusAndReason(status);
  response.setContentType("application/json");
  response.setContentLength(static_cast<std::streamsize>(text.size()));
  response.send() << text;
}

void sendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& message, const std::string& param, const std::string& code,
               const std::string& type) {
  Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
  error->set("message", message);
  error->set("type", type.empty() ? errorTypeFor(status) : type);
  error->set("param", param.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(param));
  error->set("code", code.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(code));
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("type", "error");  // makes the body Anthropic's error shape as well
  body->set("error", error);
  sendJson(response, status, body);
}

std::optional<std::string> readBody(Poco::Net::HTTPServerRequest& request,
                                    Poco::Net::HTTPServerResponse& response, int64_t maxBytes,
                                    std::chrono::milliseconds deadline) {
  const std::string tooLarge =
      "request body exceeds the limit of " + std::to_string(maxBytes) + " bytes";
  if (request.hasContentLength() && request.getContentLength64() > maxBytes) {
    response.setKeepAlive(false);  // the unread body must not be parsed as a request
    sendError(response, Poco::Net::HTTPResponse::HTTP_REQUESTENTITYTOOLARGE, tooLarge, "",
              "body_too_large");
    return std::nullopt;
  }
  std::string body;
  if (request.hasContentLength()) body.reserve(static_cast<size_t>(request.getContentLength64()));
  ConnectionGuard* guard = ConnectionGuard::current();
  if (guard) guard->expectBody(deadline);
  std::istream& in = request.stream();
  char buffer[4096];  // every connection's thread touches this stack: keep it small
  while (in) {
    in.read(buffer, sizeof(buffer));
    body.append(buffer, static_cast<size_t>(in.gcount()));
    if (static_cast<int64_t>(body.size()) > maxBytes) {
      response.setKeepAlive(false);
      sendError(response, Poco::Net::HTTPResponse::HTTP_REQUESTENTITYTOOLARGE, tooLarge, "",
                "body_too_large");
      return std::nullopt;
    }
  }
  if (guard) {
    guard->bodyReceived();
    // The socket is already shut down: there is nobody to answer.
    if (guard->expired()) return std::nullopt;
  }
  if (request.hasContentLength() &&
      static_cast<int64_t>(body.size()) < request.getContentLength64()) {
    response.setKeepAlive(false);
    sendError(response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST,
              "request body ended before its Content-Length", "", "incomplete_body");
    return std::nullopt;
  }
  return body;
}

}  // namespace manifold::http
