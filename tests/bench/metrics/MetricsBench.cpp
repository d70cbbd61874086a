// manifold-metrics-bench: the cost the metrics observer adds to one chat
// turn (two attempts, a failover and an answer, then the turn's end), against
// a baseline measured in the same run: building the same three reports and
// handing them to an observer that does nothing, which every turn pays
// anyway. Threads: 1 and 4, to see the series lookups' shared lock and the
// shared counters under contention. Compare the two medians as a ratio.
#include <benchmark/benchmark.h>

#include "metrics/MetricsObserver.h"
#include "metrics/MetricsRegistry.h"

namespace {

using manifold::turn::AttemptReport;
using manifold::turn::TurnObserver;
using manifold::turn::TurnReport;

class NoObserver : public TurnObserver {
 public:
  void attempt(const AttemptReport& r) override { benchmark::DoNotOptimize(&r); }
  void finished(const TurnReport& r) override { benchmark::DoNotOptimize(&r); }
};

void oneTurn(TurnObserver& observer) {
  AttemptReport failed;
  failed.requestId = "0badcafe-123456";
  failed.mode = "smart";
  failed.engineId = "groq-llama-70b";
  failed.outcome = "failed";
  failed.reason = "rate_limited, upstream status 429";
  failed.upstreamStatus = 429;
  failed.latencyMs = 85;
  observer.attempt(failed);
  AttemptReport answered = failed;
  answered.engineId = "openrouter-deepseek-v3";
  answered.outcome = "answered";
  answered.reason.clear();
  answered.latencyMs = 2300;
  answered.ttftMs = 410;
  answered.billed = answered.usageKnown = true;
  answered.promptTokens = 900;
  answered.completionTokens = 350;
  answered.cachedTokens = 512;
  observer.attempt(answered);
  TurnReport turn;
  turn.requestId = failed.requestId;
  turn.api = "openai";
  turn.mode = "smart";
  turn.outcome = "answered";
  turn.attempts = 2;
  turn.engineId = answered.engineId;
  turn.latencyMs = 2400;
  observer.finished(turn);
}

manifold::metrics::MetricsRegistry registry;

void BM_Baseline(benchmark::State& state) {
  NoObserver observer;
  for (auto _ : state) oneTurn(observer);
}

void BM_MetricsObserver(benchmark::State& state) {
  manifold::metrics::MetricsObserver observer(registry);
  for (auto _ : state) oneTurn(observer);
}

void BM_Scrape(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    out.clear();
    registry.render(out);
    benchmark::DoNotOptimize(out.data());
  }
}

BENCHMARK(BM_Baseline)->Threads(1)->Threads(4)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_MetricsObserver)->Threads(1)->Threads(4)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_Scrape)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
