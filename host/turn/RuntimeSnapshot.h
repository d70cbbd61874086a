#pragma once

#include <cstdint>
#include <memory>

#include "config/GatewayConfig.h"
#include "engines/EngineCatalog.h"
#include "router/IntentRouter.h"

namespace manifold::turn {

/// Everything a turn reads that a reload may change, in one immutable piece:
/// the config, the engine catalogue with its modes and key pools, and the
/// router. A turn takes one at its start (shared_ptr) and keeps it to its
/// end, so a reload never changes a request half-way, and nothing points
/// into a snapshot that is gone.
struct RuntimeSnapshot {
  RuntimeSnapshot(config::GatewayConfig gatewayConfig, const plugins::PluginDirectory& plugins,
                  std::shared_ptr<const router::IntentRouter> intentRouter, uint64_t number)
      : config(std::move(gatewayConfig)),
        engines(config, plugins),
        router(std::move(intentRouter)),
        generation(number) {}
  RuntimeSnapshot(const RuntimeSnapshot&) = delete;
  RuntimeSnapshot& operator=(const RuntimeSnapshot&) = delete;

  const config::GatewayConfig config;
  const engines::EngineCatalog engines;  ///< refers to `config` above
  const std::shared_ptr<const router::IntentRouter> router;
  const uint64_t generation;  ///< 1 for the config read at start, +1 per reload
};

using SnapshotPtr = std::shared_ptr<const RuntimeSnapshot>;

}  // namespace manifold::turn
