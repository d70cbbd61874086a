#pragma once

#include <Poco/Process.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/HttpTestClient.h"

namespace manifold::test {

/// The fake sibling service (tests/fakes/sibling/server.mjs) in a node child
/// process on loopback, for the life of this object. Its npm packages must be
/// installed (tests/fakes/sibling/install.sh; ctest runs it as a fixture).
class FakeSibling {
 public:
  struct Options {
    std::string token;                        ///< the Bearer secret it accepts
    std::vector<std::string> webhookSecrets;  ///< "whsec_..." it signs with
    int steps = 2;                            ///< advances from running to succeeded
    std::vector<std::string> immediateIntents;
  };

  /// Throws std::runtime_error, with what node printed, when it does not start.
  explicit FakeSibling(const Options& options);
  ~FakeSibling();

  FakeSibling(const FakeSibling&) = delete;
  FakeSibling& operator=(const FakeSibling&) = delete;

  uint16_t port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

  /// Moves a task one step on (POST /_advance/{id}); returns the HTTP status.
  int advance(const std::string& remoteId) const;
  /// The next `count` protocol requests get `status` (POST /_fault).
  void fault(int status, int count = 1, const std::string& retryAfter = "") const;
  /// What it received and the webhooks it sent (GET /_ledger), as JSON text.
  std::string ledger() const;

 private:
  std::unique_ptr<Poco::ProcessHandle> process_;
  uint16_t port_ = 0;
  HttpTestClient client_{0};
};

}  // namespace manifold::test
