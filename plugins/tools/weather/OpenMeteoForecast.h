#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <cstdint>
#include <string>

#include "Geocoder.h"
#include "common/JsonUpstream.h"

namespace weather {

/// Open-Meteo's forecast API (GET <url>?latitude&longitude&current=...&daily=...
/// &forecast_days=N&timezone=auto), answered compactly: the weather code in
/// words, our own field names and their units.
class OpenMeteoForecast {
 public:
  OpenMeteoForecast(manifold::Host host, std::string url, int64_t timeoutMs);

  /// {"place", "current"?, "days"?, "units", "timezone", "source", "url"}.
  /// `days` 0: no daily forecast; `current` false: no current conditions.
  manifold::json::Value weather(const Place& place, bool current, int days) const;

 private:
  toolcommon::JsonUpstream upstream_;
  std::string url_;
};

}  // namespace weather
