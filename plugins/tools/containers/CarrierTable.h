#pragma once

#include <string>
#include <string_view>

namespace containers {

/// A container-shipping line and its public track-and-trace page.
struct Carrier {
  std::string_view name;
  /// The page, with "{number}" where the page takes the container number in
  /// its URL; without it, the page has a search form.
  std::string_view trackingPage;

  /// The tracking page for one container number.
  std::string trackingUrl(std::string_view number) const;
};

/// The carrier that owns a prefix (owner code and category, "MSCU"), from the
/// table of the major carriers' prefixes shipped with the plugin
/// (CarrierTable.cpp; README.md says where it comes from). Null when the
/// prefix is not in it.
const Carrier* carrierForPrefix(std::string_view prefix);

}  // namespace containers
