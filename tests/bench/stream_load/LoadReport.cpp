#include "LoadReport.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace manifold::bench {
namespace {

/// Nearest-rank percentile of sorted values; -1 when there are none.
int64_t percentile(const std::vector<int64_t>& sorted, double q) {
  if (sorted.empty()) return -1;
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size(), std::max<size_t>(rank, 1)) - 1];
}

std::string distribution(std::vector<int64_t> values) {
  std::sort(values.begin(), values.end());
  return "{\"n\":" + std::to_string(values.size()) +
         ",\"p50\":" + std::to_string(percentile(values, 0.50)) +
         ",\"p90\":" + std::to_string(percentile(values, 0.90)) +
         ",\"p99\":" + std::to_string(percentile(values, 0.99)) +
         ",\"max\":" + std::to_string(values.empty() ? -1 : values.back()) + "}";
}

}  // namespace

void LoadReport::add(const StreamResult& result) {
  results_.push_back(result);
  if (result.failure == StreamFailure::None) ++completed_;
}

std::string LoadReport::json() const {
  std::map<std::string, int> failures;
  for (const StreamFailure f : {StreamFailure::Refused, StreamFailure::ConnectFailed,
                                StreamFailure::Reset, StreamFailure::Non200, StreamFailure::NoDone,
                                StreamFailure::TimedOut, StreamFailure::Malformed})
    failures[failureName(f)] = 0;
  std::vector<int64_t> ttft, total;
  int connected = 0, done = 0, status200 = 0;
  for (const StreamResult& r : results_) {
    if (r.failure != StreamFailure::None) ++failures[failureName(r.failure)];
    if (r.connected) ++connected;
    if (r.done) ++done;
    if (r.status == 200) ++status200;
    if (r.failure == StreamFailure::None) {
      if (r.firstContentUs >= 0) ttft.push_back(r.firstContentUs);
      total.push_back(r.totalUs);
    }
  }
  std::string out = "{\"requests\":" + std::to_string(results_.size()) +
                    ",\"concurrency\":" + std::to_string(facts_.concurrency) +
                    ",\"connected\":" + std::to_string(connected) +
                    ",\"status200\":" + std::to_string(status200) +
                    ",\"done\":" + std::to_string(done) +
                    ",\"completed\":" + std::to_string(completed_) +
                    ",\"failed\":" + std::to_string(failed()) + ",\"failures\":{";
  bool first = true;
  for (const auto& [name, count] : failures) {
    out += (first ? "\"" : ",\"") + name + "\":" + std::to_string(count);
    first = false;
  }
  out += "},\"ttftUs\":" + distribution(ttft) + ",\"totalUs\":" + distribution(total) +
         ",\"allOpenMs\":" + std::to_string(facts_.allOpenMs) +
         ",\"wallMs\":" + std::to_string(facts_.wallMs) +
         ",\"rssBaselineKb\":" + std::to_string(facts_.rssBaselineKb) +
         ",\"rssAtKb\":" + std::to_string(facts_.rssAtKb) +
         ",\"rssAtSampledMs\":" + std::to_string(facts_.rssAtSampledMs) +
         ",\"rssPeakKb\":" + std::to_string(facts_.rssPeakKb) + "}";
  return out;
}

}  // namespace manifold::bench
