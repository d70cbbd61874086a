#pragma once

#include <Poco/Process.h>

#include <manifold/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/HttpTestClient.h"

namespace manifold::test {

/// A toolset plugin's fake upstream (tests/fakes/<name>/server.mjs: fx,
/// weather, news, containers, each built on tests/fakes/tools/fixture-server.mjs)
/// in a node child process on loopback, for the life of this object.
class FakeToolServer {
 public:
  /// Why the fake cannot run here (node missing), or "".
  static std::string missingTool();

  /// `fake`: the folder under tests/fakes ("news"); `args`: its options.
  /// Throws std::runtime_error when it does not start.
  explicit FakeToolServer(const std::string& fake, const std::vector<std::string>& args = {});
  ~FakeToolServer();
  FakeToolServer(const FakeToolServer&) = delete;
  FakeToolServer& operator=(const FakeToolServer&) = delete;

  uint16_t port() const { return port_; }
  std::string url(const std::string& path = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  /// The requests under `pathPrefix` come to fail: "500", "not-json", "slow"
  /// (answers after delayMs) or "wrong-shape"; `times` 0: until clear(). With
  /// several faults, the first one given that matches a request wins.
  void fault(const std::string& kind, const std::string& pathPrefix = "", int times = 0,
             int delayMs = 3000) const;
  /// No faults from now on.
  void clear() const;
  /// Every request the fake received: {method, path, query, headers, body}.
  std::vector<json::Value> ledger() const;
  /// The requests to exactly `path`, in order.
  std::vector<json::Value> requestsTo(const std::string& path) const;
  /// The requests whose path starts with `prefix`, in order.
  std::vector<json::Value> requestsUnder(const std::string& prefix) const;

 private:
  std::unique_ptr<Poco::ProcessHandle> process_;
  uint16_t port_ = 0;
  HttpTestClient client_{0};
};

}  // namespace manifold::test
