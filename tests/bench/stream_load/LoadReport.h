#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "StreamResult.h"

namespace manifold::bench {

/// What a run observed besides the streams themselves; -1 when never measured.
struct RunFacts {
  int concurrency = 0;
  int64_t allOpenMs = -1;  ///< every stream's request written, from the run's start
  int64_t wallMs = 0;
  int64_t rssBaselineKb = -1;   ///< before the first connection
  int64_t rssAtKb = -1;         ///< --rss-at-ms after every stream is open
  int64_t rssPeakKb = -1;       ///< highest of the samples taken every 200 ms
  int64_t rssAtSampledMs = -1;  ///< when rssAtKb was taken, from the run's start
};

/// Everything one run observed, summarised as one JSON line.
class LoadReport {
 public:
  void add(const StreamResult& result);
  int failed() const { return static_cast<int>(results_.size()) - completed_; }
  RunFacts& facts() { return facts_; }
  std::string json() const;

 private:
  RunFacts facts_;
  std::vector<StreamResult> results_;
  int completed_ = 0;
};

}  // namespace manifold::bench
