#include "SiblingSettings.h"

#include <manifold/json.hpp>

#include <algorithm>

namespace sibling {
namespace {

using manifold::json::Value;

[[noreturn]] void refuse(const std::string& where, const std::string& problem) {
  throw manifold::Error(MF_ERR_INVALID, where + ": " + problem);
}

// The rule plugin.h gives for service and intent names.
bool validName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  const auto lowerOrDigit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lowerOrDigit(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return lowerOrDigit(c) || c == '.' || c == '_' || c == '-'; });
}

void checkKeys(const Value& object, const std::string& where,
               std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : object.asObject())
    if (std::find(known.begin(), known.end(), key) == known.end())
      refuse(where, "unknown field \"" + key + "\"");
}

std::string requiredName(const Value& object, std::string_view key, const std::string& where) {
  const Value* v = object.find(key);
  const std::string at = where + "." + std::string(key);
  if (!v || !v->isString()) refuse(at, "a name is required");
  if (!validName(v->asString()))
    refuse(at, "\"" + v->asString() + "\" is not [a-z0-9][a-z0-9._-]* (at most 64 characters)");
  return v->asString();
}

std::vector<std::string> stringList(const Value* v, const std::string& where) {
  std::vector<std::string> out;
  if (!v) return out;
  if (!v->isArray()) refuse(where, "must be a list of strings");
  for (const Value& item : v->asArray()) {
    if (!item.isString() || item.asString().empty())
      refuse(where, "must be a list of non-empty strings");
    out.push_back(item.asString());
  }
  return out;
}

manifold::Intent parseIntent(const Value& v, const std::string& where) {
  if (!v.isObject()) refuse(where, "must be an object");
  checkKeys(v, where, {"intent", "description", "phrases", "patterns", "priority"});
  manifold::Intent intent;
  intent.name = requiredName(v, "intent", where);
  intent.phrases = stringList(v.find("phrases"), where + ".phrases");
  intent.patterns = stringList(v.find("patterns"), where + ".patterns");
  if (intent.phrases.empty() && intent.patterns.empty())
    refuse(where, "intent \"" + intent.name + "\" needs at least one phrase or pattern");
  if (const Value* p = v.find("priority")) {
    if (!p->isInt() || p->asInt() < -1000 || p->asInt() > 1000)
      refuse(where + ".priority", "must be an integer from -1000 to 1000");
    intent.priority = static_cast<int>(p->asInt());
  }
  if (const Value* d = v.find("description")) {
    if (!d->isString()) refuse(where + ".description", "must be a string");
    intent.description = d->asString();
  }
  return intent;
}

std::string parseEndpoint(const Value* v, const std::string& where) {
  if (!v || v->isNull()) return "";
  if (!v->isString()) refuse(where, "must be a URL string");
  std::string url = v->asString();
  if (url.empty()) return "";
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    refuse(where, "must start with http:// or https://");
  if (url.find_first_of("?# ") != std::string::npos)
    refuse(where, "must be a base URL without query, fragment or spaces");
  while (!url.empty() && url.back() == '/') url.pop_back();
  const size_t hostStart = url.find("://") + 3;
  if (hostStart >= url.size()) refuse(where, "names no host");
  // The endpoint is shown in /admin and in messages, so it must hold no secret.
  const std::string authority = url.substr(hostStart, url.find('/', hostStart) - hostStart);
  if (authority.find('@') != std::string::npos)
    refuse(where, "must not carry credentials; name them with auth_secret_env or auth_secret_file");
  return url;
}

// "x_env": "NAME" or ["NAME", ...]; "x_file": "/path" or ["/path", ...].
std::vector<SecretRef> secretRefs(const Value& service, const std::string& prefix,
                                  const std::string& where) {
  std::vector<SecretRef> refs;
  const auto add = [&](const std::string& key, SecretRef::From from) {
    const Value* v = service.find(key);
    if (!v) return;
    const std::string at = where + "." + key;
    if (v->isString()) {
      if (v->asString().empty()) refuse(at, "must not be empty");
      refs.push_back({from, v->asString()});
      return;
    }
    for (std::string& name : stringList(v, at)) refs.push_back({from, std::move(name)});
    if (v->asArray().empty()) refuse(at, "must name at least one secret");
  };
  add(prefix + "_env", SecretRef::From::Env);
  add(prefix + "_file", SecretRef::From::File);
  return refs;
}

ServiceSettings parseService(const Value& v, const std::string& where) {
  if (!v.isObject()) refuse(where, "must be an object");
  checkKeys(v, where,
            {"id", "description", "intents", "endpoint", "auth_secret_env", "auth_secret_file",
             "webhook_secret_env", "webhook_secret_file", "timeout_ms"});
  ServiceSettings s;
  s.id = requiredName(v, "id", where);
  if (const Value* d = v.find("description")) {
    if (!d->isString()) refuse(where + ".description", "must be a string");
    s.description = d->asString();
  }
  const Value* intents = v.find("intents");
  if (!intents || !intents->isArray() || intents->asArray().empty())
    refuse(where + ".intents", "must list at least one intent");
  for (size_t i = 0; i < intents->size(); ++i) {
    const std::string at = where + ".intents[" + std::to_string(i) + "]";
    manifold::Intent intent = parseIntent((*intents)[i], at);
    for (const manifold::Intent& earlier : s.intents)
      if (earlier.name == intent.name) refuse(at, "intent \"" + intent.name + "\" is listed twice");
    s.intents.push_back(std::move(intent));
  }
  s.endpoint = parseEndpoint(v.find("endpoint"), where + ".endpoint");

  const std::vector<SecretRef> auth = secretRefs(v, "auth_secret", where);
  if (auth.size() != 1)
    refuse(where, "name the auth secret once, with auth_secret_env or auth_secret_file");
  s.authSecret = auth.front();
  s.webhookSecrets = secretRefs(v, "webhook_secret", where);

  if (const Value* t = v.find("timeout_ms")) {
    if (!t->isInt() || t->asInt() < 100 || t->asInt() > 600000)
      refuse(where + ".timeout_ms", "must be an integer from 100 to 600000");
    s.timeoutMs = t->asInt();
  }
  return s;
}

}  // namespace

std::string SecretRef::describe() const {
  return (from == From::Env ? "env " : "file ") + name;
}

SiblingSettings SiblingSettings::parse(std::string_view servicesJson) {
  SiblingSettings settings;
  if (servicesJson.empty()) return settings;
  manifold::json::ParseError error;
  const std::optional<Value> doc = manifold::json::parse(servicesJson, &error);
  if (!doc) refuse("services", "is not JSON: " + error.message);
  if (!doc->isArray()) refuse("services", "must be a list of services");
  for (size_t i = 0; i < doc->size(); ++i) {
    const std::string where = "services[" + std::to_string(i) + "]";
    ServiceSettings service = parseService((*doc)[i], where);
    for (const ServiceSettings& earlier : settings.services_) {
      if (earlier.id == service.id)
        refuse(where + ".id", "\"" + service.id + "\" is declared twice");
      for (const manifold::Intent& a : earlier.intents)
        for (const manifold::Intent& b : service.intents)
          if (a.name == b.name)
            refuse(where + ".intents",
                   "intent \"" + b.name + "\" is already served by \"" + earlier.id + "\"");
    }
    settings.services_.push_back(std::move(service));
  }
  return settings;
}

SiblingSettings SiblingSettings::load(const manifold::Host& host) {
  return parse(host.config("services").value_or(""));
}

const ServiceSettings* SiblingSettings::find(std::string_view id) const {
  for (const ServiceSettings& s : services_)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace sibling
