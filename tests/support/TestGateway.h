#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/GatewayServer.h"
#include "support/HttpTestClient.h"
#include "support/TempDir.h"

namespace manifold::test {

/// A demo-only configuration: engines "demo-flaky" (always 503) and "demo",
/// mode "smart" walking both, with the given plugin folder and store file.
config::GatewayConfig demoConfig(const std::string& pluginDir, const std::string& sqlitePath,
                                 int tokenDelayMs = 0);

/// A real gateway on a loopback port, with its own plugin folder and store.
class TestGateway {
 public:
  /// Copies demo.so into the plugin folder unless withDemo is false.
  explicit TestGateway(bool withDemo = true, int tokenDelayMs = 0);
  /// Any configuration, with these plugin files copied into its own plugin
  /// folder; the config's plugin folder and store path are replaced by the
  /// gateway's own.
  TestGateway(config::GatewayConfig config, const std::vector<std::string>& pluginFiles);
  ~TestGateway();
  /// Stops the gateway and starts a new one on the same config, plugin folder
  /// and store file (a process restart, as far as the gateway can tell).
  void restart();

  const TempDir& pluginDir() const { return plugins_; }
  app::GatewayServer& server() { return *server_; }
  HttpTestClient client() const { return HttpTestClient(server_->port()); }
  /// The store file, for checking what the gateway recorded.
  std::string storePath() const { return (state_ / "manifold.db").string(); }

 private:
  TempDir plugins_;
  TempDir state_;
  std::unique_ptr<app::GatewayServer> server_;
  std::optional<config::GatewayConfig> config_;  ///< what restart() starts again
};

/// Polls until pred() holds or the timeout passes; returns pred()'s last value.
bool eventually(const std::function<bool()>& pred,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));

}  // namespace manifold::test
