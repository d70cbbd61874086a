#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace manifold::bench {

/// Asks the fake upstream what a route has seen (its GET /_ledger queries, see
/// tests/fakes/LedgerQueryHandler.h) over one blocking keep-alive connection,
/// opened again when the fake closes it.
class LedgerClient {
 public:
  LedgerClient(std::string host, int port, std::string route);
  ~LedgerClient();
  LedgerClient(const LedgerClient&) = delete;
  LedgerClient& operator=(const LedgerClient&) = delete;

  /// Requests the route has admitted so far; nothing when the fake did not answer.
  std::optional<int> requests();
  /// Whether the route admits its n-th request within waitMs.
  bool waitAdmitted(int n, int waitMs);
  /// When the route's request n lost its client, in ns on the steady clock,
  /// waiting up to waitMs; nothing when it has not by then.
  std::optional<int64_t> waitAbandoned(int n, int waitMs);

 private:
  /// One GET; the status (0 when the fake could not be reached) and the body.
  int get(const std::string& target, std::string& body);
  bool exchange(const std::string& request, int& status, std::string& body);
  bool connectFake();
  void disconnect();

  std::string host_;
  int port_;
  std::string route_;
  int fd_ = -1;
};

}  // namespace manifold::bench
