#pragma once

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <memory>

#include "config/GatewayConfig.h"
#include "engines/EngineCatalog.h"
#include "http/GatewayContext.h"
#include "plugins/PluginManager.h"
#include "store/SqliteStore.h"
#include "upstream/PocoHttpExchange.h"

namespace manifold::app {

/// The whole gateway, without the process around it: store, plugins, engines
/// and the HTTP listener. The application runs one; tests run several.
class GatewayServer : public http::GatewayContext {
 public:
  /// Opens the store and loads the plugin folder. Throws on a fatal problem
  /// (store cannot open, plugin folder missing); a broken plugin is not one.
  explicit GatewayServer(config::GatewayConfig config);
  ~GatewayServer() override;

  /// Starts listening and watching the plugin folder.
  void start();
  /// Stops accepting, lets requests in flight finish (up to a grace period).
  void stop();
  /// The port actually bound (useful when the config asked for port 0).
  uint16_t port() const;

  const config::GatewayConfig& config() const override { return config_; }
  engines::EngineCatalog& engines() override { return *engines_; }
  const plugins::PluginDirectory& plugins() const override { return *plugins_; }
  upstream::HttpExchange& http() override { return *http_; }
  bool ready() const override { return ready_.load(); }

  plugins::PluginManager& pluginManager() { return *plugins_; }

 private:
  config::GatewayConfig config_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<upstream::PocoHttpExchange> http_;
  std::unique_ptr<plugins::PluginManager> plugins_;
  std::unique_ptr<engines::EngineCatalog> engines_;
  std::unique_ptr<Poco::ThreadPool> threads_;  // Poco's default pool holds only 16
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::atomic<bool> ready_{false};
};

}  // namespace manifold::app
