#include "tasks/DispatcherJson.h"

#include <manifold/json.hpp>

namespace manifold::tasks {
namespace {

[[noreturn]] void refuse(const std::string& what) {
  throw DispatchError(502, "bad_dispatcher_reply", "dispatcher reply: " + what);
}

json::Value parseObjectOrArray(const std::string& text, const char* what, json::Type wanted) {
  json::ParseError error;
  std::optional<json::Value> value = json::parse(text, &error);
  if (!value) refuse(std::string(what) + " is not JSON");
  if (value->type() != wanted)
    refuse(std::string(what) +
           (wanted == json::Type::Object ? " is not an object" : " is not an array"));
  return std::move(*value);
}

const std::string* optionalString(const json::Value& object, const char* field) {
  const json::Value* value = object.find(field);
  if (!value || value->isNull()) return nullptr;
  if (!value->isString()) refuse(std::string("\"") + field + "\" is not a string");
  return &value->asString();
}

std::optional<std::string> optionalObjectJson(const json::Value& object, const char* field) {
  const json::Value* value = object.find(field);
  if (!value || value->isNull()) return std::nullopt;
  if (!value->isObject()) refuse(std::string("\"") + field + "\" is not an object");
  return json::stringify(*value);
}

}  // namespace

RemoteUpdate parseTaskUpdate(const std::string& text) {
  const json::Value object = parseObjectOrArray(text, "task update", json::Type::Object);
  RemoteUpdate out;
  if (const std::string* state = optionalString(object, "state")) {
    out.update.state = taskStateNamed(*state);
    if (!out.update.state) refuse("\"state\" is not a task state: \"" + *state + "\"");
  }
  if (const std::string* remoteId = optionalString(object, "remote_id"))
    if (!remoteId->empty()) out.update.remoteId = *remoteId;
  if (const std::string* taskId = optionalString(object, "task_id")) out.taskId = *taskId;
  if (const std::string* progress = optionalString(object, "progress"))
    out.update.progress = *progress;
  out.update.resultJson = optionalObjectJson(object, "result");
  out.update.errorJson = optionalObjectJson(object, "error");
  if (const json::Value* after = object.find("poll_after_ms"); after && !after->isNull()) {
    if (!after->isNumber() || after->asInt(-1) < 0)
      refuse("\"poll_after_ms\" is not a non-negative number");
    out.pollAfterMs = after->asInt();
  }
  if (const json::Value* ignore = object.find("ignore"); ignore && !ignore->isNull()) {
    if (!ignore->isBool()) refuse("\"ignore\" is not a boolean");
    out.ignore = ignore->asBool();
  }
  return out;
}

std::vector<ServiceInfo> parseServices(const std::string& text) {
  const json::Value array = parseObjectOrArray(text, "services", json::Type::Array);
  std::vector<ServiceInfo> out;
  for (const json::Value& entry : array.asArray()) {
    if (!entry.isObject()) refuse("a services entry is not an object");
    ServiceInfo info;
    if (const std::string* service = optionalString(entry, "service")) info.service = *service;
    if (const json::Value* intents = entry.find("intents")) {
      if (!intents->isArray()) refuse("\"intents\" is not an array");
      for (const json::Value& intent : intents->asArray()) {
        if (!intent.isString()) refuse("an \"intents\" entry is not a string");
        info.intents.push_back(intent.asString());
      }
    }
    if (const json::Value* enabled = entry.find("enabled")) {
      if (!enabled->isBool()) refuse("\"enabled\" is not a boolean");
      info.enabled = enabled->asBool();
    }
    if (const std::string* detail = optionalString(entry, "detail")) info.detail = *detail;
    out.push_back(std::move(info));
  }
  return out;
}

WebhookVerifier parseVerifier(const std::string& text) {
  const json::Value object = parseObjectOrArray(text, "webhook verifier", json::Type::Object);
  const std::string* scheme = optionalString(object, "scheme");
  if (!scheme) refuse("\"scheme\" is missing");
  WebhookVerifier out;
  if (*scheme == "none") return out;
  if (*scheme == "standard-webhooks") {
    out.scheme = WebhookVerifier::Scheme::StandardWebhooks;
    const json::Value* secrets = object.find("secrets");
    if (!secrets || !secrets->isArray()) refuse("\"secrets\" is not an array");
    for (const json::Value& secret : secrets->asArray()) {
      if (!secret.isString()) refuse("a \"secrets\" entry is not a string");
      out.secrets.push_back(secret.asString());
    }
    return out;
  }
  if (*scheme == "manus-rsa") {
    out.scheme = WebhookVerifier::Scheme::ManusRsa;
    const std::string* pem = optionalString(object, "public_key_pem");
    if (!pem) refuse("\"public_key_pem\" is missing");
    out.publicKeyPem = *pem;
    return out;
  }
  refuse("\"scheme\" is not a known scheme: \"" + *scheme + "\"");
}

}  // namespace manifold::tasks
