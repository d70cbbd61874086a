#pragma once

#include <Poco/JSON/Object.h>

#include "usage/EngineWindows.h"

namespace manifold::http {

/// One window of one engine on /admin/health: {"requests", "errors",
/// "error_rate", "latency_ms": {"p50", "p95"}, "ttft_ms": {"p50", "p95"},
/// "cost": {"usd", "paid_requests", "free_requests", "unknown_cost_requests"}}.
/// A percentile with no sample is null.
Poco::JSON::Object::Ptr healthWindowJson(const usage::WindowStats& stats);
/// Its "cost" block alone.
Poco::JSON::Object::Ptr costJson(const usage::WindowStats& stats);

}  // namespace manifold::http
