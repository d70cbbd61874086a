#include "Frankfurter.h"

#include <algorithm>
#include <cctype>

#include "common/Text.h"
#include "common/UrlQuery.h"

namespace fx {

namespace json = manifold::json;

Frankfurter::Frankfurter(manifold::Host host, std::string baseUrl, int64_t timeoutMs)
    : upstream_(host, "frankfurter", timeoutMs), baseUrl_(std::move(baseUrl)) {}

std::map<std::string, std::string> Frankfurter::currencies() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!currencies_.empty()) return currencies_;
  }
  const toolcommon::JsonReply reply = upstream_.get(baseUrl_ + "/currencies");
  std::map<std::string, std::string> found;
  for (const json::Member& m : reply.body.asObject())
    if (m.second.isString()) found[m.first] = m.second.asString();
  if (found.empty())
    throw manifold::Error(MF_ERR_INTERNAL,
                          "frankfurter answered /currencies without a currency list");
  std::lock_guard<std::mutex> lock(mutex_);
  currencies_ = found;
  return found;
}

std::string Frankfurter::knownCurrency(const std::string& code) {
  const std::string upper = toolcommon::uppercase(code);
  const bool letters = upper.size() == 3 && std::all_of(upper.begin(), upper.end(), [](char c) {
                         return c >= 'A' && c <= 'Z';
                       });
  if (!letters)
    throw manifold::Error(
        MF_ERR_INVALID, "currency '" + code + "' is not a three-letter ISO 4217 code such as USD");
  const std::map<std::string, std::string> known = currencies();
  if (known.count(upper)) return upper;
  std::string list;
  for (const auto& entry : known) list += (list.empty() ? "" : ", ") + entry.first;
  throw manifold::Error(MF_ERR_INVALID, "unknown currency '" + upper + "'; known: " + list);
}

Quote Frankfurter::rates(const std::string& base, const std::vector<std::string>& symbols,
                         const std::optional<std::string>& date) {
  std::vector<std::pair<std::string, std::string>> query{{"from", base}};
  std::string to;
  for (const std::string& s : symbols) to += (to.empty() ? "" : ",") + s;
  if (!to.empty()) query.emplace_back("to", to);
  const std::string url = toolcommon::withQuery(baseUrl_ + "/" + date.value_or("latest"), query);
  toolcommon::JsonRequestOptions options;
  options.returnClientErrors = true;
  const toolcommon::JsonReply reply = upstream_.get(url, options);
  if (reply.status >= 400) {
    const std::string said = reply.body["message"].asString();
    throw manifold::Error(MF_ERR_INVALID,
                          "frankfurter has no rate for " + base + (to.empty() ? "" : " to " + to) +
                              " on " + date.value_or("the latest day") +
                              (said.empty() ? "" : ": " + said),
                          false, reply.status);
  }
  Quote quote;
  quote.base = reply.body["base"].asString();
  quote.date = reply.body["date"].asString();
  quote.url = url;
  for (const json::Member& m : reply.body["rates"].asObject())
    if (m.second.isNumber()) quote.rates.emplace_back(m.first, m.second.asDouble());
  if (quote.date.empty() || !reply.body["rates"].isObject())
    throw manifold::Error(MF_ERR_INTERNAL, "frankfurter answered without a date and rates");
  return quote;
}

}  // namespace fx
