#include "usage/AttemptCost.h"

#include <algorithm>

namespace manifold::usage {

std::optional<double> attemptCost(const turn::AttemptReport& a, const ModelPrice* price) {
  if (!a.billed || !a.usageKnown || !price) return std::nullopt;
  const int64_t uncached =
      std::max<int64_t>(0, a.promptTokens - a.cachedTokens - a.cacheWriteTokens);
  const double dollars = static_cast<double>(uncached) * price->input +
                         static_cast<double>(a.cachedTokens) * price->cachedRead +
                         static_cast<double>(a.cacheWriteTokens) * price->cacheWrite +
                         static_cast<double>(a.completionTokens) * price->output;
  return dollars / 1e6;
}

}  // namespace manifold::usage
