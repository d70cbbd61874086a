#include "WmoCodes.h"

#include <map>

namespace weather {

std::string weatherWords(int code) {
  // The table in Open-Meteo's forecast API documentation ("WMO Weather
  // interpretation codes (WW)").
  static const std::map<int, const char*> kWords = {
      {0, "clear sky"},
      {1, "mainly clear"},
      {2, "partly cloudy"},
      {3, "overcast"},
      {45, "fog"},
      {48, "depositing rime fog"},
      {51, "light drizzle"},
      {53, "moderate drizzle"},
      {55, "dense drizzle"},
      {56, "light freezing drizzle"},
      {57, "dense freezing drizzle"},
      {61, "slight rain"},
      {63, "moderate rain"},
      {65, "heavy rain"},
      {66, "light freezing rain"},
      {67, "heavy freezing rain"},
      {71, "slight snow fall"},
      {73, "moderate snow fall"},
      {75, "heavy snow fall"},
      {77, "snow grains"},
      {80, "slight rain showers"},
      {81, "moderate rain showers"},
      {82, "violent rain showers"},
      {85, "slight snow showers"},
      {86, "heavy snow showers"},
      {95, "thunderstorm"},
      {96, "thunderstorm with slight hail"},
      {99, "thunderstorm with heavy hail"},
  };
  const auto it = kWords.find(code);
  return it == kWords.end() ? "unknown weather code " + std::to_string(code) : it->second;
}

}  // namespace weather
