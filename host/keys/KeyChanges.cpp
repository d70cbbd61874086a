#include "keys/KeyChanges.h"

#include <manifold/json.hpp>

#include <set>

namespace manifold::keys {
namespace {

using Problem = std::optional<KeyFieldProblem>;

Problem names(const json::Value& v, const std::string& field, std::vector<std::string>& out) {
  if (!v.isArray()) return KeyFieldProblem{field + " must be an array of names", field};
  out.clear();
  for (const json::Value& item : v.asArray()) {
    if (!item.isString() || item.asString().empty() || item.asString().size() > 128)
      return KeyFieldProblem{field + " must hold non-empty names", field};
    out.push_back(item.asString());
  }
  return std::nullopt;
}

Problem count(const json::Value& v, const std::string& field, int64_t& out) {
  if (!v.isInt() || v.asInt() < 0)
    return KeyFieldProblem{field + " must be an integer >= 0 (0: no limit)", field};
  out = v.asInt();
  return std::nullopt;
}

Problem budget(const json::Value& v, const std::string& field, std::optional<double>& out) {
  if (v.isNull()) {
    out.reset();
    return std::nullopt;
  }
  if (!v.isNumber() || v.asDouble() < 0)
    return KeyFieldProblem{field + " must be a number of USD >= 0, or null for none", field};
  out = v.asDouble();
  return std::nullopt;
}

}  // namespace

std::optional<KeyFieldProblem> applyKeyChanges(std::string_view body, bool creating, int64_t nowMs,
                                               KeyRecord& key) {
  const std::optional<json::Value> parsed = json::parse(body, nullptr, 16);
  if (!parsed || !parsed->isObject()) return KeyFieldProblem{"the body must be a JSON object", ""};
  static const std::set<std::string, std::less<>> known = {
      "name", "expires_at_ms",  "expires_in_s",     "allowed_modes",      "allowed_engines", "rpm",
      "tpm",  "max_concurrent", "daily_budget_usd", "monthly_budget_usd", "allowed_tools"};
  for (const auto& [field, value] : parsed->asObject())
    if (!known.count(field)) return KeyFieldProblem{"unknown field \"" + field + "\"", field};
  const json::Value& v = *parsed;
  KeyLimits& l = key.limits;
  if (v.find("name")) {
    if (!v["name"].isString() || v["name"].asString().empty() || v["name"].asString().size() > 128)
      return KeyFieldProblem{"name must be a string of 1 to 128 characters", "name"};
    key.name = v["name"].asString();
  } else if (creating) {
    return KeyFieldProblem{"name is required", "name"};
  }
  if (v.find("expires_at_ms")) {
    const json::Value& e = v["expires_at_ms"];
    if (!e.isNull() && (!e.isInt() || e.asInt() < 0))
      return KeyFieldProblem{"expires_at_ms must be ms since the epoch, or 0/null for never",
                             "expires_at_ms"};
    key.expiresAtMs = e.isNull() ? 0 : e.asInt();
  }
  if (v.find("expires_in_s")) {
    if (!v["expires_in_s"].isInt() || v["expires_in_s"].asInt() <= 0)
      return KeyFieldProblem{"expires_in_s must be an integer > 0", "expires_in_s"};
    key.expiresAtMs = nowMs + v["expires_in_s"].asInt() * 1000;
  }
  Problem p;
  if (v.find("allowed_modes") && (p = names(v["allowed_modes"], "allowed_modes", l.allowedModes)))
    return p;
  if (v.find("allowed_engines") &&
      (p = names(v["allowed_engines"], "allowed_engines", l.allowedEngines)))
    return p;
  if (v.find("allowed_tools") && (p = names(v["allowed_tools"], "allowed_tools", l.allowedTools)))
    return p;
  if (v.find("rpm") && (p = count(v["rpm"], "rpm", l.rpm))) return p;
  if (v.find("tpm") && (p = count(v["tpm"], "tpm", l.tpm))) return p;
  if (v.find("max_concurrent") &&
      (p = count(v["max_concurrent"], "max_concurrent", l.maxConcurrent)))
    return p;
  if (v.find("daily_budget_usd") &&
      (p = budget(v["daily_budget_usd"], "daily_budget_usd", l.dailyBudgetUsd)))
    return p;
  if (v.find("monthly_budget_usd") &&
      (p = budget(v["monthly_budget_usd"], "monthly_budget_usd", l.monthlyBudgetUsd)))
    return p;
  return std::nullopt;
}

}  // namespace manifold::keys
