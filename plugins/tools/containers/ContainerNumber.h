#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace containers {

/// A shipping-container number as ISO 6346 defines it: a 3-letter owner code,
/// a category letter (U, J or Z), a 6-digit serial and a check digit.
struct ContainerNumber {
  std::string ownerCode;  ///< e.g. "CSQ"
  char category = 'U';    ///< U freight container, J detachable equipment, Z trailer or chassis
  std::string serial;     ///< 6 digits
  int checkDigit = 0;

  /// "CSQU3054383"
  std::string text() const;
  /// "freight container", "detachable freight container-related equipment", "trailer or chassis"
  std::string categoryName() const;

  /// The check digit of the first 10 characters (owner code, category,
  /// serial; upper case): letters take the standard's values (A=10, skipping
  /// multiples of 11), each character is weighted by 2^position, and the sum
  /// is taken mod 11, then mod 10.
  static int checkDigitOf(std::string_view firstTen);

  /// Reads a number typed by a person: case, spaces and hyphens do not matter
  /// ("csqu 305438-3"). Throws manifold::Error (MF_ERR_INVALID) saying what
  /// is wrong: no check digit (and what it would be), not 11 characters, a
  /// malformed owner code, category or serial, or a wrong check digit
  /// ("CSQU3054384: check digit should be 3, not 4").
  static ContainerNumber parse(std::string_view input);

  /// The first thing in free text shaped like a container number (4 letters,
  /// the last U, J or Z, then 6 digits and a check digit, with optional
  /// spaces or hyphens between the groups), as written; nullopt when there is
  /// none. The check digit is not checked here, and may be missing.
  static std::optional<std::string> findIn(std::string_view text);
};

}  // namespace containers
