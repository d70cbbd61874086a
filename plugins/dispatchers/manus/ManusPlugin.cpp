// The Manus dispatcher plugin: a long agent task handed to Manus (API v2).
// See README.md in this folder.
#include <manifold/plugin.hpp>

#include "ManusDispatcher.h"

namespace manus {

/// The long agent task: work that takes an agent hours, or acts in the world.
struct ManusIntents : manifold::Intents {
  static std::vector<manifold::Intent> declare() {
    return {{ManusDispatcher::kIntent,
             0,
             {"research for hours and build it", "go and book it", "book it for me",
              "do the research and build it", "handle it end to end"},
             {"research|investigate ... for hours|days", "research|investigate ... then|and build",
              "go and book|order|buy|reserve", "book|reserve ... flight|flights|hotel|table",
              "spend hours|days ... research*|build*|work*"},
             "a long agent task handed to Manus"}};
  }
};

}  // namespace manus

MANIFOLD_PLUGIN("manus", "1.0.0", "Long agent tasks handed to Manus (API v2)",
                manus::ManusDispatcher, manus::ManusIntents)
