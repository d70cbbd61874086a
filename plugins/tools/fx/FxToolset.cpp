#include "FxToolset.h"

#include <cmath>
#include <sstream>

#include "CurrencyText.h"
#include "EcbDate.h"
#include "common/Text.h"
#include "common/ToolArguments.h"
#include "common/ToolCall.h"
#include "common/ToolDeclaration.h"
#include "common/ToolSettings.h"

namespace fx {

namespace json = manifold::json;
using toolcommon::ToolArguments;

namespace {

constexpr const char* kSource = "ECB euro reference rates via Frankfurter";
constexpr const char* kDefaultBaseUrl = "https://api.frankfurter.app";
constexpr int64_t kRatesTtlMs = 10 * 60 * 1000;
constexpr int64_t kCurrenciesTtlMs = 24 * 60 * 60 * 1000;
// What the live tool quotes a lone currency against.
const std::vector<std::string> kMajors = {"EUR", "USD", "GBP", "JPY", "CHF"};

Frankfurter makeFrankfurter(const manifold::Host& host, std::string_view configJson) {
  const toolcommon::ToolSettings settings(host, configJson, "fx");
  return Frankfurter(host, settings.url("base_url", kDefaultBaseUrl), settings.timeoutMs());
}

double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

std::vector<std::string> splitCodes(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    item = toolcommon::trimmed(item);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace

FxToolset::FxToolset(manifold::Host host, std::string_view configJson)
    : host_(host), frankfurter_(makeFrankfurter(host, configJson)) {}

std::string FxToolset::listTools() {
  using toolcommon::objectSchema;
  using toolcommon::stringProperty;
  const json::Value date =
      stringProperty("YYYY-MM-DD, from 1999-01-04; leave out for the latest rate");
  return toolcommon::toolList({
      {"convert",
       "Convert an amount between two currencies at the ECB reference rate (latest, or of a "
       "past date). The answer states the rate's date.",
       objectSchema({{"amount", toolcommon::numberProperty("the amount to convert, 0 or more")},
                     {"from", stringProperty("ISO 4217 code, e.g. USD")},
                     {"to", stringProperty("ISO 4217 code, e.g. EUR")},
                     {"date", date}},
                    {"amount", "from", "to"}),
       {},
       kRatesTtlMs},
      {"rates",
       "ECB reference exchange rates of a base currency (default EUR) against others, latest or "
       "of a past date.",
       objectSchema({{"base", stringProperty("ISO 4217 code; default EUR")},
                     {"symbols", stringProperty("comma-separated ISO 4217 codes; default all")},
                     {"date", date}},
                    {}),
       {},
       kRatesTtlMs},
      {"currencies",
       "The currencies the ECB publishes reference rates for, code and name.",
       objectSchema({}, {}),
       {},
       kCurrenciesTtlMs},
      {"lookup",
       "Exchange rates or a conversion read from a free-text message (currency codes, words "
       "such as 'dollars', an amount, a YYYY-MM-DD date).",
       toolcommon::liveQuerySchema(),
       {"exchange rate", "exchange rates", "convert", "conversion", "currency", "currencies",
        "forex", "dollars", "euros", "pounds", "yen", "francs", "USD", "EUR", "GBP", "JPY", "CHF"},
       kRatesTtlMs},
  });
}

std::string FxToolset::callTool(std::string_view name, std::string_view argumentsJson) {
  return toolcommon::runLogged(host_, "fx", name, [&] { return dispatch(name, argumentsJson); });
}

std::string FxToolset::dispatch(std::string_view name, std::string_view argumentsJson) {
  const ToolArguments args(name, argumentsJson);
  if (name == "convert") {
    args.allowOnly({"amount", "from", "to", "date"});
    return json::stringify(convert(args.requiredNumber("amount"), args.requiredString("from"),
                                   args.requiredString("to"), args.optionalString("date")));
  }
  if (name == "rates") {
    args.allowOnly({"base", "symbols", "date"});
    const std::optional<std::string> symbols = args.optionalString("symbols");
    return json::stringify(rates(args.optionalString("base").value_or("EUR"),
                                 symbols ? splitCodes(*symbols) : std::vector<std::string>(),
                                 args.optionalString("date")));
  }
  if (name == "currencies") {
    args.allowOnly({});
    return json::stringify(currencies());
  }
  if (name == "lookup") {
    args.allowOnly({"query"});
    return json::stringify(lookup(args.requiredString("query")));
  }
  toolcommon::unknownTool("fx", name, "convert, rates, currencies, lookup");
}

std::optional<std::string> FxToolset::checkedDate(const std::optional<std::string>& date) const {
  if (date && *date != "latest") checkRateDate(*date, utcDate(host_.nowUnixMs()));
  return date && *date != "latest" ? date : std::nullopt;
}

void FxToolset::describeDate(json::Value& out, const Quote& quote,
                             const std::optional<std::string>& asked) const {
  out.set("date", quote.date);
  if (!asked) {
    out.set("note", "latest ECB reference rate, published on " + quote.date);
  } else if (*asked != quote.date) {
    out.set("requested_date", *asked);
    out.set("note", "the ECB published no reference rate on " + *asked +
                        " (a weekend or holiday); this is the rate of " + quote.date +
                        ", the last one before it");
  }
  out.set("source", kSource);
  out.set("url", quote.url);
}

json::Value FxToolset::convert(double amount, const std::string& fromCode,
                               const std::string& toCode, const std::optional<std::string>& date) {
  if (amount < 0)
    throw manifold::Error(MF_ERR_INVALID,
                          "amount " + json::stringify(json::Value(amount)) +
                              " is negative; convert a positive amount and negate the result");
  const std::string from = frankfurter_.knownCurrency(fromCode);
  const std::string to = frankfurter_.knownCurrency(toCode);
  if (from == to)
    throw manifold::Error(MF_ERR_INVALID,
                          "from and to are both " + from + "; name two different currencies");
  const std::optional<std::string> asked = checkedDate(date);
  const Quote quote = frankfurter_.rates(from, {to}, asked);
  std::optional<double> rate;
  for (const auto& [code, value] : quote.rates)
    if (code == to) rate = value;
  if (!rate)
    throw manifold::Error(MF_ERR_INTERNAL, "frankfurter answered without a rate for " + to);
  json::Value out = json::Value::object();
  out.set("amount", amount);
  out.set("from", from);
  out.set("to", to);
  out.set("result", rounded(amount * *rate, 4));
  out.set("rate", *rate);
  describeDate(out, quote, asked);
  return out;
}

json::Value FxToolset::rates(const std::string& baseCode, const std::vector<std::string>& symbols,
                             const std::optional<std::string>& date) {
  const std::string base = frankfurter_.knownCurrency(baseCode);
  std::vector<std::string> targets;
  for (const std::string& s : symbols) {
    const std::string code = frankfurter_.knownCurrency(s);
    if (code != base) targets.push_back(code);
  }
  if (!symbols.empty() && targets.empty())
    throw manifold::Error(MF_ERR_INVALID, "symbols name only the base currency " + base);
  const std::optional<std::string> asked = checkedDate(date);
  const Quote quote = frankfurter_.rates(base, targets, asked);
  json::Value list = json::Value::object();
  for (const auto& [code, value] : quote.rates) list.set(code, value);
  json::Value out = json::Value::object();
  out.set("base", base);
  out.set("rates", std::move(list));
  describeDate(out, quote, asked);
  return out;
}

json::Value FxToolset::currencies() {
  json::Value list = json::Value::object();
  for (const auto& [code, name] : frankfurter_.currencies()) list.set(code, name);
  json::Value out = json::Value::object();
  out.set("currencies", std::move(list));
  out.set("source", kSource);
  out.set("url", frankfurter_.baseUrl() + "/currencies");
  return out;
}

json::Value FxToolset::lookup(const std::string& query) {
  const CurrencyMention said = readCurrencyText(query, frankfurter_.currencies());
  json::Value arguments = json::Value::object();
  json::Value out;
  if (said.codes.size() >= 2) {
    const double amount = said.amount.value_or(1);
    out = convert(amount, said.codes[0], said.codes[1], said.date);
    arguments.set("amount", amount);
    arguments.set("from", said.codes[0]);
    arguments.set("to", said.codes[1]);
  } else if (said.codes.size() == 1) {
    std::vector<std::string> against;
    for (const std::string& code : kMajors)
      if (code != said.codes[0]) against.push_back(code);
    out = rates(said.codes[0], against, said.date);
    arguments.set("base", said.codes[0]);
  } else {
    throw manifold::Error(MF_ERR_INVALID,
                          "no currency found in the message; name one by its ISO code (USD, EUR, "
                          "GBP, ...) or by a word such as 'dollars' or 'euros'");
  }
  if (said.date) arguments.set("date", *said.date);
  json::Value understood = json::Value::object();
  understood.set("tool", said.codes.size() >= 2 ? "convert" : "rates");
  understood.set("arguments", std::move(arguments));
  out.set("understood_as", std::move(understood));
  return out;
}

}  // namespace fx
