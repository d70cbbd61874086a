#include "turn/RouteStage.h"

#include <Poco/String.h>

#include "router/RequestText.h"

namespace manifold::turn {
namespace {

std::string withoutModePrefix(const std::string& name) {
  return name.rfind("mode/", 0) == 0 ? name.substr(5) : name;
}

TurnError noChain(const std::string& what, const std::string& param) {
  return TurnError{404, what + " matches no engine or mode", param, "model_not_found", {}};
}

// A model name nobody configured ("gpt-4o-mini", "codestral-latest") says
// what kind of model the client wanted: the mode that best fits it.
router::Mode modeForModelName(const std::string& model) {
  const std::string m = Poco::toLower(model);
  auto has = [&m](std::initializer_list<const char*> words) {
    for (const char* w : words)
      if (m.find(w) != std::string::npos) return true;
    return false;
  };
  if (has({"codestral", "coder", "code"})) return router::Mode::Coder;
  if (has({"reason", "o1", "o3", "think"})) return router::Mode::Reasoner;
  if (has({"vision", "pixtral", "scout"})) return router::Mode::Vision;
  if (has({"flash", "fast", "mini", "8b"})) return router::Mode::Fast;
  return router::Mode::Smart;
}

router::RouteDecision named(router::Mode mode, std::string rule) {
  router::RouteDecision d;
  d.mode = mode;
  d.confidence = 1;
  d.rule = std::move(rule);
  return d;
}

}  // namespace

std::string TurnRoute::target() const {
  if (decision.isPluginIntent()) return decision.target();
  return mode.empty() && chain.size() == 1 ? chain.front() : mode;
}

std::variant<TurnRoute, TurnError> RouteStage::route(const TurnRequest& request,
                                                     const RuntimeSnapshot& snapshot) const {
  const engines::EngineCatalog& engines = snapshot.engines;
  const std::string& model = request.chat.model;
  std::optional<std::string> requested = request.requestedRoute;
  if (requested && (requested->empty() || *requested == "auto" || *requested == "mode/auto"))
    requested.reset();
  TurnRoute route;

  if (!requested) {
    const bool autoModel = model.empty() || model == "auto" || model == "mode/auto";
    if (!autoModel && model.rfind("mode/", 0) == 0) {
      route.mode = model.substr(5);
      const config::ModeConfig* m = engines.mode(route.mode);
      if (!m) return noChain("model \"" + model + "\"", "model");
      route.chain = m->chain;
      route.decision =
          named(router::modeFromName(route.mode).value_or(router::Mode::Smart), "model:mode");
      return route;
    }
    if (!autoModel && engines.engine(model)) {
      route.chain = {model};
      route.decision = named(router::Mode::Smart, "model:engine");
      return route;
    }
    if (!autoModel) {
      const router::Mode hinted = modeForModelName(model);
      route.mode = std::string(router::modeName(hinted));
      if (!engines.mode(route.mode)) route.mode = "smart";
      const config::ModeConfig* m = engines.mode(route.mode);
      if (!m) return noChain("model \"" + model + "\"", "model");
      route.chain = m->chain;
      route.decision = named(hinted, "model_name");
      route.decision.confidence = 0.5;
      return route;
    }
  } else {
    // An operator's own mode ("team-x") is honoured as it is; the router
    // knows the built-in modes and the plugins' intents.
    const std::string name = withoutModePrefix(*requested);
    if (const config::ModeConfig* own = engines.mode(name); own && !router::modeFromName(name)) {
      route.mode = name;
      route.chain = own->chain;
      route.decision = named(router::Mode::Smart, "override");
      return route;  // the router knows nothing of it: nothing was auto-routed
    }
  }

  std::string scratch;
  const router::RouterInput input = router::routerInputFor(request.chat, scratch);
  router::RouteResult result = snapshot.router->decide(requested, input);
  if (!result.ok()) return TurnError{400, result.error, "mode", "unknown_mode", {}};
  route.decision = std::move(*result.decision);
  route.routed = true;
  route.mode = std::string(router::modeName(route.decision.mode));
  // A mode the operator did not configure falls back to smart, unless asked for.
  if (!requested && !engines.mode(route.mode)) route.mode = "smart";
  if (route.decision.isPluginIntent() && tasks_ &&
      snapshot.config.dispatches(route.decision.intent))
    route.dispatch = tasks_->targetFor(route.decision.intent);
  if (route.dispatch) return route;  // no chain needed: the mode may have none
  const config::ModeConfig* m = engines.mode(route.mode);
  if (!m) return noChain("mode \"" + route.mode + "\"", "mode");
  route.chain = m->chain;
  return route;
}

}  // namespace manifold::turn
