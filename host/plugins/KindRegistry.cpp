#include "plugins/KindRegistry.h"

#include <stdexcept>

#include "plugins/DispatcherKind.h"
#include "plugins/IntentsKind.h"
#include "plugins/ProviderKind.h"
#include "plugins/ToolsetKind.h"

namespace manifold::plugins {

const KindRegistry& KindRegistry::builtIn() {
  // Registered explicitly rather than by static initialisers in each file: a
  // static library drops object files nothing references, and with them the
  // registration.
  static const std::unique_ptr<const KindRegistry> registry = [] {
    auto r = std::make_unique<KindRegistry>();
    r->add(std::make_unique<ProviderKind>());
    r->add(std::make_unique<ToolsetKind>());
    r->add(std::make_unique<DispatcherKind>());
    r->add(std::make_unique<IntentsKind>());
    return r;
  }();
  return *registry;
}

void KindRegistry::add(std::unique_ptr<KindHandler> handler) {
  const std::string id = handler->kindId();
  if (!handlers_.emplace(id, std::move(handler)).second)
    throw std::logic_error("kind " + id + " is registered twice");
}

const KindHandler* KindRegistry::find(std::string_view kindId) const {
  auto it = handlers_.find(kindId);
  return it == handlers_.end() ? nullptr : it->second.get();
}

std::vector<std::string> KindRegistry::kindIds() const {
  std::vector<std::string> ids;
  for (const auto& [id, handler] : handlers_) ids.push_back(id);
  return ids;
}

}  // namespace manifold::plugins
