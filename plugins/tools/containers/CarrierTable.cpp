#include "CarrierTable.h"

namespace containers {
namespace {

// The carriers' public track-and-trace pages (README.md, "The carrier table").
constexpr Carrier kMsc{"MSC", "https://www.msc.com/en/track-a-shipment?trackingNumber={number}"};
constexpr Carrier kMaersk{"Maersk", "https://www.maersk.com/tracking/{number}"};
constexpr Carrier kCmaCgm{
    "CMA CGM",
    "https://www.cma-cgm.com/ebusiness/tracking/search?SearchBy=Container&Reference={number}"};
constexpr Carrier kCosco{"COSCO Shipping",
                         "https://elines.coscoshipping.com/ebusiness/"
                         "cargoTracking?trackingType=CONTAINER&number={number}"};
constexpr Carrier kHapagLloyd{"Hapag-Lloyd",
                              "https://www.hapag-lloyd.com/en/online-business/track/"
                              "track-by-container-solution.html?container={number}"};
constexpr Carrier kOne{
    "Ocean Network Express (ONE)",
    "https://ecomm.one-line.com/one-ecom/manage-shipment/cargo-tracking?trakNoParam={number}"};
constexpr Carrier kEvergreen{"Evergreen Line",
                             "https://ct.shipmentlink.com/servlet/TDB1_CargoTracking.do"};
constexpr Carrier kYangMing{
    "Yang Ming", "https://www.yangming.com/e-service/track_trace/track_trace_cargo_tracking.aspx"};
constexpr Carrier kHmm{"HMM", "https://www.hmm21.com/e-service/general/trackNTrace/TrackNTrace.do"};
constexpr Carrier kZim{"ZIM", "https://www.zim.com/tools/track-a-shipment?consnumber={number}"};
constexpr Carrier kOocl{
    "OOCL",
    "https://www.oocl.com/eng/ourservices/eservices/cargotracking/Pages/cargotracking.aspx"};
constexpr Carrier kWanHai{"Wan Hai Lines",
                          "https://www.wanhai.com/views/cargoTrack/CargoTrack.xhtml"};
constexpr Carrier kPil{"PIL (Pacific International Lines)", "https://www.pilship.com"};
constexpr Carrier kMatson{"Matson", "https://www.matson.com/shipment-tracking.html"};

struct PrefixEntry {
  std::string_view prefix;
  const Carrier* carrier;
};

// Owner codes (with the category letter) that each carrier registered; the
// older brands are listed under the line that operates them now.
constexpr PrefixEntry kPrefixes[] = {
    {"MSCU", &kMsc},        {"MEDU", &kMsc},        {"MSDU", &kMsc},       {"MAEU", &kMaersk},
    {"MSKU", &kMaersk},     {"MRKU", &kMaersk},     {"MRSU", &kMaersk},    {"SUDU", &kMaersk},
    {"CMAU", &kCmaCgm},     {"CGMU", &kCmaCgm},     {"ECMU", &kCmaCgm},    {"APLU", &kCmaCgm},
    {"CSNU", &kCosco},      {"CBHU", &kCosco},      {"CCLU", &kCosco},     {"HLXU", &kHapagLloyd},
    {"HLBU", &kHapagLloyd}, {"UACU", &kHapagLloyd}, {"ONEU", &kOne},       {"NYKU", &kOne},
    {"MOLU", &kOne},        {"KKFU", &kOne},        {"EGHU", &kEvergreen}, {"EISU", &kEvergreen},
    {"EMCU", &kEvergreen},  {"EGSU", &kEvergreen},  {"YMLU", &kYangMing},  {"YMMU", &kYangMing},
    {"HMMU", &kHmm},        {"HDMU", &kHmm},        {"ZIMU", &kZim},       {"ZCSU", &kZim},
    {"OOLU", &kOocl},       {"OOCU", &kOocl},       {"WHLU", &kWanHai},    {"WHSU", &kWanHai},
    {"PCIU", &kPil},        {"MATU", &kMatson},
};

}  // namespace

std::string Carrier::trackingUrl(std::string_view number) const {
  std::string url(trackingPage);
  const std::string_view placeholder = "{number}";
  const size_t at = url.find(placeholder);
  if (at != std::string::npos) url.replace(at, placeholder.size(), number);
  return url;
}

const Carrier* carrierForOwnerCode(std::string_view ownerCode) {
  for (const PrefixEntry& entry : kPrefixes)
    if (entry.prefix.substr(0, 3) == ownerCode) return entry.carrier;
  return nullptr;
}

}  // namespace containers
