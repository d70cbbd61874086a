// manifold-router-bench: how long the intent router takes per message, over
// the whole labelled corpus (tests/fixtures/intents/), against a baseline
// measured in the same run: copying and lower-casing the same message prefix,
// the least any router that reads the text must do.
//
// Every message is its own Google Benchmark (route/msg:N and baseline/msg:N),
// run with repetitions; the median of each becomes that message's time, and
// the report gives percentiles across messages. Two corpus-wide benchmarks
// (every message once per iteration) and two synthetic 1 KB messages are
// printed as usual.
#include <benchmark/benchmark.h>

#include <manifold/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "router/RuleBasedRouter.h"

namespace {

using manifold::router::RouterInput;
using manifold::router::RuleBasedRouter;

struct Message {
  std::string text;
  bool image = false;
};

std::vector<Message> loadCorpus() {
  std::vector<Message> out;
  for (const char* name : {"corpus.jsonl", "holdout.jsonl", "unseen.jsonl"}) {
    std::ifstream in(std::string(MANIFOLD_INTENT_CORPUS_DIR) + "/" + name);
    std::string line;
    while (std::getline(in, line)) {
      const auto v = manifold::json::parse(line);
      if (v) out.push_back(Message{(*v)["text"].asString(), (*v)["image"].asBool()});
    }
  }
  return out;
}

// Messages built by joining corpus messages of one mode up to 1 KB.
std::string oneKilobyteOf(const std::vector<Message>& corpus, size_t from, size_t step) {
  std::string out;
  for (size_t i = from; out.size() < 1024; i = (i + step) % corpus.size())
    out += corpus[i].text + "\n";
  out.resize(1024);
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  return out;
}

const RuleBasedRouter& router() {
  static const RuleBasedRouter r;
  return r;
}

// The baseline: copy the prefix the router reads and lower-case it.
size_t lowercasePrefix(const std::string& text) {
  char buffer[RouterInput::kPrefixBytes];
  const size_t n = std::min(text.size(), sizeof(buffer));
  std::memcpy(buffer, text.data(), n);
  for (size_t i = 0; i < n; ++i)
    if (buffer[i] >= 'A' && buffer[i] <= 'Z') buffer[i] = static_cast<char>(buffer[i] + 32);
  benchmark::DoNotOptimize(buffer);
  return n;
}

void routeOne(benchmark::State& state, const Message* m) {
  const RouterInput input{m->text, m->image};
  for (auto _ : state) benchmark::DoNotOptimize(router().route(input));
}

void baselineOne(benchmark::State& state, const Message* m) {
  for (auto _ : state) benchmark::DoNotOptimize(lowercasePrefix(m->text));
}

void routeAll(benchmark::State& state, const std::vector<Message>* corpus) {
  for (auto _ : state)
    for (const Message& m : *corpus)
      benchmark::DoNotOptimize(router().route(RouterInput{m.text, m.image}));
  state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(corpus->size()));
}

void baselineAll(benchmark::State& state, const std::vector<Message>* corpus) {
  for (auto _ : state)
    for (const Message& m : *corpus) benchmark::DoNotOptimize(lowercasePrefix(m.text));
  state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(corpus->size()));
}

// Keeps the per-message medians; prints everything else as the console does.
class PerMessageReporter : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, std::vector<double>> mediansNs;  // "route" / "baseline" -> per message

  void ReportRuns(const std::vector<Run>& runs) override {
    std::vector<Run> shown;
    for (const Run& run : runs) {
      const std::string name = run.benchmark_name();
      const size_t tag = name.find("/msg:");
      if (tag == std::string::npos) {
        shown.push_back(run);
        continue;
      }
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "median")
        mediansNs[name.substr(0, tag)].push_back(run.GetAdjustedRealTime());
    }
    if (!shown.empty()) ConsoleReporter::ReportRuns(shown);
  }
};

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const size_t i = std::min(values.size() - 1, size_t(p / 100.0 * double(values.size())));
  return values[i];
}

}  // namespace

int main(int argc, char** argv) {
  static const std::vector<Message> corpus = loadCorpus();
  if (corpus.empty()) {
    std::fprintf(stderr, "no corpus found in %s\n", MANIFOLD_INTENT_CORPUS_DIR);
    return 1;
  }
  static std::vector<Message> synthetic = {{oneKilobyteOf(corpus, 0, 1), false},
                                           {oneKilobyteOf(corpus, 7, 13), false}};

  benchmark::RegisterBenchmark("baseline/corpus", baselineAll, &corpus);
  benchmark::RegisterBenchmark("route/corpus", routeAll, &corpus);
  benchmark::RegisterBenchmark("baseline/1kb-a", baselineOne, &synthetic[0]);
  benchmark::RegisterBenchmark("route/1kb-a", routeOne, &synthetic[0]);
  benchmark::RegisterBenchmark("baseline/1kb-b", baselineOne, &synthetic[1]);
  benchmark::RegisterBenchmark("route/1kb-b", routeOne, &synthetic[1]);
  for (size_t i = 0; i < corpus.size(); ++i) {
    const std::string n = std::to_string(i);
    benchmark::RegisterBenchmark(("route/msg:" + n).c_str(), routeOne, &corpus[i])
        ->Repetitions(5)
        ->MinTime(0.01)
        ->ReportAggregatesOnly(true)
        ->Unit(benchmark::kNanosecond);
    benchmark::RegisterBenchmark(("baseline/msg:" + n).c_str(), baselineOne, &corpus[i])
        ->Repetitions(5)
        ->MinTime(0.01)
        ->ReportAggregatesOnly(true)
        ->Unit(benchmark::kNanosecond);
  }

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  PerMessageReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  const std::vector<double>& route = reporter.mediansNs["route"];
  const std::vector<double>& base = reporter.mediansNs["baseline"];
  if (route.empty() || base.empty()) return 0;  // filtered out
  size_t longest = 0;
  for (const Message& m : corpus) longest = std::max(longest, m.text.size());
  std::printf(
      "\nPer message, %zu corpus messages (longest %zu bytes); each figure is a median of 5 "
      "repetitions:\n",
      route.size(), longest);
  std::printf("  %-9s %9s %9s %9s %9s\n", "", "p50 ns", "p90 ns", "p99 ns", "max ns");
  for (const auto& [name, values] : {std::pair{"router", &route}, std::pair{"baseline", &base}})
    std::printf("  %-9s %9.0f %9.0f %9.0f %9.0f\n", name, percentile(*values, 50),
                percentile(*values, 90), percentile(*values, 99), percentile(*values, 100));
  std::printf("  router / baseline at p50: %.1fx, at p99: %.1fx\n",
              percentile(route, 50) / percentile(base, 50),
              percentile(route, 99) / percentile(base, 99));
  std::printf("  target: p50 <= 2000 ns per message of up to 1 KB: %s\n",
              percentile(route, 50) <= 2000 ? "met" : "MISSED");
  return 0;
}
