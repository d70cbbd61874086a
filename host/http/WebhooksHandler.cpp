#include "http/WebhooksHandler.h"

#include "http/HttpReplies.h"
#include "tasks/WebhookReceiver.h"

namespace manifold::http {

using Poco::Net::HTTPResponse;

void WebhooksHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                    Poco::Net::HTTPServerResponse& response) {
  const turn::SnapshotPtr snapshot = context_.snapshot();
  const std::optional<std::string> body =
      readBody(request, response, snapshot->config.tasks.webhookMaxBodyBytes);
  if (!body) return;
  tasks::WebhookDelivery delivery;
  delivery.dispatcher = dispatcher_;
  delivery.service = service_;
  delivery.body = *body;
  for (const auto& [name, value] : request) delivery.headers.emplace_back(name, value);
  const std::string& publicUrl = snapshot->config.server.publicUrl;
  if (!publicUrl.empty()) delivery.url = publicUrl + request.getURI();
  tasks::TaskService& tasks = context_.tasks();
  const tasks::WebhookOutcome outcome =
      tasks::WebhookReceiver(tasks, tasks.dispatchers(), tasks.store()).receive(delivery);
  if (outcome.status == 204) {
    response.setStatusAndReason(HTTPResponse::HTTP_NO_CONTENT);
    response.setContentLength(0);
    response.send();
    return;
  }
  sendError(response, static_cast<HTTPResponse::HTTPStatus>(outcome.status), outcome.message, "",
            outcome.reason, outcome.status >= 500 ? "api_error" : "invalid_request_error");
}

}  // namespace manifold::http
