#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "router/NormalizedText.h"
#include "router/PluginIntents.h"
#include "router/WordTable.h"

namespace manifold::router {

/// The intents of every loaded plugin, indexed by the words their phrases and
/// patterns start with. Built when the set of plugins changes, never per
/// message; immutable afterwards, so any number of threads may read it.
class PluginIntentIndex {
 public:
  struct Target {
    const PluginIntents* plugin = nullptr;
    const IntentDeclaration* intent = nullptr;
  };
  struct Match {
    Target target;
    bool phrase = false;  ///< a phrase matched (else a pattern)
    size_t firstWord = 0;
    size_t literals = 0;
  };

  explicit PluginIntentIndex(std::vector<std::shared_ptr<const PluginIntents>> plugins);

  bool empty() const { return groups_.empty(); }

  /// The best match in a message: the highest priority, then a phrase before a
  /// pattern, then the most specific (most words named), then the earliest,
  /// then the plugin id in order.
  std::optional<Match> bestMatch(const NormalizedText& text) const;

  /// An intent by name: "plugin.id/intent", or a bare "intent" (when several
  /// plugins declare it, the highest priority wins, then the plugin id).
  std::optional<Target> find(std::string_view name) const;

  /// "plugin.id/intent" for every intent, in order.
  std::vector<std::string> names() const;

 private:
  struct Candidate {
    Target target;
    const WordPattern* pattern = nullptr;
    bool phrase = false;
  };
  static bool better(const Match& a, const Match& b);

  std::vector<std::shared_ptr<const PluginIntents>> plugins_;
  std::vector<std::vector<Candidate>> groups_;  ///< by trigger word
  WordTable table_;
};

}  // namespace manifold::router
