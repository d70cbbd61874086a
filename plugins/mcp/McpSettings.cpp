#include "McpSettings.h"

#include <manifold/json.hpp>

namespace mcp {
namespace {

namespace json = manifold::json;

[[noreturn]] void invalid(const std::string& what) {
  throw manifold::Error(MF_ERR_INVALID, "mcp: " + what);
}

int64_t positive(const json::Value& config, std::string_view name, int64_t fallback) {
  const json::Value* v = config.find(name);
  if (!v || v->isNull()) return fallback;
  if (!v->isInt() || v->asInt() <= 0)
    invalid("setting \"" + std::string(name) + "\" must be a positive integer");
  return v->asInt();
}

std::string text(const json::Value& config, std::string_view name, std::string fallback) {
  const json::Value* v = config.find(name);
  if (!v || v->isNull()) return fallback;
  if (!v->isString()) invalid("setting \"" + std::string(name) + "\" must be a string");
  return v->asString();
}

bool isHttpUrl(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

}  // namespace

McpSettings McpSettings::read(std::string_view configJson) {
  json::ParseError error;
  const std::optional<json::Value> config =
      json::parse(configJson.empty() ? "{}" : configJson, &error);
  if (!config || !config->isObject()) invalid("the instance config is not a JSON object");
  McpSettings s;
  s.id = text(*config, "id", "");
  if (s.id.empty()) invalid("setting \"id\" (the server's id) is missing");
  s.url = text(*config, "url", "");
  if (!isHttpUrl(s.url))
    invalid("server '" + s.id + "': setting \"url\" must be an http:// or https:// URL");
  s.protocol = text(*config, "protocol", "auto");
  if (s.protocol != "auto" && s.protocol != "2026-07-28" && s.protocol != "2025-11-25")
    invalid("server '" + s.id + "': setting \"protocol\" must be auto, 2026-07-28 or 2025-11-25");
  s.timeoutMs = positive(*config, "timeout_ms", s.timeoutMs);
  s.maxPages = positive(*config, "max_pages", s.maxPages);
  s.maxResultBytes = static_cast<size_t>(
      positive(*config, "max_result_bytes", static_cast<int64_t>(s.maxResultBytes)));
  const json::Value& headers = (*config)["headers"];
  if (!headers.isNull() && !headers.isObject())
    invalid("server '" + s.id + "': setting \"headers\" must be an object of strings");
  for (const json::Member& h : headers.asObject()) {
    if (!h.second.isString())
      invalid("server '" + s.id + "': header \"" + h.first + "\" must be a string");
    s.headers.push_back({h.first, h.second.asString()});
  }
  return s;
}

}  // namespace mcp
