#include "usage/CostMetricsObserver.h"

#include <algorithm>

namespace manifold::usage {

void CostMetricsObserver::attempt(const turn::AttemptReport& r) {
  if (!r.billed || !r.usageKnown) return;
  const PriceBook::EnginePrice engine = prices_.forEngine(r.engineId);
  if (!engine.price) {
    metrics_.costUnknown(r.engineId);
    return;
  }
  // The same split as attemptCost (usage/AttemptCost.h).
  const ModelPrice& p = *engine.price;
  const double uncached = static_cast<double>(
      std::max<int64_t>(0, r.promptTokens - r.cachedTokens - r.cacheWriteTokens));
  metrics_.costRecorded(r.engineId, "input", uncached * p.input / 1e6);
  metrics_.costRecorded(r.engineId, "cached_read",
                        static_cast<double>(r.cachedTokens) * p.cachedRead / 1e6);
  metrics_.costRecorded(r.engineId, "cache_write",
                        static_cast<double>(r.cacheWriteTokens) * p.cacheWrite / 1e6);
  metrics_.costRecorded(r.engineId, "output",
                        static_cast<double>(r.completionTokens) * p.output / 1e6);
}

}  // namespace manifold::usage
