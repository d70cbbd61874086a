#include "ContainersToolset.h"

#include "CarrierTable.h"
#include "TavilySearch.h"
#include "common/ToolArguments.h"
#include "common/ToolCall.h"
#include "common/ToolDeclaration.h"
#include "common/ToolSettings.h"
#include "common/UtcTime.h"

namespace containers {
namespace {

namespace json = manifold::json;
using toolcommon::ToolArguments;

constexpr int64_t kMaxResults = 10;
// A number's check digit and carrier never change; a status does.
constexpr int64_t kValidateTtlMs = 24 * 60 * 60 * 1000;
constexpr int64_t kTrackTtlMs = 10 * 60 * 1000;
const char* const kTable = "the carrier table shipped with the containers plugin";

json::Value numberProperty() {
  return toolcommon::stringProperty(
      "An ISO 6346 container number: owner code, category letter, 6-digit serial, check digit "
      "(e.g. CSQU3054383; spaces and hyphens are ignored)");
}

}  // namespace

ContainersToolset::ContainersToolset(manifold::Host host, std::string_view configJson)
    : host_(host) {
  const toolcommon::ToolSettings settings(host, configJson, kPluginId);
  const std::string backend = settings.string("search_backend", "tavily");
  const std::string baseUrl = settings.url("base_url", "https://api.tavily.com");
  const std::string keyName = settings.string("api_key_env", "TAVILY_API_KEY");
  const int64_t maxResults = settings.positiveInt("max_results", 5);
  if (maxResults > kMaxResults)
    throw manifold::Error(MF_ERR_INVALID, "containers: setting \"max_results\" must be 1 to " +
                                              std::to_string(kMaxResults));
  if (backend == "none") {
    noBackendReason_ = "no live status backend is configured (search_backend is \"none\")";
  } else if (backend != "tavily") {
    throw manifold::Error(MF_ERR_INVALID, "containers: unknown search_backend \"" + backend +
                                              "\"; known: tavily, none");
  } else if (const std::optional<std::string> key = host.secret(keyName); key && !key->empty()) {
    search_ = std::make_unique<TavilySearch>(host, baseUrl, *key, keyName,
                                             static_cast<int>(maxResults), settings.timeoutMs());
  } else {
    noBackendReason_ =
        "no live status backend is configured (set " + keyName + " for Tavily web search)";
  }
  host.info(search_ ? "containers: status from Tavily at " + baseUrl
                    : "containers: " + noBackendReason_);
}

std::string ContainersToolset::listTools() {
  using toolcommon::objectSchema;
  return toolcommon::toolList({
      {"validate",
       "Checks a shipping-container number (ISO 6346 check digit) and names the carrier that "
       "owns its prefix",
       objectSchema({{"number", numberProperty()}}, {"number"}),
       {},
       kValidateTtlMs},
      {"track",
       "Tracks a shipping container: the checked number, its carrier, the carrier's tracking "
       "page and what a web search finds about its status",
       objectSchema({{"number", numberProperty()}}, {"number"}),
       {},
       kTrackTtlMs},
      {"lookup",
       "Finds a shipping-container number in a chat message and tracks it",
       toolcommon::liveQuerySchema(),
       {"container", "containers", "container number", "tracking", "track my container",
        "shipping container"},
       kTrackTtlMs},
  });
}

std::string ContainersToolset::callTool(std::string_view name, std::string_view argumentsJson) {
  return toolcommon::runLogged(host_, kPluginId, name, [&] {
    if (name == "validate") return validate(argumentsJson);
    if (name == "track") return track(argumentsJson);
    if (name == "lookup") return lookup(argumentsJson);
    toolcommon::unknownTool(kPluginId, name, "validate, track, lookup");
  });
}

std::string ContainersToolset::validate(std::string_view argumentsJson) const {
  const ToolArguments args("validate", argumentsJson);
  args.allowOnly({"number"});
  return json::stringify(describe(ContainerNumber::parse(args.requiredString("number"))));
}

std::string ContainersToolset::track(std::string_view argumentsJson) const {
  const ToolArguments args("track", argumentsJson);
  args.allowOnly({"number"});
  return json::stringify(trackNumber(ContainerNumber::parse(args.requiredString("number"))));
}

std::string ContainersToolset::lookup(std::string_view argumentsJson) const {
  const ToolArguments args("lookup", argumentsJson);
  args.allowOnly({"query"});
  const std::optional<std::string> found = ContainerNumber::findIn(args.requiredString("query"));
  if (!found)
    args.invalid(
        "no container number found in the message (ISO 6346: 4 letters ending in U, J or Z, "
        "6 digits and a check digit, e.g. CSQU3054383)");
  return json::stringify(trackNumber(ContainerNumber::parse(*found)));
}

json::Value ContainersToolset::describe(const ContainerNumber& number) const {
  json::Value out = json::Value::object();
  out.set("number", number.text());
  out.set("valid", true);
  out.set("owner_code", number.ownerCode);
  out.set("category", std::string(1, number.category));
  out.set("category_name", number.categoryName());
  out.set("serial", number.serial);
  out.set("check_digit", number.checkDigit);
  const Carrier* carrier = carrierForOwnerCode(number.ownerCode);
  if (carrier) {
    out.set("carrier", std::string(carrier->name));
  } else {
    out.set("carrier", nullptr);
    out.set("carrier_note", "the owner code " + number.ownerCode +
                                " is not in the table of major carriers; a smaller line or a "
                                "leasing company may own it (the BIC register names every "
                                "owner code)");
  }
  out.set("source", std::string("ISO 6346 check digit; carrier from ") + kTable);
  return out;
}

json::Value ContainersToolset::trackNumber(const ContainerNumber& number) const {
  json::Value out = describe(number);
  const Carrier* carrier = carrierForOwnerCode(number.ownerCode);
  if (carrier) out.set("tracking_url", carrier->trackingUrl(number.text()));
  if (!search_) {
    out.set("status", nullptr);
    out.set("status_note", noBackendReason_ + "; the carrier's tracking page has the live status");
    return out;
  }
  const std::string query = "shipping container " + number.text() + " tracking status" +
                            (carrier ? " " + std::string(carrier->name) : "");
  json::Value status = json::Value::object();
  status.set("source", search_->name());
  status.set("query", query);
  status.set("retrieved_at", toolcommon::isoUtc(host_.nowUnixMs() / 1000));
  status.set("results", search_->search(query));
  out.set("status", std::move(status));
  return out;
}

}  // namespace containers
