#pragma once

#include "plugins/KindTable.h"

namespace manifold::plugins {

/// A C table (mf_provider_api, mf_toolset_api, ...) copied into the host's
/// layout: fields a plugin built against an older minor does not know read as
/// zero (see copyStruct).
template <class Api>
class AbiTable : public KindTable {
 public:
  explicit AbiTable(const Api& api) : api_(api) {}
  const Api& api() const { return api_; }

 private:
  Api api_;
};

}  // namespace manifold::plugins
