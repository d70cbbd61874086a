#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

#include "http/GatewayContext.h"

namespace manifold::http {

/// GET /v1/tasks/{id}/events: the task's events as server-sent events, each
/// `id: <seq>`, `event: state|progress|result`, `data: {...}`. Replays what
/// the store holds after Last-Event-ID, then follows the task live, and ends
/// after the final state's event.
class TaskEventsHandler : public Poco::Net::HTTPRequestHandler {
 public:
  TaskEventsHandler(GatewayContext& context, std::string taskId)
      : context_(context), taskId_(std::move(taskId)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  GatewayContext& context_;
  const std::string taskId_;
};

}  // namespace manifold::http
