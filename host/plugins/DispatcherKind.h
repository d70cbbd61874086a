#pragma once

#include "plugins/KindHandler.h"

namespace manifold::plugins {

/// Kind "manifold.dispatcher/1": checks a plugin's mf_dispatcher_api table.
class DispatcherKind : public KindHandler {
 public:
  const char* kindId() const override;
  std::unique_ptr<KindTable> check(const void* table, std::string& refusal) const override;
};

}  // namespace manifold::plugins
