#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <string>
#include <string_view>

#include "Geocoder.h"
#include "OpenMeteoForecast.h"
#include "common/ToolArguments.h"
#include "common/ToolSettings.h"

namespace weather {

/// The weather toolset: current, forecast and the live tool lookup, through
/// Open-Meteo's geocoding and forecast APIs. README.md lists settings, tools,
/// the ambiguity rule and errors.
class WeatherToolset : public manifold::Toolset {
 public:
  WeatherToolset(manifold::Host host, std::string_view configJson);

  std::string listTools() override;
  std::string callTool(std::string_view name, std::string_view argumentsJson) override;

 private:
  WeatherToolset(manifold::Host host, const toolcommon::ToolSettings& settings);

  std::string dispatch(std::string_view name, std::string_view argumentsJson);
  /// From place (+ country) or latitude and longitude.
  Place placeOf(const toolcommon::ToolArguments& args) const;

  manifold::Host host_;
  Geocoder geocoder_;
  OpenMeteoForecast forecast_;
};

}  // namespace weather
