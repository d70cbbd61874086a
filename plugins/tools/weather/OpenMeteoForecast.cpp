#include "OpenMeteoForecast.h"

#include <cstdio>
#include <vector>

#include "WmoCodes.h"
#include "common/UrlQuery.h"

namespace weather {

namespace json = manifold::json;

namespace {

struct Field {
  const char* api;   ///< Open-Meteo's variable
  const char* ours;  ///< our name in the answer
};

const std::vector<Field> kCurrent = {{"temperature_2m", "temperature"},
                                     {"apparent_temperature", "apparent_temperature"},
                                     {"relative_humidity_2m", "relative_humidity"},
                                     {"precipitation", "precipitation"},
                                     {"wind_speed_10m", "wind_speed"},
                                     {"wind_direction_10m", "wind_direction"}};
const std::vector<Field> kDaily = {{"temperature_2m_max", "temperature_max"},
                                   {"temperature_2m_min", "temperature_min"},
                                   {"precipitation_sum", "precipitation_sum"},
                                   {"precipitation_probability_max", "precipitation_probability"},
                                   {"wind_speed_10m_max", "wind_speed_max"}};

std::string fieldList(const std::vector<Field>& fields) {
  std::string out = "weather_code";
  for (const Field& f : fields) out += std::string(",") + f.api;
  return out;
}

std::string coordinate(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", value);
  return text;
}

void setConditions(json::Value& out, const json::Value& code) {
  if (!code.isNumber()) return;
  out.set("conditions", weatherWords(static_cast<int>(code.asInt())));
  out.set("weather_code", code.asInt());
}

void addUnits(json::Value& units, const json::Value& apiUnits, const std::vector<Field>& fields) {
  for (const Field& f : fields)
    if (apiUnits[f.api].isString()) units.set(f.ours, apiUnits[f.api].asString());
}

json::Value currentFrom(const json::Value& current) {
  json::Value out = json::Value::object();
  out.set("time", current["time"].asString());
  setConditions(out, current["weather_code"]);
  for (const Field& f : kCurrent)
    if (current[f.api].isNumber()) out.set(f.ours, current[f.api]);
  return out;
}

json::Value daysFrom(const json::Value& daily) {
  json::Value days = json::Value::array();
  const json::Array& dates = daily["time"].asArray();
  for (size_t i = 0; i < dates.size(); ++i) {
    json::Value day = json::Value::object();
    day.set("date", dates[i].asString());
    setConditions(day, daily["weather_code"][i]);
    for (const Field& f : kDaily)
      if (daily[f.api][i].isNumber()) day.set(f.ours, daily[f.api][i]);
    days.push(std::move(day));
  }
  return days;
}

}  // namespace

OpenMeteoForecast::OpenMeteoForecast(manifold::Host host, std::string url, int64_t timeoutMs)
    : upstream_(host, "open-meteo forecast", timeoutMs), url_(std::move(url)) {}

json::Value OpenMeteoForecast::weather(const Place& place, bool current, int days) const {
  std::vector<std::pair<std::string, std::string>> query = {
      {"latitude", coordinate(place.latitude)}, {"longitude", coordinate(place.longitude)}};
  if (current) query.emplace_back("current", fieldList(kCurrent));
  if (days > 0) query.emplace_back("daily", fieldList(kDaily));
  query.emplace_back("forecast_days", std::to_string(days > 0 ? days : 1));
  query.emplace_back("timezone", "auto");
  const std::string url = toolcommon::withQuery(url_, query);
  const json::Value body = upstream_.get(url).body;

  json::Value out = json::Value::object();
  out.set("place", place.toJson());
  json::Value units = json::Value::object();
  if (current) {
    if (!body["current"].isObject())
      throw manifold::Error(MF_ERR_INTERNAL,
                            "open-meteo forecast answered without current conditions");
    out.set("current", currentFrom(body["current"]));
    addUnits(units, body["current_units"], kCurrent);
  }
  if (days > 0) {
    if (!body["daily"]["time"].isArray())
      throw manifold::Error(MF_ERR_INTERNAL,
                            "open-meteo forecast answered without a daily forecast");
    out.set("days", daysFrom(body["daily"]));
    addUnits(units, body["daily_units"], kDaily);
  }
  out.set("units", std::move(units));
  if (body["timezone"].isString()) out.set("timezone", body["timezone"].asString());
  out.set("source", "Open-Meteo (open-meteo.com)");
  out.set("url", url);
  return out;
}

}  // namespace weather
