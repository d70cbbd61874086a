#include "ManusSettings.h"

#include <manifold/json.hpp>

namespace manus {
namespace {

namespace json = manifold::json;

[[noreturn]] void invalid(const std::string& what) {
  throw manifold::Error(MF_ERR_INVALID, "manus: " + what);
}

// One setting: the instance's config first, then the host's plugin settings.
class SettingSource {
 public:
  SettingSource(const manifold::Host& host, std::string_view configJson) : host_(host) {
    if (configJson.empty()) return;
    json::ParseError error;
    std::optional<json::Value> parsed = json::parse(configJson, &error);
    if (!parsed || !parsed->isObject()) invalid("the plugin config is not a JSON object");
    config_ = std::move(*parsed);
  }

  json::Value get(std::string_view name) const {
    if (const json::Value* v = config_.find(name)) return *v;
    const std::optional<std::string> text = host_.config(name);
    if (!text) return {};
    std::optional<json::Value> parsed = json::parse(*text);
    return parsed ? std::move(*parsed) : json::Value();
  }

  void readString(std::string_view name, std::string& out) const {
    const json::Value v = get(name);
    if (v.isNull()) return;
    if (!v.isString()) invalid("setting \"" + std::string(name) + "\" must be a string");
    out = v.asString();
  }

  void readBool(std::string_view name, std::optional<bool>& out) const {
    const json::Value v = get(name);
    if (v.isNull()) return;
    if (!v.isBool()) invalid("setting \"" + std::string(name) + "\" must be true or false");
    out = v.asBool();
  }

  void readPositive(std::string_view name, int64_t& out) const {
    const json::Value v = get(name);
    if (v.isNull()) return;
    if (!v.isInt() || v.asInt() <= 0)
      invalid("setting \"" + std::string(name) + "\" must be a positive integer");
    out = v.asInt();
  }

 private:
  const manifold::Host& host_;
  json::Value config_ = json::Value::object();
};

std::string withoutTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

ManusSettings ManusSettings::read(const manifold::Host& host, std::string_view configJson) {
  const SettingSource source(host, configJson);
  ManusSettings s;
  source.readString("base_url", s.baseUrl);
  source.readString("api_key_env", s.apiKeyEnv);
  source.readString("public_url", s.publicUrl);
  source.readString("agent_profile", s.agentProfile);
  source.readString("locale", s.locale);
  source.readString("project_id", s.projectId);
  source.readBool("interactive_mode", s.interactiveMode);
  source.readBool("hide_in_task_list", s.hideInTaskList);
  source.readPositive("timeout_ms", s.timeoutMs);
  s.baseUrl = withoutTrailingSlash(s.baseUrl);
  s.publicUrl = withoutTrailingSlash(s.publicUrl);
  if (s.baseUrl.rfind("http://", 0) != 0 && s.baseUrl.rfind("https://", 0) != 0)
    invalid("setting \"base_url\" must be an http:// or https:// URL");
  s.apiKey = host.secret(s.apiKeyEnv).value_or("");
  return s;
}

std::string ManusSettings::webhookUrl() const {
  return publicUrl.empty() ? std::string() : publicUrl + "/webhooks/manus";
}

}  // namespace manus
