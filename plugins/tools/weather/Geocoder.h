#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "common/JsonUpstream.h"

namespace weather {

struct Place {
  std::string name;
  std::string admin1;   ///< state, region; may be empty
  std::string country;  ///< may be empty (coordinates given)
  std::string countryCode;
  double latitude = 0;
  double longitude = 0;
  int64_t population = 0;

  manifold::json::Value toJson() const;
  /// "Springfield (Illinois, United States; 39.80, -89.64)"
  std::string describe() const;
};

/// Open-Meteo's geocoding API (GET <url>?name=&count=10&language=en&format=json),
/// with the ambiguity rule README.md documents:
///  1. "Name, Qualifier" (or a separate qualifier, the `country` argument)
///     keeps the matches whose country, country code or admin1 is the
///     qualifier (any case); a two-letter qualifier is a country code.
///  2. Matches named exactly as asked (any case) are preferred to partial ones.
///  3. One match left, or all in the same country and admin1: the first.
///  4. Otherwise the first wins when its population is at least `winnerRatio`
///     times every other match's; else the place is ambiguous: MF_ERR_INVALID
///     listing up to 5 candidates (name, admin1, country, lat/lon).
/// No match: MF_ERR_INVALID "no place named '...'".
class Geocoder {
 public:
  Geocoder(manifold::Host host, std::string url, int64_t timeoutMs, int64_t winnerRatio);

  Place resolve(const std::string& place, const std::optional<std::string>& qualifier) const;

 private:
  toolcommon::JsonUpstream upstream_;
  std::string url_;
  int64_t winnerRatio_;
};

}  // namespace weather
