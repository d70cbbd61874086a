#include "metrics/MetricsRegistry.h"

namespace manifold::metrics {
namespace {

// Seconds. A chat answer's first token comes in tens of milliseconds from a
// fast provider and in tens of seconds from a reasoning model.
const std::vector<double> kFirstTokenBounds = {0.025, 0.05, 0.1, 0.25, 0.5, 1,
                                               2,     5,    10,  20,   30,  60};
// Whole answers and whole turns: up to the longest chain deadline.
const std::vector<double> kDurationBounds = {0.05, 0.1, 0.25, 0.5, 1,   2.5, 5,
                                             10,   20,  30,   60,  120, 300};

}  // namespace

MetricsRegistry::MetricsRegistry()
    : requests_("manifold_requests_total",
                "Chat turns finished, by API, mode (empty when an engine was named) and the HTTP "
                "status the client got (200 once an answer committed).",
                {"api", "mode", "status"}),
      requestDuration_("manifold_request_duration_seconds",
                       "Whole chat turns, from admission to the last byte or the refusal.", {"api"},
                       kDurationBounds),
      attempts_("manifold_attempts_total",
                "Steps of failover chains, by engine and outcome (answered, failed, skipped, "
                "rejected, cancelled, continued).",
                {"engine", "outcome"}),
      attemptDuration_("manifold_attempt_duration_seconds",
                       "Attempts that reached an upstream, from the request to its end, by "
                       "engine and outcome.",
                       {"engine", "outcome"}, kDurationBounds),
      ttft_("manifold_time_to_first_token_seconds",
            "Time from an attempt's upstream request to its first content event, by engine.",
            {"engine"}, kFirstTokenBounds),
      tokens_("manifold_tokens_total",
              "Tokens of billed answers as the provider reported them, by engine and kind "
              "(prompt, completion; cached, cache_write and reasoning are parts of those).",
              {"engine", "kind"}),
      cost_("manifold_cost_usd_total",
            "Cost of billed answers in US dollars, by engine and kind (input, output, "
            "cached_read, cache_write).",
            {"engine", "kind"}),
      costUnknown_("manifold_cost_unknown_total",
                   "Billed answers whose model has no price, so their cost is unknown.",
                   {"engine"}),
      limitRejections_("manifold_limit_rejections_total",
                       "Requests refused by a gateway key's limits, by kind (rpm, tpm, "
                       "concurrency, budget).",
                       {"kind"}),
      configReloads_("manifold_config_reloads_total",
                     "Config reloads, by result: applied, or refused (the config in force kept "
                     "serving).",
                     {"result"}),
      usageLost_("manifold_usage_records_lost_total",
                 "Usage records that could not be written to the store.", {}) {
  for (const char* kind : {"rpm", "tpm", "concurrency", "budget"}) limitRejections_.touch({kind});
  configReloads_.touch({"applied"});
  configReloads_.touch({"refused"});
  usageLost_.touch({});
}

void MetricsRegistry::limitRejected(std::string_view kind) {
  limitRejections_.add({kind});
}

void MetricsRegistry::configReloadApplied() {
  configReloads_.add({"applied"});
}

void MetricsRegistry::configReloadRefused() {
  configReloads_.add({"refused"});
}

void MetricsRegistry::costRecorded(std::string_view engineId, std::string_view kind, double usd) {
  cost_.addFraction({engineId, kind}, usd);
}

void MetricsRegistry::costUnknown(std::string_view engineId) {
  costUnknown_.add({engineId});
}

void MetricsRegistry::usageRecordsLost(uint64_t count) {
  usageLost_.add({}, count);
}

void MetricsRegistry::render(std::string& out) const {
  requests_.render(out);
  requestDuration_.render(out);
  attempts_.render(out);
  attemptDuration_.render(out);
  ttft_.render(out);
  tokens_.render(out);
  cost_.render(out);
  costUnknown_.render(out);
  limitRejections_.render(out);
  configReloads_.render(out);
  usageLost_.render(out);
}

}  // namespace manifold::metrics
