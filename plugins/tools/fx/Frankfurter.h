#pragma once

#include <manifold/plugin.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/JsonUpstream.h"

namespace fx {

/// Rates as Frankfurter answered them: `date` is the ECB publication date,
/// which may be earlier than the day asked for (weekends, holidays).
struct Quote {
  std::string base;
  std::string date;
  std::vector<std::pair<std::string, double>> rates;
  std::string url;
};

/// The Frankfurter API (https://www.frankfurter.app/docs/): /currencies,
/// /latest and /YYYY-MM-DD with from and to. The currency list is fetched
/// once per instance and kept; a failed fetch is not kept.
class Frankfurter {
 public:
  Frankfurter(manifold::Host host, std::string baseUrl, int64_t timeoutMs);

  /// Code -> name, e.g. "USD" -> "United States Dollar".
  std::map<std::string, std::string> currencies();
  /// `code` upper-cased; MF_ERR_INVALID when it is not a code or not known.
  std::string knownCurrency(const std::string& code);

  /// Rates of `base` in `symbols` (all when empty) on `date` (latest when unset).
  Quote rates(const std::string& base, const std::vector<std::string>& symbols,
              const std::optional<std::string>& date);

  const std::string& baseUrl() const { return baseUrl_; }

 private:
  toolcommon::JsonUpstream upstream_;
  std::string baseUrl_;
  std::mutex mutex_;
  std::map<std::string, std::string> currencies_;
};

}  // namespace fx
