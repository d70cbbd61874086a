#include "tasks/TaskJson.h"

namespace manifold::tasks {

json::Value parsedOrNull(const std::string& text) {
  std::optional<json::Value> value = json::parse(text);
  return value ? std::move(*value) : json::Value();
}

json::Value taskJson(const Task& task) {
  json::Value out = json::Value::object();
  out.set("id", task.id);
  out.set("object", "task");
  out.set("dispatcher", task.dispatcher);
  out.set("service", task.service);
  out.set("intent", task.intent);
  // The task's id at the service, for an operator who looks it up there.
  out.set("remote_id", task.remoteId.empty() ? json::Value() : json::Value(task.remoteId));
  out.set("state", std::string(nameOf(task.state)));
  out.set("progress", task.progress);
  out.set("result", task.resultJson ? parsedOrNull(*task.resultJson) : json::Value());
  out.set("error", task.errorJson ? parsedOrNull(*task.errorJson) : json::Value());
  out.set("metadata", parsedOrNull(task.metadataJson));
  out.set("webhook_url", task.webhookUrl.empty() ? json::Value() : json::Value(task.webhookUrl));
  out.set("created_at", task.createdAtMs);
  out.set("updated_at", task.updatedAtMs);
  out.set("finished_at", task.finishedAtMs ? json::Value(task.finishedAtMs) : json::Value());
  return out;
}

}  // namespace manifold::tasks
