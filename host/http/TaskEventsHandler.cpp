#include "http/TaskEventsHandler.h"

#include <manifold/json.hpp>

#include <charconv>

#include "http/HttpReplies.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPResponse;

// Short waits let the stream notice a shutdown; a comment line every
// kKeepAliveWaits waits keeps proxies from closing an idle stream.
constexpr std::chrono::milliseconds kWait{500};
constexpr int kKeepAliveWaits = 30;

std::string eventText(const tasks::TaskEvent& event) {
  json::Value data = json::Value::object();
  data.set("task_id", event.taskId);
  if (std::optional<json::Value> stored = json::parse(event.dataJson))
    for (const json::Member& member : stored->asObject()) data.set(member.first, member.second);
  data.set("at", event.atMs);
  return "id: " + std::to_string(event.seq) + "\nevent: " + event.type +
         "\ndata: " + json::stringify(data) + "\n\n";
}

}  // namespace

void TaskEventsHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response) {
  const std::optional<Caller> caller = context_.access().requireKey(request, response);
  if (!caller) return;
  tasks::TaskService& service = context_.tasks();
  if (!service.get(caller->keyId, taskId_))
    return sendError(response, HTTPResponse::HTTP_NOT_FOUND, "no task " + taskId_, "",
                     "task_not_found");
  int64_t after = 0;
  const std::string lastId = request.get("Last-Event-ID", "");
  if (!lastId.empty()) {
    const auto [end, error] = std::from_chars(lastId.data(), lastId.data() + lastId.size(), after);
    if (error != std::errc() || end != lastId.data() + lastId.size() || after < 0)
      return sendError(response, HTTPResponse::HTTP_BAD_REQUEST,
                       "Last-Event-ID must be an event id this stream sent", "Last-Event-ID",
                       "invalid_value");
  }
  std::unique_ptr<tasks::TaskFollow> follow = service.follow(taskId_, after);
  std::ostream& out = openEventStream(response);
  int idleWaits = 0;
  while (!follow->ended() && context_.ready() && out.good()) {
    const std::vector<tasks::TaskEvent> events = follow->next(kWait);
    if (events.empty()) {
      if (++idleWaits < kKeepAliveWaits) continue;
      out << ": keep-alive\n\n";
    }
    idleWaits = 0;
    for (const tasks::TaskEvent& event : events) out << eventText(event);
    out.flush();
  }
}

}  // namespace manifold::http
