// The sibling plugin: one dispatcher for every sibling service declared in
// plugins.settings.sibling, and the router intents those services take.
#include <manifold/plugin.hpp>

#include <atomic>

#include "SiblingDispatcher.h"
#include "SiblingSettings.h"

namespace sibling {
namespace {

// The services table init received. Intents are declared without an
// instance (plugin.h: declare_intents takes no host), so they read the
// settings through this; MANIFOLD_PLUGIN's init drops the host, hence the
// hand-made descriptor below.
std::atomic<const mf_host*> initHost{nullptr};

int32_t init(const mf_host* host, mf_error* error) noexcept {
  return manifold::detail::guard(error, [&] {
    // Malformed settings refuse the plugin at load, with the reason naming
    // the field, rather than failing each task later.
    SiblingSettings::load(manifold::Host(host));
    initHost.store(host);
  });
}

void deinit() noexcept {
  initHost.store(nullptr);
}

struct SiblingIntents : manifold::Intents {
  static std::vector<manifold::Intent> declare() {
    const SiblingSettings settings = SiblingSettings::load(manifold::Host(initHost.load()));
    std::vector<manifold::Intent> intents;
    for (const ServiceSettings& service : settings.services())
      for (manifold::Intent intent : service.intents) {
        if (intent.description.empty())
          intent.description =
              service.description.empty() ? "sibling service " + service.id : service.description;
        intents.push_back(std::move(intent));
      }
    return intents;
  }
};

using Definition = manifold::detail::PluginDefinition<SiblingDispatcher, SiblingIntents>;

}  // namespace
}  // namespace sibling

extern "C" MANIFOLD_EXPORT const mf_plugin_descriptor* manifold_plugin_entry(void) {
  static const mf_plugin_descriptor descriptor = [] {
    mf_plugin_descriptor d = *sibling::Definition::descriptor(
        "sibling", "1.0.0",
        "Sibling services (voice, workflow, eval, rag, ocr...) over the task protocol");
    d.init = &sibling::init;
    d.deinit = &sibling::deinit;
    return d;
  }();
  return &descriptor;
}
