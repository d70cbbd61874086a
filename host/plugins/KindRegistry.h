#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/KindHandler.h"

namespace manifold::plugins {

/// The kinds a host understands, each handled by one KindHandler registered
/// under its kind id (as Envoy registers factories by name). The loader asks
/// the registry for every kind a plugin declares; a kind id with no handler is
/// one this host predates, and is ignored rather than refused.
class KindRegistry {
 public:
  /// The kinds this build of the host knows: manifold.provider/1,
  /// manifold.toolset/1, manifold.dispatcher/1 and manifold.intents/1.
  static const KindRegistry& builtIn();

  KindRegistry() = default;
  KindRegistry(const KindRegistry&) = delete;
  KindRegistry& operator=(const KindRegistry&) = delete;

  /// Registers a handler under its kind id. Throws std::logic_error when the
  /// id already has one: two handlers for one kind is a programming error.
  void add(std::unique_ptr<KindHandler> handler);

  /// The handler for a kind id, or null when this host does not know it.
  const KindHandler* find(std::string_view kindId) const;

  /// Every registered kind id, sorted.
  std::vector<std::string> kindIds() const;

 private:
  std::map<std::string, std::unique_ptr<KindHandler>, std::less<>> handlers_;
};

}  // namespace manifold::plugins
