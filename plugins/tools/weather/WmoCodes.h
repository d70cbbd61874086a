#pragma once

#include <string>

namespace weather {

/// The words for a WMO weather interpretation code (WW) as Open-Meteo uses
/// them: 0 "clear sky", 61 "slight rain", 95 "thunderstorm", ...
std::string weatherWords(int code);

}  // namespace weather
