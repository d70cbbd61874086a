// A dispatcher (ABI 1.2) whose remote service lives inside the plugin, for
// the task runtime's tests. The task's input says how it behaves:
//   {"mode": "poll", "steps": N}  each check moves it one step; after N it succeeds
//   {"mode": "hold"}              runs until a webhook or a cancel ends it
//   {"mode": "restart"}           runs until another instance of the plugin (a
//                                 restarted gateway) checks it; then succeeds
//   {"mode": "refuse"}            the service refuses to start it
// The remote id encodes the mode, so a gateway restarted mid-task (a fresh
// plugin instance) still finishes a "poll" task by polling. Webhook deliveries
// carry a task update as their body. Service "echo" takes Standard Webhooks
// under {"webhook_secrets": ["whsec_..."]}; service "rsa" takes Manus's
// RSA-SHA256 under {"rsa_public_key_pem"}, and names {"rsa_stale_key_pem"}
// instead until the host asks again with refresh (a cached key gone stale).
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>

namespace {

namespace json = manifold::json;

class TaskProbe : public manifold::ServiceDispatcher {
 public:
  TaskProbe(manifold::Host, std::string_view config) {
    const auto settings = json::parse(config);
    if (!settings) return;
    for (const json::Value& secret : (*settings)["webhook_secrets"].asArray())
      secrets_.push_back(secret.asString());
    rsaKey_ = (*settings)["rsa_public_key_pem"].asString();
    staleKey_ = (*settings)["rsa_stale_key_pem"].asString();
  }

  std::string listServices() override {
    return R"([{"service":"echo","intents":["probe-intent"],"enabled":true,"detail":"in-process"},)"
           R"({"service":"rsa","intents":["rsa-intent"],"enabled":true,"detail":"in-process"},)"
           R"({"service":"off","intents":["off-intent"],"enabled":false,"detail":"no endpoint set"}])";
  }

  std::string startTask(std::string_view service, std::string_view taskJson) override {
    if (service != "echo" && service != "rsa")
      throw manifold::Error(MF_ERR_INVALID, "no service " + std::string(service));
    const auto task = json::parse(taskJson);
    if (!task) throw manifold::Error(MF_ERR_INVALID, "task is not JSON");
    const json::Value& input = (*task)["input"];
    const std::string mode = input["mode"].asString();
    const std::string n = std::to_string(++counter_);
    if (mode == "refuse") throw manifold::Error(MF_ERR_UNAVAILABLE, "the service is down");
    std::string remoteId;
    if (mode == "hold") {
      remoteId = "hold-" + n;
    } else if (mode == "restart") {
      remoteId = "restart-" + instance_ + "-" + n;
    } else {
      remoteId = "poll-" + std::to_string(input["steps"].asInt(1)) + "-" + n;
    }
    json::Value update = json::Value::object();
    update.set("remote_id", remoteId);
    update.set("state", "running");
    update.set("progress", "started");
    return json::stringify(update);
  }

  std::string checkTask(std::string_view, std::string_view remoteId) override {
    const std::string id(remoteId);
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_.count(id)) return R"({"state":"cancelled"})";
    if (id.rfind("hold-", 0) == 0) return R"({"state":"running"})";
    if (id.rfind("restart-", 0) == 0)
      return id.rfind("restart-" + instance_ + "-", 0) == 0
                 ? R"({"state":"running"})"
                 : R"({"state":"succeeded","result":{"resumed":true}})";
    const int steps = std::stoi(id.substr(5, id.find('-', 5) - 5));
    const int done = ++checks_[id];
    if (done < steps)
      return R"({"state":"running","progress":"step )" + std::to_string(done) + "/" +
             std::to_string(steps) + "\"}";
    return R"({"state":"succeeded","result":{"remote_id":)" + json::quoted(id) + "}}";
  }

  void stopTask(std::string_view, std::string_view remoteId) override {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_.insert(std::string(remoteId));
  }

  std::string webhookVerifier(std::string_view service, bool refresh) override {
    if (service == "rsa" && !rsaKey_.empty()) {
      json::Value verifier = json::Value::object();
      verifier.set("scheme", "manus-rsa");
      verifier.set("public_key_pem", refresh || staleKey_.empty() ? rsaKey_ : staleKey_);
      return json::stringify(verifier);
    }
    if (service != "echo" || secrets_.empty()) return R"({"scheme":"none"})";
    json::Value verifier = json::Value::object();
    verifier.set("scheme", "standard-webhooks");
    json::Value list = json::Value::array();
    for (const auto& secret : secrets_) list.push(secret);
    verifier.set("secrets", std::move(list));
    return json::stringify(verifier);
  }

  std::string applyWebhook(std::string_view, const std::vector<manifold::HeaderView>&,
                           std::string_view verifiedBody) override {
    return std::string(verifiedBody);
  }

 private:
  std::vector<std::string> secrets_;
  std::string rsaKey_;
  std::string staleKey_;
  const std::string instance_ = std::to_string(std::random_device{}());
  std::atomic<int> counter_{0};
  std::mutex mutex_;
  std::map<std::string, int> checks_;
  std::set<std::string> stopped_;
};

}  // namespace

MANIFOLD_PLUGIN("taskprobe", "1.0.0", "In-process dispatcher for the task runtime's tests",
                TaskProbe)
