#include "http/GatewayRequestHandlerFactory.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Random.h>
#include <Poco/URI.h>

#include <cstdio>
#include <memory>

#include "api/ChatEndpoint.h"
#include "api/anthropic/AnthropicChatCodec.h"
#include "api/native/NativeChatCodec.h"
#include "api/openai/OpenAiChatCodec.h"
#include "http/AdminHealthHandler.h"
#include "http/AdminKeysHandler.h"
#include "http/AdminPluginsHandler.h"
#include "http/AudioHandler.h"
#include "http/ConnectionGuard.h"
#include "http/ConversationsHandler.h"
#include "http/ErrorHandler.h"
#include "http/ExportHandler.h"
#include "http/HealthHandler.h"
#include "http/ImagesHandler.h"
#include "http/McpHandler.h"
#include "http/McpToolsHandler.h"
#include "http/MemoryHandler.h"
#include "http/MetricsHandler.h"
#include "http/ModelsHandler.h"
#include "http/TaskEventsHandler.h"
#include "http/TasksHandler.h"
#include "http/UiHandler.h"
#include "http/UsageHandler.h"
#include "http/WebhooksHandler.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

bool saneRequestId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

// Re-arms the connection's head deadline once a response is sent, for the
// next request on the same keep-alive connection.
class GuardedHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit GuardedHandler(Poco::Net::HTTPRequestHandler* inner) : inner_(inner) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    inner_->handleRequest(request, response);
    if (ConnectionGuard* guard = ConnectionGuard::current()) guard->awaitNextRequest();
  }

 private:
  std::unique_ptr<Poco::Net::HTTPRequestHandler> inner_;
};

}  // namespace

GatewayRequestHandlerFactory::GatewayRequestHandlerFactory(GatewayContext& context)
    : context_(context) {
  Poco::Random random;
  random.seed();
  char prefix[16];
  std::snprintf(prefix, sizeof(prefix), "%08x", random.next());
  idPrefix_ = prefix;
}

std::string GatewayRequestHandlerFactory::nextRequestId() {
  return idPrefix_ + "-" + std::to_string(counter_.fetch_add(1, std::memory_order_relaxed) + 1);
}

Poco::Net::HTTPRequestHandler* GatewayRequestHandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
  ConnectionGuard* guard = ConnectionGuard::current();
  if (!guard) return routeRequest(request);
  guard->headReceived();
  return new GuardedHandler(routeRequest(request));
}

