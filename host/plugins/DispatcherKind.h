#pragma once

#include <manifold/plugin.h>

#include "plugins/KindHandler.h"

namespace manifold::plugins {

/// Kind "manifold.dispatcher/1": checks a plugin's mf_dispatcher_api table.
class DispatcherKind : public KindHandler {
 public:
  const char* kindId() const override;
  std::unique_ptr<KindTable> check(const void* table, std::string& refusal) const override;
  /// True for a 1.2 table (services, host-verified webhooks); false for 1.1.
  static bool namesServices(const mf_dispatcher_api& api);
};

}  // namespace manifold::plugins
