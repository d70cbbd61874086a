#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "FakeBehaviour.h"
#include "RouteLedger.h"
#include "StopSignal.h"

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace manifold::test {

/// A fault-injecting OpenAI-compatible upstream: a real Poco HTTPServer on
/// loopback hosting one virtual upstream per route. The first path segment
/// names the route, so an engine's base URL is baseUrl(route) and its requests
/// arrive at /<route>/v1/chat/completions. Keep-alive is on.
class FakeProvider {
 public:
  struct Options {
    std::string host = "127.0.0.1";
    uint16_t port = 0;  // 0: an ephemeral port
    bool tls = false;
    std::string certFile;  // PEM, used when tls
    std::string keyFile;
    /// Each open connection holds one thread (Poco is thread-per-connection).
    int maxThreads = 64;
    int threadStackBytes = 0;  // 0: the platform default
    int backlog = 64;
    /// Keep bodies and headers; turn off for long load runs.
    bool recordRequests = true;
    /// How unscripted routes behave; empty: the default FakeBehaviour.
    RouteResolver unscripted;
  };

  FakeProvider();
  explicit FakeProvider(Options options);
  /// Stops the server promptly, even while handlers stall, and joins them.
  ~FakeProvider();
  FakeProvider(const FakeProvider&) = delete;
  FakeProvider& operator=(const FakeProvider&) = delete;

  uint16_t port() const;
  /// scheme://host:port/route/v1; pass "localhost" to go by name (TLS SNI).
  std::string baseUrl(const std::string& route, const std::string& host = "127.0.0.1") const;

  /// Requests on `route` take these in order; the last repeats forever.
  void script(const std::string& route, std::vector<FakeBehaviour> behaviours);
  /// Chat-completion requests received on `route`.
  int requests(const std::string& route) const;
  /// Their bodies and headers, in order. The headers end with ":path", the
  /// request path.
  std::vector<std::string> bodies(const std::string& route) const;
  std::vector<HeaderList> requestHeaders(const std::string& route) const;
  /// Answers cut short because the client went away (seen while pacing, or a
  /// failed write).
  int abandoned(const std::string& route) const;
  /// Blocks until abandoned(route) reaches n or the timeout passes.
  bool waitAbandoned(const std::string& route, int n, std::chrono::milliseconds timeout) const;
  /// TCP connections the server has taken up, to prove keep-alive reuse.
  int connectionsAccepted() const;

 private:
  Options options_;
  StopSignal stop_;
  RouteLedger ledger_;
  std::unique_ptr<Poco::ThreadPool> threads_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  int listenerFd_ = -1;
  uint16_t port_ = 0;
};

}  // namespace manifold::test