Poco::Net::HTTPRequestHandler* GatewayRequestHandlerFactory::routeRequest(
    const Poco::Net::HTTPServerRequest& request) {
  const std::string clientId = request.get("x-request-id", "");
  request.response().set("x-request-id", saneRequestId(clientId) ? clientId : nextRequestId());

  const std::string path = Poco::URI(request.getURI()).getPath();
  const std::string& method = request.getMethod();
  const bool get = method == HTTPRequest::HTTP_GET || method == HTTPRequest::HTTP_HEAD;
  using Handler = Poco::Net::HTTPRequestHandler;
  auto wrongMethod = [&](const char* allowed) -> Handler* {
    request.response().set("Allow", allowed);
    return new ErrorHandler(HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                            "method " + method + " is not allowed on " + path + "; use " + allowed);
  };

  if (path == "/healthz")
    return get ? static_cast<Handler*>(new HealthHandler(context_, false)) : wrongMethod("GET");
  if (path == "/readyz")
    return get ? static_cast<Handler*>(new HealthHandler(context_, true)) : wrongMethod("GET");
  if (path == "/v1/models")
    return get ? static_cast<Handler*>(new ModelsHandler(context_)) : wrongMethod("GET");
  if (path == "/metrics")
    return get ? static_cast<Handler*>(new MetricsHandler(context_)) : wrongMethod("GET");
  if (path == "/admin/health")
    return get ? static_cast<Handler*>(new AdminHealthHandler(context_)) : wrongMethod("GET");
  if (path == "/admin/keys") return new AdminKeysHandler(context_, context_.keyDirectory(), "");
  if (path.rfind("/admin/keys/", 0) == 0 && path.size() > 12 &&
      path.find('/', 12) == std::string::npos)
    return new AdminKeysHandler(context_, context_.keyDirectory(), path.substr(12));
  if (path == "/v1/usage")
    return get ? static_cast<Handler*>(new UsageHandler(context_, UsageHandler::Scope::OwnKey))
               : wrongMethod("GET");
  if (path == "/admin/usage")
    return get ? static_cast<Handler*>(new UsageHandler(context_, UsageHandler::Scope::EveryKey))
               : wrongMethod("GET");
  if (path == "/admin/plugins")
    return get ? static_cast<Handler*>(new AdminPluginsHandler(context_)) : wrongMethod("GET");
  if (path == "/ui" || path.rfind("/ui/", 0) == 0)
    return get ? static_cast<Handler*>(new UiHandler(path.size() > 4 ? path.substr(4) : ""))
               : wrongMethod("GET");
  if (path == "/v1/chat/completions")
    return method == HTTPRequest::HTTP_POST
               ? static_cast<Handler*>(new api::ChatEndpoint(
                     context_, std::make_unique<api::OpenAiChatCodec>(), "openai"))
               : wrongMethod("POST");
  if (path == "/api/chat")
    return method == HTTPRequest::HTTP_POST
               ? static_cast<Handler*>(new api::ChatEndpoint(
                     context_, std::make_unique<api::NativeChatCodec>(), "native"))
               : wrongMethod("POST");
  if (path == "/v1/messages")
    return method == HTTPRequest::HTTP_POST
               ? static_cast<Handler*>(new api::ChatEndpoint(
                     context_, std::make_unique<api::AnthropicChatCodec>(), "anthropic"))
               : wrongMethod("POST");
  if (path == "/v1/tasks" || path.rfind("/v1/tasks/", 0) == 0 || path.rfind("/webhooks/", 0) == 0)
    return routeTasks(request, path);
  // Images (issue 15, helper "images"): generations, edits, and the pictures kept for URLs.
  if (path == "/v1/images/generations")
    return method == HTTPRequest::HTTP_POST
               ? static_cast<Handler*>(new ImagesHandler(context_, ImagesHandler::Action::Generate))
               : wrongMethod("POST");
  if (path == "/v1/images/edits")
    return method == HTTPRequest::HTTP_POST
               ? static_cast<Handler*>(new ImagesHandler(context_, ImagesHandler::Action::Edit))
               : wrongMethod("POST");
  if (path.rfind("/v1/images/files/", 0) == 0 && path.size() > 17 &&
      path.find('/', 17) == std::string::npos)
    return get ? static_cast<Handler*>(
                     new ImagesHandler(context_, ImagesHandler::Action::File, path.substr(17)))
               : wrongMethod("GET");
  // End of images.
  // Conversations (issue 15, convo): list, read, delete; per key.
  if (path == "/v1/conversations")
    return get ? static_cast<Handler*>(
                     new ConversationsHandler(context_, ConversationsHandler::Action::List))
               : wrongMethod("GET");
  if (path.rfind("/v1/conversations/", 0) == 0 && path.size() > 18 &&
      path.find('/', 18) == std::string::npos) {
    const std::string id = path.substr(18);
    if (get) return new ConversationsHandler(context_, ConversationsHandler::Action::Get, id);
    if (method == HTTPRequest::HTTP_DELETE)
      return new ConversationsHandler(context_, ConversationsHandler::Action::Delete, id);
    return wrongMethod("GET, DELETE");
  }
  if (path == "/mcp") return new McpHandler(context_, mcpSessions_);
  if (path == "/v1/mcp/tools")
    return get ? static_cast<Handler*>(new McpToolsHandler(context_, McpToolsHandler::Action::List))
               : wrongMethod("GET");
  if (path == "/v1/mcp/call")
    return method == HTTPRequest::HTTP_POST
               ? static_cast<Handler*>(new McpToolsHandler(context_, McpToolsHandler::Action::Call))
               : wrongMethod("POST");
  // Memory (issue 15, helper "memory"): /v1/memory and /v1/memory/{id}.
  if (path == "/v1/memory")
    return get || method == HTTPRequest::HTTP_POST
               ? static_cast<Handler*>(new MemoryHandler(context_, ""))
               : wrongMethod("GET, POST");
  if (path.rfind("/v1/memory/", 0) == 0 && path.size() > 11 &&
      path.find('/', 11) == std::string::npos)
    return method == HTTPRequest::HTTP_DELETE
               ? static_cast<Handler*>(new MemoryHandler(context_, path.substr(11)))
               : wrongMethod("DELETE");
  // Export (issue 15): a conversation or messages as a PDF or an XLSX workbook.
  if (path == "/v1/export/pdf" || path == "/v1/export/xlsx")
    return method == HTTPRequest::HTTP_POST
               ? static_cast<Handler*>(new ExportHandler(
                     context_, path == "/v1/export/pdf" ? ExportHandler::Format::Pdf
                                                        : ExportHandler::Format::Xlsx))
               : wrongMethod("POST");
  // Speech in and out (issue 15, speech): OpenAI's audio API on the media chains.
  if (path == "/v1/audio/speech" || path == "/v1/audio/transcriptions")
    return method == HTTPRequest::HTTP_POST
               ? static_cast<Handler*>(new AudioHandler(
                     context_, path == "/v1/audio/speech" ? AudioHandler::Action::Speech
                                                          : AudioHandler::Action::Transcription))
               : wrongMethod("POST");
  return new ErrorHandler(HTTPResponse::HTTP_NOT_FOUND, "no such endpoint: " + path);
}

