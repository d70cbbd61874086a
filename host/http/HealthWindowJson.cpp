#include "http/HealthWindowJson.h"

namespace manifold::http {
namespace {

Poco::Dynamic::Var orNull(const std::optional<int64_t>& value) {
  return value ? Poco::Dynamic::Var(*value) : Poco::Dynamic::Var();
}

Poco::JSON::Object::Ptr percentiles(const std::optional<int64_t>& p50,
                                    const std::optional<int64_t>& p95) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("p50", orNull(p50));
  o->set("p95", orNull(p95));
  return o;
}

}  // namespace

Poco::JSON::Object::Ptr costJson(const usage::WindowStats& s) {
  Poco::JSON::Object::Ptr cost = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  cost->set("usd", s.costUsd);
  cost->set("paid_requests", s.paidRequests);
  cost->set("free_requests", s.freeRequests);
  cost->set("unknown_cost_requests", s.unknownCostRequests);
  return cost;
}

Poco::JSON::Object::Ptr healthWindowJson(const usage::WindowStats& s) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("requests", s.requests);
  o->set("errors", s.errors);
  o->set("error_rate", s.errorRate());
  o->set("latency_ms", percentiles(s.latencyP50Ms, s.latencyP95Ms));
  o->set("ttft_ms", percentiles(s.ttftP50Ms, s.ttftP95Ms));
  o->set("cost", costJson(s));
  return o;
}

}  // namespace manifold::http
