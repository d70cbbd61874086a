#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fx {

/// What a free-text message says about currencies, for the live tool.
struct CurrencyMention {
  std::vector<std::string> codes;   ///< known codes in the order they appear, no repeats
  std::optional<double> amount;     ///< the first number that is not part of a date
  std::optional<std::string> date;  ///< the first YYYY-MM-DD
};

/// Reads ISO codes ("USD", "usd"; lower-case "try" is the English verb, not
/// the lira), currency words ("dollars", "euro", "pounds", "yen", "Swiss
/// francs", "Canadian dollars", ...) and symbols ($ EUR-sign £ ¥) from
/// `text`. Only codes in `known` count.
CurrencyMention readCurrencyText(const std::string& text,
                                 const std::map<std::string, std::string>& known);

}  // namespace fx
