#include "support/TestGateway.h"

#include <filesystem>
#include <thread>

#include "support/TestPaths.h"

namespace manifold::test {

config::GatewayConfig demoConfig(const std::string& pluginDir, const std::string& sqlitePath,
                                 int tokenDelayMs) {
  config::GatewayConfig c;
  c.server.host = "127.0.0.1";
  c.server.port = 0;
  c.server.maxThreads = 64;
  c.plugins.directory = pluginDir;
  c.plugins.watchIntervalMs = 50;
  c.store.sqlitePath = sqlitePath;
  const std::string delay = "\"token_delay_ms\":" + std::to_string(tokenDelayMs);
  config::EngineConfig flaky;
  flaky.id = "demo-flaky";
  flaky.provider = "demo";
  flaky.model = "demo-1";
  flaky.label = "demo";
  flaky.optionsJson = "{" + delay + ",\"fault\":\"status:503\"}";
  config::EngineConfig demo = flaky;
  demo.id = "demo";
  demo.optionsJson = "{" + delay + "}";
  c.engines = {flaky, demo};
  c.modes = {config::ModeConfig{"smart", {"demo-flaky", "demo"}},
             config::ModeConfig{"fast", {"demo"}}};
  return c;
}

TestGateway::TestGateway(bool withDemo, int tokenDelayMs) {
  if (withDemo) installFile(demoPlugin(), plugins_ / "demo.so");
  server_ = std::make_unique<app::GatewayServer>(
      demoConfig(plugins_.str(), (state_ / "manifold.db").string(), tokenDelayMs));
  server_->start();
}

TestGateway::TestGateway(config::GatewayConfig config,
                         const std::vector<std::string>& pluginFiles) {
  for (const std::string& file : pluginFiles)
    installFile(file, plugins_ / std::filesystem::path(file).filename().string());
  config.plugins.directory = plugins_.str();
  config.store.sqlitePath = storePath();
  config_ = config;
  server_ = std::make_unique<app::GatewayServer>(std::move(config));
  server_->start();
}

TestGateway::~TestGateway() {
  server_.reset();
}

void TestGateway::restart() {
  const config::GatewayConfig config = config_ ? *config_ : demoConfig(plugins_.str(), storePath());
  server_.reset();
  server_ = std::make_unique<app::GatewayServer>(config);
  server_->start();
}

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

}  // namespace manifold::test
