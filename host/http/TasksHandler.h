#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

#include "http/GatewayContext.h"

namespace manifold::http {

/// /v1/tasks: create (POST), list (GET, paged by limit and before), one task
/// (GET /v1/tasks/{id}), cancel (POST /v1/tasks/{id}/cancel) and the key's
/// client-webhook secret (GET /v1/tasks/webhook-secret). Any gateway key;
/// a key sees only its own tasks (another's answers 404).
class TasksHandler : public Poco::Net::HTTPRequestHandler {
 public:
  enum class Action { Create, List, Get, Cancel, WebhookSecret };
  TasksHandler(GatewayContext& context, Action action, std::string taskId = "")
      : context_(context), action_(action), taskId_(std::move(taskId)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  void create(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
              const std::string& owner);
  void list(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
            const std::string& owner);

  GatewayContext& context_;
  const Action action_;
  const std::string taskId_;
};

}  // namespace manifold::http
