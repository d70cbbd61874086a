#pragma once

#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "config/GatewayConfig.h"
#include "conversations/SqliteConversationStore.h"
#include "engines/EngineCatalog.h"
#include "failover/CircuitBreakers.h"
#include "failover/FailoverEngine.h"
#include "http/ClientHangupMonitor.h"
#include "http/ConnectionDeadlines.h"
#include "http/GatewayContext.h"
#include "keys/KeyAdmission.h"
#include "keys/SqliteKeyStore.h"
#include "memory/SqliteMemoryStore.h"
#include "metrics/MetricsObserver.h"
#include "metrics/MetricsRegistry.h"
#include "plugins/PluginManager.h"
#include "store/AsyncAttemptWriter.h"
#include "store/SqliteStore.h"
#include "store/SqliteUsageLedger.h"
#include "tasks/ClientWebhooks.h"
#include "tasks/DispatcherDirectory.h"
#include "tasks/SqliteTaskStore.h"
#include "tasks/TaskFeed.h"
#include "tasks/TaskService.h"
#include "tasks/TurnTaskDispatch.h"
#include "tools/GatewayTurnTools.h"
#include "tools/ToolDirectory.h"
#include "tools/ToolRuntime.h"
#include "turn/ChainExecutor.h"
#include "turn/DispatchExecutor.h"
#include "turn/ImageExecutor.h"
#include "turn/ObserverList.h"
#include "turn/ToolLoopExecutor.h"
#include "upstream/PooledHttpExchange.h"
#include "usage/CostMetricsObserver.h"
#include "usage/PriceBook.h"
#include "usage/UsageObserver.h"

namespace manifold::app {

/// The whole gateway, without the process around it: store, plugins, engines
/// and the HTTP listener. The application runs one; tests run several. It
/// is also what turns run against (TurnServices): the config snapshot in
/// force, admission, the chain executor and the attempt writer.
class GatewayServer : public http::GatewayContext, public turn::TurnServices {
 public:
  /// Opens the store and loads the plugin folder. Throws on a fatal problem
  /// (store cannot open, plugin folder missing); a broken plugin is not one.
  explicit GatewayServer(config::GatewayConfig config);
  ~GatewayServer() override;

  /// Starts listening and watching the plugin folder.
  void start();
  /// Stops accepting and closes connections in flight.
  void stop();
  /// A graceful stop: /readyz answers 503 and no connection is accepted;
  /// requests in flight get up to `timeout` to finish; then the attempt
  /// writer is flushed and the rest is closed (stop()). Returns how many
  /// requests were still in flight when the time ran out.
  int drain(std::chrono::milliseconds timeout);
  /// The port actually bound (useful when the config asked for port 0).
  uint16_t port() const;

  /// Swaps in a new config snapshot, built from `next`: engines, modes, key
  /// pools (re-read), breaker thresholds, trust and prompt-cache settings.
  /// Turns in flight finish on the snapshot they started with. Breakers
  /// carry over for every engine whose provider, model and base URL are
  /// unchanged. The listener, plugin folder, store and egress settings are
  /// fixed at start: a change to them is logged and waits for a restart.
  /// `next` must already be valid (ConfigLoader).
  void reload(config::GatewayConfig next);

  turn::SnapshotPtr snapshot() const override;
  const plugins::PluginDirectory& plugins() const override { return *plugins_; }
  upstream::HttpExchange& http() override { return *http_; }
  const failover::CircuitBreakers& breakers() const override { return *breakers_; }
  turn::TurnServices& turns() override { return *this; }
  http::ClientHangupMonitor& hangups() override { return *hangups_; }
  bool ready() const override { return ready_.load(); }
  http::InFlightRequests& inFlight() override { return inFlight_; }

