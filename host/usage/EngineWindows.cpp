#include "usage/EngineWindows.h"

#include <algorithm>
#include <cmath>

namespace manifold::usage {
namespace {

constexpr int64_t kHourMs = 3600 * 1000;
constexpr int64_t kDayMs = 24 * kHourMs;

// What one window gathers before its percentiles are taken.
struct Gathered {
  WindowStats stats;
  std::vector<int64_t> latencies, ttfts;
};

std::optional<int64_t> percentile(std::vector<int64_t>& values, double p) {
  if (values.empty()) return std::nullopt;
  const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size())));
  const size_t index = std::min(values.size() - 1, rank == 0 ? 0 : rank - 1);
  std::nth_element(values.begin(), values.begin() + index, values.end());
  return values[index];
}

void add(Gathered& g, const store::AttemptSample& a) {
  WindowStats& s = g.stats;
  ++s.requests;
  if (a.outcome == "failed") ++s.errors;
  if (a.outcome == "answered" || a.outcome == "continued") g.latencies.push_back(a.latencyMs);
  if (a.ttftMs >= 0) g.ttfts.push_back(a.ttftMs);
  if (!a.billed) return;
  if (!a.costUsd) {
    ++s.unknownCostRequests;
  } else if (*a.costUsd > 0) {
    ++s.paidRequests;
    s.costUsd += *a.costUsd;
  } else {
    ++s.freeRequests;
  }
}

WindowStats finish(Gathered& g) {
  WindowStats s = g.stats;
  s.latencyP50Ms = percentile(g.latencies, 0.50);
  s.latencyP95Ms = percentile(g.latencies, 0.95);
  s.ttftP50Ms = percentile(g.ttfts, 0.50);
  s.ttftP95Ms = percentile(g.ttfts, 0.95);
  return s;
}

}  // namespace

std::map<std::string, EngineWindows> summarizeAttempts(
    const std::vector<store::AttemptSample>& attempts, int64_t nowMs) {
  std::map<std::string, std::pair<Gathered, Gathered>> gathered;  // hour, day
  for (const store::AttemptSample& a : attempts) {
    if (a.atMs < nowMs - kDayMs || a.atMs > nowMs) continue;
    auto& windows = gathered[a.engineId];
    add(windows.second, a);
    if (a.atMs >= nowMs - kHourMs) add(windows.first, a);
  }
  std::map<std::string, EngineWindows> result;
  for (auto& [engine, windows] : gathered)
    result[engine] = EngineWindows{finish(windows.first), finish(windows.second)};
  return result;
}

}  // namespace manifold::usage
