#pragma once

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <manifold/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace manifold::test {

/// tests/fakes/tools-a/server.mjs under node on loopback: the Frankfurter
/// ("fx") or Open-Meteo ("weather") fake, serving tests/fixtures/tools/<api>/.
class FakeToolApi {
 public:
  /// Why the fake cannot run here (node missing), or "".
  static std::string missingTool();

  explicit FakeToolApi(const std::string& api);
  ~FakeToolApi();

  uint16_t port() const { return port_; }
  std::string url(const std::string& path = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  /// Requests to paths starting with `path` fail as `kind` says ("500",
  /// "not-json", "slow", "wrong-shape") until the next fault().
  void fault(const std::string& path, const std::string& kind) const;
  /// Forgets the requests seen and the fault, as if just started.
  void reset() const;
  /// The API requests whose path starts with `path`, in order.
  std::vector<json::Value> requestsTo(const std::string& path) const;

 private:
  std::unique_ptr<Poco::ProcessHandle> process_;
  Poco::Pipe output_;
  uint16_t port_ = 0;
};

}  // namespace manifold::test
