#pragma once

#include <manifold/plugin.h>

#include <memory>

#include "plugins/KindTable.h"
#include "router/PluginIntents.h"

namespace manifold::plugins {

/// A plugin's manifold.intents/1 table and, once the plugin has declared
/// them at load, its compiled intents.
class IntentsTable : public KindTable {
 public:
  explicit IntentsTable(const mf_intents_api& api) : api_(api) {}

  const mf_intents_api& api() const { return api_; }
  /// Null until IntentsKind::complete has compiled the declarations.
  const std::shared_ptr<const router::PluginIntents>& intents() const { return intents_; }
  void setIntents(std::shared_ptr<const router::PluginIntents> intents) {
    intents_ = std::move(intents);
  }

 private:
  mf_intents_api api_;
  std::shared_ptr<const router::PluginIntents> intents_;
};

}  // namespace manifold::plugins
