// manifold-fake-provider: a fault-injecting OpenAI-compatible upstream for
// load tests and benchmarks.
//
//   manifold-fake-provider --port N [--host 127.0.0.1] [--threads N] [--tls CERT KEY]
//                          [--fixtures DIR]
//
// --port 0 (the default) picks an ephemeral port. --threads caps concurrent
// connections (default 2048, each on a 256 KB stack); the backlog is 4096.
// Prints "listening on <host>:<port>" once it accepts connections and runs
// until SIGTERM or SIGINT. Point an engine at http://<host>:<port>/<route>/v1,
// where <route> picks the behaviour (see NamedRoutes.h):
//   ok, fail503, stream-<N>x<MS>, slowfirst-<MS>, tools, cut-<N>, and, with
//   --fixtures, raw.<provider>.<file> (a recorded stream from DIR).
// GET /_ledger/<route>/... reports what a route has seen (LedgerQueryHandler.h).

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>

#include <Poco/Exception.h>

#include "FakeProvider.h"
#include "NamedRoutes.h"

namespace {

int usage() {
  std::cerr << "usage: manifold-fake-provider --port N [--host 127.0.0.1] [--threads N]"
               " [--tls CERT KEY] [--fixtures DIR]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  manifold::test::FakeProvider::Options options;
  options.maxThreads = 2048;
  options.threadStackBytes = 256 * 1024;
  options.backlog = 4096;
  options.recordRequests = false;
  std::string fixturesDir;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool hasValue = i + 1 < argc;
    if (arg == "--port" && hasValue) {
      options.port = static_cast<uint16_t>(std::atoi(argv[++i]));
    } else if (arg == "--host" && hasValue) {
      options.host = argv[++i];
    } else if (arg == "--threads" && hasValue) {
      options.maxThreads = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--fixtures" && hasValue) {
      fixturesDir = argv[++i];
    } else if (arg == "--tls" && i + 2 < argc) {
      options.tls = true;
      options.certFile = argv[++i];
      options.keyFile = argv[++i];
    } else {
      return usage();
    }
  }

  options.unscripted = [fixturesDir](const std::string& route) {
    return manifold::test::namedRoute(route, fixturesDir);
  };

  // Block the stop signals before any thread starts, so only sigwait sees them.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGTERM);
  sigaddset(&stopSignals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  try {
    manifold::test::FakeProvider provider(options);
    std::cout << "listening on " << options.host << ":" << provider.port() << std::endl;
    int received = 0;
    sigwait(&stopSignals, &received);
  } catch (const Poco::Exception& e) {
    std::cerr << "manifold-fake-provider: " << e.displayText() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "manifold-fake-provider: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
