#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "store/UsageLedger.h"

namespace manifold::http {

/// The JSON of one key's usage, as /v1/usage and /admin/usage answer it:
/// {"key_id", "totals", "by_day": [{"date", ...}], "by_model": [{"model", ...}]},
/// each with requests, the five token counts, cost_usd and
/// unknown_cost_requests. cost_usd sums the requests whose cost is known;
/// it is null when there are requests and none has a known cost.
Poco::JSON::Object::Ptr usageJson(const std::string& keyId,
                                  const std::vector<store::UsageRow>& rowsOfKey);

}  // namespace manifold::http
