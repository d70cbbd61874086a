#include "ManusDispatcher.h"

#include <manifold/json.hpp>

#include "ManusUpdates.h"

namespace manus {
namespace {

namespace json = manifold::json;

constexpr int64_t kPollWithoutWebhookMs = 5000;
constexpr int64_t kPollWithWebhookMs = 60000;
constexpr int64_t kMinRefreshIntervalNs = 60'000'000'000;

[[noreturn]] void invalid(const std::string& what) {
  throw manifold::Error(MF_ERR_INVALID, "manus: " + what);
}

json::Value parseObject(std::string_view text, const char* what) {
  std::optional<json::Value> parsed = json::parse(text);
  if (!parsed || !parsed->isObject()) invalid(std::string(what) + " is not a JSON object");
  return std::move(*parsed);
}

}  // namespace

ManusDispatcher::ManusDispatcher(manifold::Host host, std::string_view configJson)
    : host_(host), settings_(ManusSettings::read(host, configJson)), client_(host, settings_) {
  if (settings_.apiKey.empty()) {
    host_.warn("manus: no API key in " + settings_.apiKeyEnv + "; the service is disabled");
    return;
  }
  if (!settings_.publicUrl.empty()) ensureWebhook(settings_.webhookUrl());
}

void ManusDispatcher::requireService(std::string_view service) const {
  if (!service.empty())
    throw manifold::Error(MF_ERR_NOT_FOUND, "manus: no service \"" + std::string(service) +
                                                "\" (the only one is \"\")");
}

bool ManusDispatcher::ensureWebhook(const std::string& url) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (url.empty() || url == refusedUrl_) return false;
  if (registeredUrl_ == url) return true;
  json::Value body = json::Value::object();
  body.set("url", url);
  try {
    client_.post("webhook.create", body);
  } catch (const manifold::Error& e) {
    // Manus answers already_exists for a URL registered before a restart.
    if (std::string(e.what()).find("already_exists") == std::string::npos) {
      host_.warn(std::string("manus: webhook.create failed for ") + url + ": " + e.what() +
                 "; tasks are polled");
      // A refusal stands; a failure that may pass is tried again by the next task.
      if (!e.retryable()) refusedUrl_ = url;
      return false;
    }
  }
  registeredUrl_ = url;
  host_.info("manus: webhook registered at " + url);
  return true;
}

int64_t ManusDispatcher::pollAfterMs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return registeredUrl_.empty() ? kPollWithoutWebhookMs : kPollWithWebhookMs;
}

std::string ManusDispatcher::listServices() {
  json::Value service = json::Value::object();
  service.set("service", "");
  json::Value intents = json::Value::array();
  intents.push(kIntent);
  service.set("intents", std::move(intents));
  const bool enabled = !settings_.apiKey.empty();
  service.set("enabled", enabled);
  std::string detail;
  if (!enabled) {
    detail = "no API key: set the " + settings_.apiKeyEnv + " environment variable";
  } else {
    std::lock_guard<std::mutex> lock(mutex_);
    detail = "Manus API v2 at " + settings_.baseUrl + "; " +
             (registeredUrl_.empty() ? std::string("no webhook, tasks are polled")
                                     : "webhook at " + registeredUrl_);
  }
  service.set("detail", detail);
  json::Value list = json::Value::array();
  list.push(std::move(service));
  return json::stringify(list);
}

std::string ManusDispatcher::startTask(std::string_view service, std::string_view taskJson) {
  requireService(service);
  const json::Value task = parseObject(taskJson, "the task");
  const std::string prompt = promptOf(task["input"]);
  if (prompt.empty()) invalid("the task input has no user text to send to Manus");
  const std::string& taskHook = task["webhook_url"].asString();
  ensureWebhook(taskHook.empty() ? settings_.webhookUrl() : taskHook);

  json::Value part = json::Value::object();
  part.set("type", "text");
  part.set("text", prompt);
  json::Value content = json::Value::array();
  content.push(std::move(part));
  json::Value message = json::Value::object();
  message.set("content", std::move(content));
  json::Value body = json::Value::object();
  body.set("message", std::move(message));
  if (!settings_.agentProfile.empty()) body.set("agent_profile", settings_.agentProfile);
  if (!settings_.locale.empty()) body.set("locale", settings_.locale);
  if (!settings_.projectId.empty()) body.set("project_id", settings_.projectId);
  if (settings_.interactiveMode) body.set("interactive_mode", *settings_.interactiveMode);
  if (settings_.hideInTaskList) body.set("hide_in_task_list", *settings_.hideInTaskList);
  return startedUpdate(client_.post("task.create", body), pollAfterMs());
}

std::string ManusDispatcher::checkTask(std::string_view service, std::string_view remoteId) {
  requireService(service);
  const json::Value detail = client_.get("task.detail", "task_id", remoteId);
  const json::Value messages =
      client_.get("task.listMessages",
                  "task_id=" + ManusClient::percentEncode(remoteId) + "&order=desc&limit=20");
  return checkedUpdate(detail, messages, pollAfterMs());
}

// A refresh is asked for after any delivery that failed verification, forged
// ones included: at most one a minute, so forgeries cannot make the gateway
// call Manus at their pace. Called with mutex_ held.
bool ManusDispatcher::refreshAllowed() {
  const int64_t now = host_.monotonicNs();
  if (lastRefreshNs_ != 0 && now - lastRefreshNs_ < kMinRefreshIntervalNs) return false;
  lastRefreshNs_ = now == 0 ? 1 : now;
  return true;
}

void ManusDispatcher::stopTask(std::string_view service, std::string_view remoteId) {
  requireService(service);
  json::Value body = json::Value::object();
  body.set("task_id", std::string(remoteId));
  client_.post("task.stop", body);
}

std::string ManusDispatcher::webhookVerifier(std::string_view service, bool refresh) {
  requireService(service);
  if (settings_.apiKey.empty()) return R"({"scheme":"none"})";
  std::string pem;
  bool fetch = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pem = publicKeyPem_;
    fetch = pem.empty() || (refresh && refreshAllowed());
  }
  if (fetch) {
    const json::Value answer = client_.get("webhook.publicKey");
    pem = answer["public_key"].asString();
    if (pem.find("-----BEGIN PUBLIC KEY-----") == std::string::npos)
      throw manifold::Error(MF_ERR_INTERNAL, "manus: webhook.publicKey answered no PEM public key");
    std::lock_guard<std::mutex> lock(mutex_);
    publicKeyPem_ = pem;
  }
  json::Value verifier = json::Value::object();
  verifier.set("scheme", "manus-rsa");
  verifier.set("public_key_pem", pem);
  return json::stringify(verifier);
}

std::string ManusDispatcher::applyWebhook(std::string_view service,
                                          const std::vector<manifold::HeaderView>&,
                                          std::string_view verifiedBody) {
  requireService(service);
  return webhookUpdate(verifiedBody);
}

}  // namespace manus
