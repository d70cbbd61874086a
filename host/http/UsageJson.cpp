#include "http/UsageJson.h"

#include <Poco/JSON/Array.h>

#include <map>

namespace manifold::http {
namespace {

void addUp(store::UsageRow& sum, const store::UsageRow& r) {
  sum.requests += r.requests;
  sum.promptTokens += r.promptTokens;
  sum.completionTokens += r.completionTokens;
  sum.cachedTokens += r.cachedTokens;
  sum.cacheWriteTokens += r.cacheWriteTokens;
  sum.reasoningTokens += r.reasoningTokens;
  sum.costUsd += r.costUsd;
  sum.unknownCostRequests += r.unknownCostRequests;
}

Poco::JSON::Object::Ptr counts(const store::UsageRow& r) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("requests", r.requests);
  o->set("prompt_tokens", r.promptTokens);
  o->set("completion_tokens", r.completionTokens);
  o->set("cached_tokens", r.cachedTokens);
  o->set("cache_write_tokens", r.cacheWriteTokens);
  o->set("reasoning_tokens", r.reasoningTokens);
  const bool noneKnown = r.requests > 0 && r.unknownCostRequests == r.requests;
  if (noneKnown)
    o->set("cost_usd", Poco::Dynamic::Var());
  else
    o->set("cost_usd", r.costUsd);
  o->set("unknown_cost_requests", r.unknownCostRequests);
  return o;
}

Poco::JSON::Array::Ptr groups(const std::map<std::string, store::UsageRow>& byName,
                              const std::string& nameField) {
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (const auto& [name, sum] : byName) {
    Poco::JSON::Object::Ptr o = counts(sum);
    o->set(nameField, name);
    list->add(o);
  }
  return list;
}

}  // namespace

Poco::JSON::Object::Ptr usageJson(const std::string& keyId,
                                  const std::vector<store::UsageRow>& rowsOfKey) {
  store::UsageRow totals;
  std::map<std::string, store::UsageRow> byDay, byModel;
  for (const store::UsageRow& r : rowsOfKey) {
    addUp(totals, r);
    addUp(byDay[r.day], r);
    addUp(byModel[r.model], r);
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("key_id", keyId);
  o->set("totals", counts(totals));
  o->set("by_day", groups(byDay, "date"));
  o->set("by_model", groups(byModel, "model"));
  return o;
}

}  // namespace manifold::http
