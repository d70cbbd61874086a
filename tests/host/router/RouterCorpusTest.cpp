// Accuracy of the built-in rules on the labelled corpus in
// tests/fixtures/intents/ (see its README). Prints accuracy per mode and a
// confusion matrix for the tuning set, the held-out set, the set written after
// the rules were final, and all of them together; asserts the targets on all
// of them together. Misrouted messages are printed for the tuning set only, so
// the other two stay unseen. Run it alone to read the report:
//   build/dev/tests/host_tests --gtest_filter='RouterCorpusTest.*'
#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "router/RuleBasedRouter.h"
#include "support/TestPaths.h"

namespace manifold::router {
namespace {

struct Labelled {
  std::string text;
  Mode mode = Mode::Smart;
  bool image = false;
};

std::vector<Labelled> readCorpus(const std::string& name) {
  const std::string path = std::string(MANIFOLD_SOURCE_DIR) + "/tests/fixtures/intents/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::vector<Labelled> out;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    json::ParseError error;
    const auto v = json::parse(line, &error);
    const std::optional<Mode> mode = v ? modeFromName((*v)["mode"].asString()) : std::nullopt;
    if (!v || !mode || !(*v)["text"].isString()) {
      ADD_FAILURE() << path << ":" << number << ": not a labelled message";
      continue;
    }
    out.push_back(Labelled{(*v)["text"].asString(), *mode, (*v)["image"].asBool()});
  }
  return out;
}

// Rows: the label; columns: the router's mode.
struct Confusion {
  std::array<std::array<int, kModeCount>, kModeCount> counts{};

  int total(size_t label) const {
    int n = 0;
    for (int c : counts[label]) n += c;
    return n;
  }
  int right() const {
    int n = 0;
    for (size_t m = 0; m < kModeCount; ++m) n += counts[m][m];
    return n;
  }
  int all() const {
    int n = 0;
    for (size_t m = 0; m < kModeCount; ++m) n += total(m);
    return n;
  }
  double accuracy() const { return all() ? double(right()) / all() : 0; }
  double accuracy(size_t label) const {
    return total(label) ? double(counts[label][label]) / total(label) : 0;
  }

  void print(const char* title) const {
    std::printf("\n%s: %d/%d = %.1f%%\n", title, right(), all(), 100 * accuracy());
    std::printf("%-10s %5s %7s |", "label", "n", "acc");
    for (size_t m = 0; m < kModeCount; ++m)
      std::printf(" %8s", std::string(modeName(static_cast<Mode>(m))).c_str());
    std::printf("\n");
    for (size_t label = 0; label < kModeCount; ++label) {
      std::printf("%-10s %5d %6.1f%% |", std::string(modeName(static_cast<Mode>(label))).c_str(),
                  total(label), 100 * accuracy(label));
      for (size_t m = 0; m < kModeCount; ++m) std::printf(" %8d", counts[label][m]);
      std::printf("\n");
    }
  }
};

Confusion evaluate(const RuleBasedRouter& router, const std::vector<Labelled>& corpus,
                   bool printMisses) {
  Confusion confusion;
  for (const Labelled& item : corpus) {
    const RouteDecision d = router.route(RouterInput{item.text, item.image});
    ++confusion.counts[static_cast<size_t>(item.mode)][static_cast<size_t>(d.mode)];
    if (printMisses && d.mode != item.mode)
      std::printf("  misrouted: want %s, got %s (%s, %.2f): %.100s\n",
                  std::string(modeName(item.mode)).c_str(), std::string(modeName(d.mode)).c_str(),
                  d.rule.c_str(), d.confidence, item.text.c_str());
  }
  return confusion;
}

Confusion sum(const Confusion& a, const Confusion& b, const Confusion& c) {
  Confusion out;
  for (size_t i = 0; i < kModeCount; ++i)
    for (size_t j = 0; j < kModeCount; ++j)
      out.counts[i][j] = a.counts[i][j] + b.counts[i][j] + c.counts[i][j];
  return out;
}

TEST(RouterCorpusTest, MeetsTheAccuracyTargets) {
  const RuleBasedRouter router;
  const std::vector<Labelled> tuning = readCorpus("corpus.jsonl");
  const std::vector<Labelled> holdout = readCorpus("holdout.jsonl");
  const std::vector<Labelled> unseen = readCorpus("unseen.jsonl");
  const size_t all = tuning.size() + holdout.size() + unseen.size();
  ASSERT_GE(all, 300u);
  ASSERT_GE((holdout.size() + unseen.size()) * 5, all) << "hold out at least 20%";

  std::printf("tuning set misroutes (the other sets' are never printed):\n");
  const Confusion tuned = evaluate(router, tuning, true);
  const Confusion heldOut = evaluate(router, holdout, false);
  const Confusion late = evaluate(router, unseen, false);
  const Confusion full = sum(tuned, heldOut, late);
  tuned.print("tuning set (corpus.jsonl)");
  heldOut.print("held-out set (holdout.jsonl)");
  late.print("written after the rules (unseen.jsonl)");
  full.print("full corpus");

  EXPECT_GE(full.accuracy(), 0.90);
  for (size_t m = 0; m < kModeCount; ++m) {
    EXPECT_GE(full.total(m), 30) << modeName(static_cast<Mode>(m)) << " needs 30 messages";
    EXPECT_GE(full.accuracy(m), 0.80) << modeName(static_cast<Mode>(m));
  }
}

}  // namespace
}  // namespace manifold::router
