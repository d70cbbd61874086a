#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "router/IntentRouter.h"
#include "router/ModeLexicon.h"
#include "router/NormalizedText.h"
#include "router/PluginIntentIndex.h"

namespace manifold::plugins {
class PluginDirectory;
}

namespace manifold::router {

/// The built-in router: keywords and phrases looked up word by word, the shape
/// of the text (code fences, stack traces, maths), an attached image, and the
/// intents loaded plugins declare. Everything is compiled in the constructor,
/// or when the plugin set changes; routing a message allocates nothing but
/// the decision's strings (and those only past the small-string size).
///
/// How a message is decided:
///  1. A plugin phrase or pattern that matches wins (see PluginIntentIndex).
///  2. Otherwise each mode collects evidence; where two modes both fit, the
///     one whose chain serves both needs is preferred: code over live data
///     and maths (the coder chain can write the fetching or solving code),
///     live over writing and quick answers (a search-grounded engine writes
///     too), and with an image attached, vision over everything but a request
///     to edit or generate a picture.
class RuleBasedRouter : public IntentRouter {
 public:
  /// `plugins` may be null (no plugin intents); otherwise it must outlive the
  /// router. Plugins loaded, replaced or removed later are seen by the next
  /// message.
  explicit RuleBasedRouter(const plugins::PluginDirectory* plugins = nullptr);

  RouteDecision route(const RouterInput& input) const override;
  RouteResult decide(std::optional<std::string_view> requested,
                     const RouterInput& input) const override;
  std::vector<std::string> knownTargets() const override;

  /// The built-in part alone: the mode for a normalized text, ignoring plugins.
  RouteDecision routeMode(const NormalizedText& text, bool imageAttached) const;

 private:
  std::shared_ptr<const PluginIntentIndex> pluginIntents() const;

  ModeLexicon lexicon_;
  const plugins::PluginDirectory* plugins_;
  mutable std::mutex refreshMutex_;
  mutable std::shared_ptr<const PluginIntentIndex> intents_;  // atomic_load / atomic_store
  mutable std::atomic<uint64_t> intentsGeneration_{UINT64_MAX};
  mutable std::atomic<bool> noIntents_{true};
};

}  // namespace manifold::router
