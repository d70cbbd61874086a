// manifold-cancel-probe: how soon an upstream request is cancelled when its
// client goes away. Sends streamed chat requests one at a time; each waits
// until the fake upstream holds it (or until the first content delta reaches
// the client), then the client closes its socket, and the fake is asked when
// it saw its own side abandoned. Prints one JSON line: the close-to-abandoned
// latency's percentiles in microseconds, and every failure by kind. Exit
// status: 0 when every request was cancelled, 1 when any was not, 2 on bad
// usage. See tests/bench/README.md (cancel.sh).

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <thread>
#include <vector>

#include "CancelProbe.h"
#include "LedgerClient.h"
#include "ProbeOptions.h"

namespace {

using manifold::bench::CancelFailure;

/// Nearest-rank percentile of sorted values, in µs with one decimal.
std::string percentileUs(const std::vector<int64_t>& sortedNs, double q) {
  if (sortedNs.empty()) return "null";
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sortedNs.size())));
  const int64_t ns = sortedNs[std::min(sortedNs.size(), std::max<size_t>(rank, 1)) - 1];
  char text[32];
  std::snprintf(text, sizeof(text), "%.1f", static_cast<double>(ns) / 1000.0);
  return text;
}

std::string report(int planned, int requests, std::vector<int64_t> latenciesNs,
                   const std::map<CancelFailure, int>& failures) {
  std::sort(latenciesNs.begin(), latenciesNs.end());
  std::string out =
      "{\"planned\":" + std::to_string(planned) + ",\"requests\":" + std::to_string(requests) +
      ",\"cancelled\":" + std::to_string(latenciesNs.size()) +
      ",\"failed\":" + std::to_string(requests - latenciesNs.size()) + ",\"failures\":{";
  bool first = true;
  for (const CancelFailure f :
       {CancelFailure::NoLedger, CancelFailure::ConnectFailed, CancelFailure::NotAdmitted,
        CancelFailure::NoContent, CancelFailure::Answered, CancelFailure::NotCancelled}) {
    const auto it = failures.find(f);
    out += std::string(first ? "\"" : ",\"") + manifold::bench::failureName(f) +
           "\":" + std::to_string(it == failures.end() ? 0 : it->second);
    first = false;
  }
  out += "},\"cancelUs\":{\"n\":" + std::to_string(latenciesNs.size()) +
         ",\"min\":" + percentileUs(latenciesNs, 0.0) +
         ",\"p50\":" + percentileUs(latenciesNs, 0.50) +
         ",\"p90\":" + percentileUs(latenciesNs, 0.90) +
         ",\"p99\":" + percentileUs(latenciesNs, 0.99) +
         ",\"max\":" + percentileUs(latenciesNs, 1.0) + "}}";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string error;
  const auto options = manifold::bench::parseProbeOptions(argc, argv, error);
  if (!options) {
    std::cerr << "manifold-cancel-probe: " << error << "\n" << manifold::bench::probeUsage();
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  manifold::bench::LedgerClient ledger(options->host, options->fakePort, options->route);
  manifold::bench::CancelProbe probe(*options, ledger);
  std::vector<int64_t> latenciesNs;
  std::map<CancelFailure, int> failures;
  int sent = 0;
  // A target that never cancels would cost the timeout per request; three
  // failures in a row end the run early (exit status 1, "requests" < "planned").
  for (int failedInARow = 0; sent < options->requests && failedInARow < 3; ++sent) {
    const manifold::bench::CancelResult result = probe.runOne();
    if (result.failure == CancelFailure::None) {
      latenciesNs.push_back(result.latencyNs);
      failedInARow = 0;
    } else {
      ++failures[result.failure];
      ++failedInARow;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(options->gapMs));
  }
  std::cout << report(options->requests, sent, latenciesNs, failures) << std::endl;
  return static_cast<int>(latenciesNs.size()) == options->requests ? 0 : 1;
}
