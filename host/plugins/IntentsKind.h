#pragma once

#include "plugins/KindHandler.h"

namespace manifold::plugins {

/// Kind "manifold.intents/1": checks a plugin's mf_intents_api table
/// (since ABI 1.1) and compiles the intents it declares.
class IntentsKind : public KindHandler {
 public:
  const char* kindId() const override;
  std::unique_ptr<KindTable> check(const void* table, std::string& refusal) const override;
  /// Asks the plugin for its declarations and compiles every phrase and
  /// pattern; a declaration that does not compile refuses the plugin.
  std::string complete(const std::string& pluginId, KindTable& table) const override;
};

}  // namespace manifold::plugins
