#pragma once

#include "plugins/KindHandler.h"

namespace manifold::plugins {

/// Kind "manifold.toolset/1": checks a plugin's mf_toolset_api table.
class ToolsetKind : public KindHandler {
 public:
  const char* kindId() const override;
  std::unique_ptr<KindTable> check(const void* table, std::string& refusal) const override;
};

}  // namespace manifold::plugins