Poco::Net::HTTPRequestHandler* GatewayRequestHandlerFactory::routeTasks(
    const Poco::Net::HTTPServerRequest& request, const std::string& path) {
  using Handler = Poco::Net::HTTPRequestHandler;
  using Action = TasksHandler::Action;
  const std::string& method = request.getMethod();
  const bool post = method == HTTPRequest::HTTP_POST;
  const bool get = method == HTTPRequest::HTTP_GET;
  auto only = [&](bool allowed, const char* verb, Handler* handler) -> Handler* {
    if (allowed) return handler;
    delete handler;
    request.response().set("Allow", verb);
    return new ErrorHandler(HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                            "method " + method + " is not allowed on " + path + "; use " + verb);
  };
  // Path segments after the prefix: /v1/tasks/{id}[/{verb}], /webhooks/{dispatcher}[/{service}].
  const bool webhook = path.rfind("/webhooks/", 0) == 0;
  const std::string rest = path.substr(webhook ? 10 : std::min<size_t>(path.size(), 10));
  const size_t slash = rest.find('/');
  const std::string first = rest.substr(0, slash);
  const std::string second = slash == std::string::npos ? "" : rest.substr(slash + 1);
  const auto notFound = [&] {
    return new ErrorHandler(HTTPResponse::HTTP_NOT_FOUND, "no such endpoint: " + path);
  };
  if (webhook) {
    if (first.empty() || second.find('/') != std::string::npos) return notFound();
    return only(post, "POST", new WebhooksHandler(context_, first, second));
  }
  if (path == "/v1/tasks")
    return post || get ? static_cast<Handler*>(
                             new TasksHandler(context_, post ? Action::Create : Action::List))
                       : only(false, "GET, POST", nullptr);
  if (first.empty()) return notFound();
  if (first == "webhook-secret" && second.empty())
    return only(get, "GET", new TasksHandler(context_, Action::WebhookSecret));
  if (second.empty()) return only(get, "GET", new TasksHandler(context_, Action::Get, first));
  if (second == "cancel")
    return only(post, "POST", new TasksHandler(context_, Action::Cancel, first));
  if (second == "events") return only(get, "GET", new TaskEventsHandler(context_, first));
  return notFound();
}

}  // namespace manifold::http