  turn::Admission& admission() override { return *keyAdmission_; }
  turn::Executor& executorFor(const turn::TurnRoute& route) override {
    if (route.dispatch && dispatchExecutor_) return *dispatchExecutor_;
    if (route.mode == "image" && imageExecutor_) return *imageExecutor_;  // a picture, not a chat
    return *toolLoopExecutor_;  // a plain chain walk for a mode without gateway tools
  }
  turn::TaskDispatch* taskDispatch() override { return taskDispatch_.get(); }
  turn::TurnTools* tools() override { return turnTools_.get(); }
  memory::MemoryStore* memory() override { return memoryStore_.get(); }
  turn::InternalCompletion* internalCompletion() override { return internalCompletion_.get(); }
  turn::TurnObserver* observer() override { return &observers_; }
  http::AccessGuard& access() override { return *access_; }
  keys::KeyDirectory& keyDirectory() override { return *keys_; }
  keys::KeyAdmission& keyAdmission() { return *keyAdmission_; }
  metrics::MetricsRegistry& metrics() override { return *metrics_; }
  store::UsageLedger& usage() override { return *usageLedger_; }
  tasks::TaskService& tasks() override { return *tasks_; }
  tools::ToolRuntime& toolRuntime() override { return *toolRuntime_; }
  media::MediaService& media() override { return *media_; }
  /// For /v1/conversations and for turns that carry one on.
  conversations::ConversationStore* conversations() override { return conversations_.get(); }
  /// Attempt records that will never reach the store (refused writes, a full
  /// queue); only grows. For /metrics and /admin/health.
  uint64_t lostUsageRecords() const override { return attempts_->lostRecords(); }
  /// The price table in force, bound to the engines in force.
  const usage::PriceBook& prices() const { return *prices_; }

  plugins::PluginManager& pluginManager() { return *plugins_; }
  /// Waits until every attempt record so far is in the store.
  void flushAttempts() { attempts_->flush(); }

 private:
  /// What each key with a budget has spent today and this month, from the store.
  void restoreSpend();
  const config::GatewayConfig startConfig_;  ///< the parts fixed at start
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<store::AsyncAttemptWriter> attempts_;
  std::unique_ptr<store::SqliteUsageLedger> usageLedger_;
  std::unique_ptr<usage::PriceBook> prices_;
  std::unique_ptr<usage::UsageObserver> usageObserver_;  ///< prices, then queues to attempts_
  std::unique_ptr<upstream::PooledHttpExchange> http_;
  std::unique_ptr<plugins::PluginManager> plugins_;
  std::unique_ptr<tasks::SqliteTaskStore> taskStore_;
  std::unique_ptr<conversations::SqliteConversationStore> conversations_;
  tasks::TaskFeed taskFeed_;
  std::unique_ptr<tasks::DispatcherDirectory> dispatchers_;
  std::unique_ptr<tasks::ClientWebhooks> clientWebhooks_;
  std::unique_ptr<tasks::TaskService> tasks_;
  std::unique_ptr<tools::ToolDirectory> toolDirectory_;
  std::unique_ptr<tools::ToolRuntime> toolRuntime_;
  std::unique_ptr<failover::CircuitBreakers> breakers_;
  std::unique_ptr<failover::FailoverEngine> failover_;
  std::unique_ptr<media::MediaService> media_;
  std::unique_ptr<turn::ImageExecutor> imageExecutor_;
  std::shared_ptr<const router::IntentRouter> router_;
  std::unique_ptr<turn::ChainExecutor> chainExecutor_;
  std::unique_ptr<memory::SqliteMemoryStore> memoryStore_;
  std::unique_ptr<turn::InternalCompletion> internalCompletion_;
  std::unique_ptr<tools::GatewayTurnTools> turnTools_;
  std::unique_ptr<turn::ToolLoopExecutor> toolLoopExecutor_;
  std::unique_ptr<turn::TaskDispatch> taskDispatch_;  ///< null without a task runtime
  std::unique_ptr<turn::DispatchExecutor> dispatchExecutor_;
  std::unique_ptr<http::ClientHangupMonitor> hangups_;
  std::unique_ptr<keys::SqliteKeyStore> keyStore_;
  std::unique_ptr<keys::KeyDirectory> keys_;
  std::unique_ptr<keys::Authenticator> authenticator_;
  std::unique_ptr<keys::KeyAdmission> keyAdmission_;
  std::unique_ptr<http::AccessGuard> access_;
  std::unique_ptr<metrics::MetricsRegistry> metrics_;
  std::unique_ptr<metrics::MetricsObserver> metricsObserver_;
  std::unique_ptr<usage::CostMetricsObserver> costMetrics_;
  turn::ObserverList observers_;  ///< the usage observer (into the attempt writer) first
  mutable std::mutex snapshotMutex_;
  turn::SnapshotPtr snapshot_;
  std::unique_ptr<http::ConnectionDeadlines> deadlines_;
  std::unique_ptr<Poco::ThreadPool> threads_;  // Poco's default pool holds only 16
  std::unique_ptr<Poco::Net::TCPServer> server_;
  std::atomic<bool> ready_{false};
  http::InFlightRequests inFlight_;
};

}  // namespace manifold::app
