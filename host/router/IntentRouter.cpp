#include "router/IntentRouter.h"

#include <array>
#include <cmath>

namespace manifold::router {
namespace {

constexpr std::array<std::string_view, kModeCount> kModeNames = {
    "smart", "reasoner", "live", "fast", "coder", "vision", "image"};

}  // namespace

std::string_view modeName(Mode mode) {
  return kModeNames[static_cast<size_t>(mode)];
}

std::optional<Mode> modeFromName(std::string_view name) {
  for (size_t i = 0; i < kModeNames.size(); ++i)
    if (kModeNames[i] == name) return static_cast<Mode>(i);
  return std::nullopt;
}

std::string RouteDecision::target() const {
  return isPluginIntent() ? pluginId + "/" + intent : std::string(modeName(mode));
}

json::Value toJson(const RouteDecision& decision) {
  json::Value v = json::Value::object();
  v.set("mode", modeName(decision.mode));
  if (decision.isPluginIntent()) {
    v.set("intent", decision.intent);
    v.set("plugin", decision.pluginId);
  }
  v.set("confidence", std::round(decision.confidence * 100) / 100);
  v.set("rule", decision.rule);
  return v;
}

}  // namespace manifold::router
