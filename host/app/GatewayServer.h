#pragma once

#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <memory>

#include "config/GatewayConfig.h"
#include "engines/EngineCatalog.h"
#include "failover/CircuitBreakers.h"
#include "failover/FailoverEngine.h"
#include "http/ConnectionDeadlines.h"
#include "http/GatewayContext.h"
#include "plugins/PluginManager.h"
#include "store/AsyncAttemptWriter.h"
#include "store/SqliteStore.h"
#include "upstream/PooledHttpExchange.h"

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
  /// Stops accepting and closes connections in flight.
  void stop();
  /// The port actually bound (useful when the config asked for port 0).
  uint16_t port() const;

  const config::GatewayConfig& config() const override { return config_; }
  engines::EngineCatalog& engines() override { return *engines_; }
  const plugins::PluginDirectory& plugins() const override { return *plugins_; }
  upstream::HttpExchange& http() override { return *http_; }
  failover::FailoverEngine& failover() override { return *failover_; }
  const failover::CircuitBreakers& breakers() const override { return *breakers_; }
  const router::IntentRouter& router() const override { return *router_; }
  bool ready() const override { return ready_.load(); }

  plugins::PluginManager& pluginManager() { return *plugins_; }
  /// Waits until every attempt record so far is in the store.
  void flushAttempts() { attempts_->flush(); }

 private:
  config::GatewayConfig config_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<store::AsyncAttemptWriter> attempts_;
  std::unique_ptr<upstream::PooledHttpExchange> http_;
  std::unique_ptr<plugins::PluginManager> plugins_;
  std::unique_ptr<engines::EngineCatalog> engines_;
  std::unique_ptr<failover::CircuitBreakers> breakers_;
  std::unique_ptr<failover::FailoverEngine> failover_;
  std::unique_ptr<router::IntentRouter> router_;
  std::unique_ptr<http::ConnectionDeadlines> deadlines_;
  std::unique_ptr<Poco::ThreadPool> threads_;  // Poco's default pool holds only 16
  std::unique_ptr<Poco::Net::TCPServer> server_;
  std::atomic<bool> ready_{false};
};

}  // namespace manifold::app
