#include "metrics/MetricsObserver.h"

#include <charconv>
#include <string_view>

namespace manifold::metrics {

void MetricsObserver::attempt(const turn::AttemptReport& report) {
  const std::string_view engine = report.engineId;
  registry_.attempts().add({engine, report.outcome});
  // A skipped step never reached an upstream: it has no duration to speak of.
  if (report.outcome != "skipped")
    registry_.attemptDuration().observe({engine, report.outcome},
                                        static_cast<double>(report.latencyMs) / 1000.0);
  if (report.ttftMs >= 0)
    registry_.timeToFirstToken().observe({engine}, static_cast<double>(report.ttftMs) / 1000.0);
  if (!report.billed || !report.usageKnown) return;
  CounterFamily& tokens = registry_.tokens();
  tokens.add({engine, "prompt"}, static_cast<uint64_t>(report.promptTokens));
  tokens.add({engine, "completion"}, static_cast<uint64_t>(report.completionTokens));
  if (report.cachedTokens > 0)
    tokens.add({engine, "cached"}, static_cast<uint64_t>(report.cachedTokens));
  if (report.cacheWriteTokens > 0)
    tokens.add({engine, "cache_write"}, static_cast<uint64_t>(report.cacheWriteTokens));
  if (report.reasoningTokens > 0)
    tokens.add({engine, "reasoning"}, static_cast<uint64_t>(report.reasoningTokens));
  // Cost is not in the report yet: usage prices each billed attempt and
  // calls GatewayMetrics::costRecorded / costUnknown.
}

void MetricsObserver::finished(const turn::TurnReport& report) {
  char status[12];
  const auto printed = std::to_chars(status, status + sizeof(status), report.status);
  registry_.requests().add({report.api, report.mode,
                            std::string_view(status, static_cast<size_t>(printed.ptr - status))});
  registry_.requestDuration().observe({report.api}, static_cast<double>(report.latencyMs) / 1000.0);
}

}  // namespace manifold::metrics
