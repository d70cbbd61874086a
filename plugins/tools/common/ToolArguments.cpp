#include "common/ToolArguments.h"

#include <manifold/plugin.hpp>

#include <algorithm>
#include <cmath>

#include "common/Text.h"

namespace toolcommon {

namespace json = manifold::json;

ToolArguments::ToolArguments(std::string_view tool, std::string_view argumentsJson) : tool_(tool) {
  std::optional<json::Value> parsed =
      json::parse(argumentsJson.empty() ? std::string_view("{}") : argumentsJson);
  if (!parsed || !parsed->isObject()) invalid("the arguments are not a JSON object");
  args_ = std::move(*parsed);
}

void ToolArguments::invalid(const std::string& message) const {
  throw manifold::Error(MF_ERR_INVALID, tool_ + ": " + message);
}

void ToolArguments::allowOnly(std::initializer_list<std::string_view> names) const {
  for (const json::Member& member : args_.asObject()) {
    if (std::find(names.begin(), names.end(), member.first) != names.end()) continue;
    std::string known;
    for (std::string_view n : names) known += (known.empty() ? "" : ", ") + std::string(n);
    invalid("unknown argument \"" + member.first + "\"" +
            (known.empty() ? "; this tool takes none" : "; it takes: " + known));
  }
}

const json::Value* ToolArguments::present(std::string_view name) const {
  const json::Value* v = args_.find(name);
  return v && !v->isNull() ? v : nullptr;
}

std::optional<std::string> ToolArguments::optionalString(std::string_view name) const {
  const json::Value* v = present(name);
  if (!v) return std::nullopt;
  if (!v->isString()) invalid("\"" + std::string(name) + "\" must be a string");
  std::string value = trimmed(v->asString());
  if (value.empty()) invalid("\"" + std::string(name) + "\" is empty");
  return value;
}

std::string ToolArguments::requiredString(std::string_view name) const {
  std::optional<std::string> value = optionalString(name);
  if (!value) invalid("\"" + std::string(name) + "\" is required");
  return *value;
}

std::optional<double> ToolArguments::optionalNumber(std::string_view name) const {
  const json::Value* v = present(name);
  if (!v) return std::nullopt;
  if (!v->isNumber() || !std::isfinite(v->asDouble()))
    invalid("\"" + std::string(name) + "\" must be a number");
  return v->asDouble();
}

double ToolArguments::requiredNumber(std::string_view name) const {
  std::optional<double> value = optionalNumber(name);
  if (!value) invalid("\"" + std::string(name) + "\" is required");
  return *value;
}

std::optional<int64_t> ToolArguments::optionalInt(std::string_view name) const {
  std::optional<double> value = optionalNumber(name);
  if (!value) return std::nullopt;
  if (*value != std::floor(*value)) invalid("\"" + std::string(name) + "\" must be a whole number");
  return static_cast<int64_t>(*value);
}

}  // namespace toolcommon
