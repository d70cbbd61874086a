#pragma once

namespace manifold::usage {

/// One model's list prices, in US dollars per million tokens. A free tier is
/// all zeros.
struct ModelPrice {
  double input = 0;       ///< uncached prompt tokens
  double output = 0;      ///< completion tokens, reasoning included
  double cachedRead = 0;  ///< prompt tokens read from the provider's cache
  double cacheWrite = 0;  ///< prompt tokens written to the provider's cache
};

}  // namespace manifold::usage
