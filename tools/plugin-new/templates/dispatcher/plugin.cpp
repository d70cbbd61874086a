// {{id}}: a dispatcher plugin. It hands long-running work to an external
// agent and reports on it: create, poll, cancel, and webhook updates (the
// host verifies a webhook's signature before this code sees its body).
// This one keeps its tasks in memory and finishes nothing on its own: the
// agent's webhook says {"task_id": "...", "status": "completed", "result": "..."}.
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <map>
#include <mutex>
#include <string>

namespace json = manifold::json;

class {{class}} : public manifold::Dispatcher {
 public:
  {{class}}(manifold::Host host, std::string_view /*configJson*/) : host_(host) {}

  std::string createTask(std::string_view canonicalRequestJson) override {
    if (!json::parse(canonicalRequestJson))
      throw manifold::Error(MF_ERR_INVALID, "the request is not JSON");
    std::lock_guard<std::mutex> lock(mutex_);
    const std::string id = "task-" + std::to_string(++created_);
    json::Value task = json::Value::object();
    task.set("task_id", id);
    task.set("status", "queued");
    return json::stringify(tasks_[id] = task);
  }

  std::string pollTask(std::string_view taskId) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return json::stringify(find(taskId));
  }

  void cancelTask(std::string_view taskId) override {
    std::lock_guard<std::mutex> lock(mutex_);
    find(taskId).set("status", "cancelled");
  }

  std::string handleWebhook(std::string_view verifiedBody) override {
    const std::optional<json::Value> update = json::parse(verifiedBody);
    if (!update || !(*update)["task_id"].isString() || !(*update)["status"].isString())
      throw manifold::Error(MF_ERR_INVALID, "a webhook needs task_id and status");
    std::lock_guard<std::mutex> lock(mutex_);
    json::Value& task = find((*update)["task_id"].asString());
    task.set("status", (*update)["status"].asString());
    if ((*update)["result"].isString()) task.set("result", (*update)["result"].asString());
    return json::stringify(task);
  }

 private:
  json::Value& find(std::string_view taskId) {
    const auto it = tasks_.find(std::string(taskId));
    if (it == tasks_.end())
      throw manifold::Error(MF_ERR_NOT_FOUND, "no task \"" + std::string(taskId) + "\"");
    return it->second;
  }

  manifold::Host host_;
  std::mutex mutex_;
  int64_t created_ = 0;
  std::map<std::string, json::Value> tasks_;
};

MANIFOLD_PLUGIN("{{id}}", "0.1.0", "{{class}}: a dispatcher", {{class}})
