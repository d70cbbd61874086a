// The weather toolset plugin: current conditions and a 3-day forecast for a
// named place through Open-Meteo. See README.md in this folder.
#include <manifold/plugin.hpp>

#include "WeatherToolset.h"

MANIFOLD_PLUGIN("weather", "1.0.0", "Current weather and a 3-day forecast for a place (Open-Meteo)",
                weather::WeatherToolset)
