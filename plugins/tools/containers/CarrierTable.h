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

/// The carrier that owns a 3-letter owner code ("MSC"), from the table of the
/// major carriers' prefixes shipped with the plugin (CarrierTable.cpp; README.md
/// says where it comes from). The table lists prefixes as carriers publish
/// them, with the category letter ("MSCU"); an owner code is the same owner
/// for its J and Z equipment. Null when the code is not in the table.
const Carrier* carrierForOwnerCode(std::string_view ownerCode);

}  // namespace containers
