#include "CurrencyText.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "common/Text.h"

namespace fx {
namespace {

struct Word {
  std::string text;  ///< as written
  std::string lower;
};

// Words, numbers (with their thousands separators dropped) and the currency
// symbols, in order.
std::vector<Word> words(const std::string& text) {
  static const std::vector<std::pair<std::string, std::string>> kSymbols = {
      {"$", "$"},
      {"\xE2\x82\xAC", "\xE2\x82\xAC"},
      {"\xC2\xA3", "\xC2\xA3"},
      {"\xC2\xA5", "\xC2\xA5"}};
  std::vector<Word> out;
  std::string current;
  const auto flush = [&] {
    while (!current.empty() && (current.back() == '.' || current.back() == ',')) current.pop_back();
    if (!current.empty()) {
      out.push_back({current, toolcommon::lowercase(current)});
    }
    current.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    bool symbol = false;
    for (const auto& [bytes, name] : kSymbols) {
      if (text.compare(i, bytes.size(), bytes) != 0) continue;
      flush();
      out.push_back({name, name});
      i += bytes.size() - 1;
      symbol = true;
      break;
    }
    if (symbol) continue;
    const bool inNumber = !current.empty() && std::isdigit(static_cast<unsigned char>(current[0]));
    if (std::isalnum(c) || c == '-' ||
        ((c == '.' || c == ',') && inNumber && i + 1 < text.size() &&
         std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      if (c != ',') current += static_cast<char>(c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

bool isDate(const std::string& w) {
  if (w.size() != 10 || w[4] != '-' || w[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(w[i]))) return false;
  return true;
}

std::optional<double> number(const std::string& w) {
  if (w.empty() || !std::isdigit(static_cast<unsigned char>(w[0]))) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(w.c_str(), &end);
  if (end != w.c_str() + w.size()) return std::nullopt;
  return value;
}

// A currency named by a word, given the word before it ("swiss francs").
std::string currencyWord(const std::string& word, const std::string& before) {
  static const std::map<std::string, std::string> kDollarsOf = {
      {"canadian", "CAD"}, {"australian", "AUD"}, {"singapore", "SGD"},
      {"kong", "HKD"},     {"zealand", "NZD"},    {"nz", "NZD"}};
  static const std::map<std::string, std::string> kWords = {
      {"$", "USD"},        {"\xE2\x82\xAC", "EUR"}, {"\xC2\xA3", "GBP"}, {"\xC2\xA5", "JPY"},
      {"dollar", "USD"},   {"dollars", "USD"},      {"bucks", "USD"},    {"euro", "EUR"},
      {"euros", "EUR"},    {"pound", "GBP"},        {"pounds", "GBP"},   {"sterling", "GBP"},
      {"yen", "JPY"},      {"franc", "CHF"},        {"francs", "CHF"},   {"yuan", "CNY"},
      {"renminbi", "CNY"}, {"rupee", "INR"},        {"rupees", "INR"},   {"zloty", "PLN"},
      {"lira", "TRY"},     {"rand", "ZAR"},         {"peso", "MXN"},     {"pesos", "MXN"},
      {"forint", "HUF"},   {"shekel", "ILS"},       {"shekels", "ILS"},  {"baht", "THB"},
      {"ringgit", "MYR"},  {"rupiah", "IDR"},       {"koruna", "CZK"}};
  if (word == "dollar" || word == "dollars") {
    const auto it = kDollarsOf.find(before);
    if (it != kDollarsOf.end()) return it->second;
  }
  const auto it = kWords.find(word);
  return it == kWords.end() ? std::string() : it->second;
}

}  // namespace

CurrencyMention readCurrencyText(const std::string& text,
                                 const std::map<std::string, std::string>& known) {
  CurrencyMention found;
  const std::vector<Word> all = words(text);
  for (size_t i = 0; i < all.size(); ++i) {
    const Word& w = all[i];
    if (isDate(w.text)) {
      if (!found.date) found.date = w.text;
      continue;
    }
    if (const std::optional<double> n = number(w.text)) {
      if (!found.amount) found.amount = n;
      continue;
    }
    std::string code;
    const std::string upper = toolcommon::uppercase(w.lower);
    if (upper.size() == 3 && known.count(upper) && (w.text == upper || w.lower != "try"))
      code = upper;
    else
      code = currencyWord(w.lower, i > 0 ? all[i - 1].lower : std::string());
    if (code.empty() || !known.count(code)) continue;
    if (std::find(found.codes.begin(), found.codes.end(), code) == found.codes.end())
      found.codes.push_back(code);
  }
  return found;
}

}  // namespace fx
