// manifold-stream-load: opens N concurrent HTTP/1.1 streams against a chat
// completions endpoint and reports, as one JSON line on stdout, how many ended
// cleanly with `data: [DONE]`, every failure by kind, time-to-first-content
// and total-time percentiles (microseconds, from the request's first byte),
// and optionally the VmRSS of another process (a gateway) before the run and
// --rss-at-ms after every stream is open. Exit status: 0 when every stream
// completed, 1 when any failed, 2 on bad usage.

#include <signal.h>
#include <sys/resource.h>

#include <iostream>

#include "LoadOptions.h"
#include "LoadRunner.h"

namespace {

/// 1000 streams need more descriptors than the usual soft limit of 1024.
void raiseDescriptorLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string error;
  const auto options = manifold::bench::parseLoadOptions(argc, argv, error);
  if (!options) {
    std::cerr << "manifold-stream-load: " << error << "\n" << manifold::bench::loadUsage();
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  raiseDescriptorLimit();
  manifold::bench::LoadRunner runner(*options);
  if (!runner.resolve(error)) {
    std::cerr << "manifold-stream-load: " << error << "\n";
    return 2;
  }
  const manifold::bench::LoadReport report = runner.run();
  std::cout << report.json() << std::endl;
  return report.failed() == 0 ? 0 : 1;
}
