#include "WeatherToolset.h"

#include <cstdio>

#include "PlaceText.h"
#include "common/ToolCall.h"
#include "common/ToolDeclaration.h"
#include "common/ToolSettings.h"

namespace weather {

namespace json = manifold::json;
using toolcommon::ToolArguments;

namespace {

constexpr int kMaxDays = 3;
constexpr int64_t kCurrentTtlMs = 10 * 60 * 1000;
constexpr int64_t kForecastTtlMs = 30 * 60 * 1000;
constexpr int64_t kDefaultWinnerRatio = 10;

Geocoder makeGeocoder(const manifold::Host& host, const toolcommon::ToolSettings& settings) {
  return Geocoder(
      host, settings.url("geocoding_url", "https://geocoding-api.open-meteo.com/v1/search"),
      settings.timeoutMs(), settings.positiveInt("clear_winner_ratio", kDefaultWinnerRatio));
}

OpenMeteoForecast makeForecast(const manifold::Host& host,
                               const toolcommon::ToolSettings& settings) {
  return OpenMeteoForecast(host,
                           settings.url("forecast_url", "https://api.open-meteo.com/v1/forecast"),
                           settings.timeoutMs());
}

std::vector<std::pair<std::string, json::Value>> placeProperties() {
  using toolcommon::numberProperty;
  using toolcommon::stringProperty;
  return {{"place", stringProperty("a place name, e.g. \"Lisbon\" or \"Springfield, Illinois\"")},
          {"country", stringProperty("narrows an ambiguous place: a country, region (admin1) or "
                                     "ISO 3166-1 alpha-2 code")},
          {"latitude", numberProperty("instead of place: -90..90")},
          {"longitude", numberProperty("instead of place: -180..180")}};
}

}  // namespace

WeatherToolset::WeatherToolset(manifold::Host host, std::string_view configJson)
    : WeatherToolset(host, toolcommon::ToolSettings(host, configJson, "weather")) {}

WeatherToolset::WeatherToolset(manifold::Host host, const toolcommon::ToolSettings& settings)
    : host_(host),
      geocoder_(makeGeocoder(host, settings)),
      forecast_(makeForecast(host, settings)) {}

std::string WeatherToolset::listTools() {
  std::vector<std::pair<std::string, json::Value>> forecastProperties = placeProperties();
  forecastProperties.emplace_back(
      "days", toolcommon::integerProperty("how many days, today first; default 3", 1, kMaxDays));
  return toolcommon::toolList({
      {"current",
       "Current weather conditions at a place: conditions in words, temperature, feels-like, "
       "humidity, precipitation, wind. Give place (and country when ambiguous) or latitude and "
       "longitude.",
       toolcommon::objectSchema(placeProperties(), {}),
       {},
       kCurrentTtlMs},
      {"forecast",
       "Daily forecast for up to 3 days at a place: conditions, min and max temperature, "
       "precipitation and its probability, wind.",
       toolcommon::objectSchema(std::move(forecastProperties), {}),
       {},
       kForecastTtlMs},
      {"lookup",
       "Current conditions and a 3-day forecast for the place a free-text message names (after "
       "'in', 'for', 'at').",
       toolcommon::liveQuerySchema(),
       {"weather", "forecast", "temperature", "rain", "raining", "snow", "snowing", "sunny",
        "windy", "humidity", "umbrella"},
       kCurrentTtlMs},
  });
}

std::string WeatherToolset::callTool(std::string_view name, std::string_view argumentsJson) {
  return toolcommon::runLogged(host_, "weather", name,
                               [&] { return dispatch(name, argumentsJson); });
}

std::string WeatherToolset::dispatch(std::string_view name, std::string_view argumentsJson) {
  const ToolArguments args(name, argumentsJson);
  if (name == "current") {
    args.allowOnly({"place", "country", "latitude", "longitude"});
    return json::stringify(forecast_.weather(placeOf(args), true, 0));
  }
  if (name == "forecast") {
    args.allowOnly({"place", "country", "latitude", "longitude", "days"});
    const int64_t days = args.optionalInt("days").value_or(kMaxDays);
    if (days < 1 || days > kMaxDays)
      args.invalid("\"days\" must be 1 to " + std::to_string(kMaxDays) + ", not " +
                   std::to_string(days));
    return json::stringify(forecast_.weather(placeOf(args), false, static_cast<int>(days)));
  }
  if (name == "lookup") {
    args.allowOnly({"query"});
    const std::optional<std::string> place = placeInText(args.requiredString("query"));
    if (!place)
      args.invalid(
          "no place name found in the message; name it after 'in', 'for' or 'at' "
          "(e.g. 'weather in Lisbon')");
    json::Value out = forecast_.weather(geocoder_.resolve(*place, std::nullopt), true, kMaxDays);
    out.set("understood_place", *place);
    return json::stringify(out);
  }
  toolcommon::unknownTool("weather", name, "current, forecast, lookup");
}

Place WeatherToolset::placeOf(const ToolArguments& args) const {
  const std::optional<double> latitude = args.optionalNumber("latitude");
  const std::optional<double> longitude = args.optionalNumber("longitude");
  const std::optional<std::string> place = args.optionalString("place");
  if (latitude.has_value() != longitude.has_value())
    args.invalid("give both latitude and longitude, or a place");
  if (!latitude) {
    if (!place) args.invalid("give a place (e.g. \"Lisbon\") or latitude and longitude");
    return geocoder_.resolve(*place, args.optionalString("country"));
  }
  if (*latitude < -90 || *latitude > 90 || *longitude < -180 || *longitude > 180)
    args.invalid("latitude must be -90..90 and longitude -180..180");
  Place p;
  char label[64];
  std::snprintf(label, sizeof label, "%.4f, %.4f", *latitude, *longitude);
  p.name = place.value_or(label);
  p.latitude = *latitude;
  p.longitude = *longitude;
  return p;
}

}  // namespace weather
