#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace manifold::usage {

/// Whole UTC days, both ends included: what ?from=YYYY-MM-DD&to=YYYY-MM-DD
/// asks for. As times, [fromMs, toMs): from's midnight to the midnight after
/// `to`.
struct DayRange {
  std::string from, to;
  int64_t fromMs = 0;
  int64_t toMs = 0;

  static constexpr int kDefaultDays = 30;  ///< no `from`: the 30 days up to `to`
  static constexpr int kMaxDays = 366;

  /// Reads the two parameters, either of which may be empty: `to` defaults to
  /// today (UTC, at nowMs), `from` to 29 days before `to`. On a bad date, a
  /// `from` after `to` or a range over kMaxDays, returns nullopt and sets
  /// `problem` and `param` (the parameter at fault).
  static std::optional<DayRange> parse(const std::string& from, const std::string& to,
                                       int64_t nowMs, std::string& problem, std::string& param);
};

}  // namespace manifold::usage
