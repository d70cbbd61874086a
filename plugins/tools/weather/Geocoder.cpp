#include "Geocoder.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "common/Text.h"
#include "common/UrlQuery.h"

namespace weather {

namespace json = manifold::json;
using toolcommon::lowercase;
using toolcommon::trimmed;

namespace {

constexpr size_t kMaxListed = 5;

Place placeFrom(const json::Value& r) {
  Place p;
  p.name = r["name"].asString();
  p.admin1 = r["admin1"].asString();
  p.country = r["country"].asString();
  p.countryCode = r["country_code"].asString();
  p.latitude = r["latitude"].asDouble();
  p.longitude = r["longitude"].asDouble();
  p.population = r["population"].asInt(0);
  return p;
}

bool matchesQualifier(const Place& p, const std::string& qualifier) {
  const std::string q = lowercase(qualifier);
  if (q.size() == 2) return lowercase(p.countryCode) == q;
  return lowercase(p.country) == q || lowercase(p.admin1) == q || lowercase(p.countryCode) == q;
}

bool samePlace(const Place& a, const Place& b) {
  return a.country == b.country && a.admin1 == b.admin1;
}

}  // namespace

json::Value Place::toJson() const {
  json::Value out = json::Value::object();
  out.set("name", name);
  if (!admin1.empty()) out.set("admin1", admin1);
  if (!country.empty()) out.set("country", country);
  out.set("latitude", latitude);
  out.set("longitude", longitude);
  return out;
}

std::string Place::describe() const {
  std::string where;
  for (const std::string* part : {&admin1, &country})
    if (!part->empty()) where += (where.empty() ? "" : ", ") + *part;
  char coordinates[64];
  std::snprintf(coordinates, sizeof coordinates, "%.2f, %.2f", latitude, longitude);
  return name + " (" + (where.empty() ? "" : where + "; ") + coordinates + ")";
}

Geocoder::Geocoder(manifold::Host host, std::string url, int64_t timeoutMs, int64_t winnerRatio)
    : upstream_(host, "open-meteo geocoding", timeoutMs),
      url_(std::move(url)),
      winnerRatio_(winnerRatio) {}

Place Geocoder::resolve(const std::string& asked,
                        const std::optional<std::string>& qualifierArg) const {
  std::string name = asked;
  std::optional<std::string> qualifier = qualifierArg;
  if (const size_t comma = asked.find(','); comma != std::string::npos) {
    name = trimmed(asked.substr(0, comma));
    if (!qualifier) qualifier = trimmed(asked.substr(comma + 1));
  }
  if (qualifier && qualifier->empty()) qualifier.reset();
  if (name.size() < 2)
    throw manifold::Error(MF_ERR_INVALID, "place name '" + name + "' is too short to look up");

  const toolcommon::JsonReply reply = upstream_.get(toolcommon::withQuery(
      url_, {{"name", name}, {"count", "10"}, {"language", "en"}, {"format", "json"}}));
  const json::Value& results = reply.body["results"];
  if (!reply.body.isObject() || (!results.isNull() && !results.isArray()))
    throw manifold::Error(MF_ERR_INTERNAL,
                          "open-meteo geocoding answered without a list of results");

  std::vector<Place> matches;
  for (const json::Value& r : results.asArray()) {
    Place p = placeFrom(r);
    if (!p.name.empty() && (!qualifier || matchesQualifier(p, *qualifier)))
      matches.push_back(std::move(p));
  }
  if (matches.empty())
    throw manifold::Error(MF_ERR_INVALID, "no place named '" + name + "'" +
                                              (qualifier ? " in '" + *qualifier + "'" : "") +
                                              " was found");
  std::vector<Place> exact;
  for (const Place& p : matches)
    if (lowercase(p.name) == lowercase(name)) exact.push_back(p);
  if (!exact.empty()) matches = exact;

  const Place& first = matches.front();
  bool clear = true;
  for (size_t i = 1; i < matches.size() && clear; ++i)
    clear =
        samePlace(first, matches[i]) || first.population >= winnerRatio_ * matches[i].population;
  // Two places nobody counted are no winner either.
  if (matches.size() > 1 && first.population == 0 &&
      !std::all_of(matches.begin(), matches.end(),
                   [&](const Place& p) { return samePlace(first, p); }))
    clear = false;
  if (clear) return first;

  std::string list;
  for (size_t i = 0; i < matches.size() && i < kMaxListed; ++i)
    list += (i ? "; " : "") + matches[i].describe();
  throw manifold::Error(MF_ERR_INVALID,
                        "'" + name + "' is ambiguous: " + list +
                            (matches.size() > kMaxListed ? "; and more" : "") +
                            ". Ask which one, or pass country (a country, region or ISO code) "
                            "or latitude and longitude");
}

}  // namespace weather
