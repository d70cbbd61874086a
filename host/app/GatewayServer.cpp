#include "app/GatewayServer.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Environment.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/String.h>
#include <Poco/Timestamp.h>

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "http/GatewayRequestHandlerFactory.h"
#include "http/GuardedConnectionFactory.h"
#include "keys/KeyAccessGuard.h"
#include "router/RuleBasedRouter.h"
#include "usage/AttemptCost.h"

namespace manifold::app {
namespace {

// A bearer token (the metrics or the dashboard token): from the named
// environment variable, else the first line of the file; "" for none.
std::string readToken(const config::TokenSource& source, const std::string& section) {
  if (!source.tokenEnv.empty() && Poco::Environment::has(source.tokenEnv))
    return Poco::trim(Poco::Environment::get(source.tokenEnv));
  if (source.tokenFile.empty()) return "";
  std::ifstream in(source.tokenFile);
  if (!in)
    throw std::runtime_error("cannot read " + section + ".token_file \"" + source.tokenFile + "\"");
  std::string line;
  std::getline(in, line);
  return Poco::trim(line);
}

}  // namespace

GatewayServer::GatewayServer(config::GatewayConfig config) : startConfig_(config) {
  std::error_code ec;
  if (!std::filesystem::is_directory(startConfig_.plugins.directory, ec))
    throw std::runtime_error("plugin folder \"" + startConfig_.plugins.directory +
                             "\" does not exist (plugins.directory)");
  metrics_ = std::make_unique<metrics::MetricsRegistry>();  // first: every part may count
  store_ = std::make_unique<store::SqliteStore>(startConfig_.store.sqlitePath);
  attempts_ = std::make_unique<store::AsyncAttemptWriter>(*store_);
  usageLedger_ = std::make_unique<store::SqliteUsageLedger>(startConfig_.store.sqlitePath);
  prices_ = std::make_unique<usage::PriceBook>(startConfig_);
  usageObserver_ = std::make_unique<usage::UsageObserver>(*prices_, *attempts_);
  http_ = std::make_unique<upstream::PooledHttpExchange>(
      startConfig_.egress, upstream::ProxySettings::fromEnvironment());
  plugins::HostServiceDeps deps{store_.get(), http_.get()};
  auto loader = std::make_unique<plugins::PluginLoader>(startConfig_.plugins.directory,
                                                        startConfig_.plugins.settingsJson, deps);
  plugins_ = std::make_unique<plugins::PluginManager>(std::move(loader),
                                                      startConfig_.plugins.watchIntervalMs);
  plugins_->scan(false);
  taskStore_ = std::make_unique<tasks::SqliteTaskStore>(startConfig_.store.sqlitePath);
  conversations_ =
      std::make_unique<conversations::SqliteConversationStore>(startConfig_.store.sqlitePath);
  dispatchers_ =
      std::make_unique<tasks::DispatcherDirectory>(*plugins_, startConfig_.plugins.settingsJson);
  clientWebhooks_ = std::make_unique<tasks::ClientWebhooks>(
      *store_, *http_, startConfig_.tasks.clientWebhookRetryMs);
  tasks_ = std::make_unique<tasks::TaskService>(
      *taskStore_, taskFeed_, *dispatchers_, clientWebhooks_.get(),
      tasks::TaskServiceOptions{startConfig_.server.publicUrl, startConfig_.tasks.pollMinMs,
                                startConfig_.tasks.pollMaxMs});
  toolDirectory_ =
      std::make_unique<tools::ToolDirectory>(*plugins_, startConfig_.plugins.settingsJson);
  toolDirectory_->setMcpServers(startConfig_.tools.mcpServers);
  toolRuntime_ = std::make_unique<tools::ToolRuntime>(*toolDirectory_);
  breakers_ = std::make_unique<failover::CircuitBreakers>(startConfig_.breaker);
  router_ = std::make_shared<router::RuleBasedRouter>(plugins_.get());
  failover_ = std::make_unique<failover::FailoverEngine>(*http_, *breakers_);
  media_ = std::make_unique<media::MediaService>(*http_, *breakers_,
                                                 startConfig_.media.maxStoredImageBytes);
  imageExecutor_ = std::make_unique<turn::ImageExecutor>(*media_);
  keyStore_ = std::make_unique<keys::SqliteKeyStore>(startConfig_.store.sqlitePath);
  keys_ = std::make_unique<keys::KeyDirectory>(*keyStore_);
  authenticator_ = std::make_unique<keys::Authenticator>(
      keys::loadMasterSecret(startConfig_.auth.masterKeyFile), *keys_);
  keyAdmission_ = std::make_unique<keys::KeyAdmission>(
      *authenticator_, *keys_, [this](const turn::AttemptReport& report) {
        const usage::PriceBook::EnginePrice engine = prices_->forEngine(report.engineId);
        return usage::attemptCost(report, engine.price ? &*engine.price : nullptr);
      });
  restoreSpend();
  chainExecutor_ = std::make_unique<turn::ChainExecutor>(*failover_);
  memoryStore_ = std::make_unique<memory::SqliteMemoryStore>(startConfig_.store.sqlitePath);
  internalCompletion_ = std::make_unique<turn::InternalCompletion>(*failover_);
  turnTools_ = std::make_unique<tools::GatewayTurnTools>(*toolRuntime_, *keys_);
  toolLoopExecutor_ = std::make_unique<turn::ToolLoopExecutor>(*failover_, turnTools_.get());
  taskDispatch_ = std::make_unique<tasks::TurnTaskDispatch>(*tasks_);
  dispatchExecutor_ = std::make_unique<turn::DispatchExecutor>(
      *taskDispatch_, std::chrono::milliseconds(startConfig_.tasks.chatFollowMs));
  hangups_ = std::make_unique<http::ClientHangupMonitor>();
  access_ = std::make_unique<keys::KeyAccessGuard>(*authenticator_,
                                                   readToken(startConfig_.metrics, "metrics"),
                                                   readToken(startConfig_.ui, "ui"));
  metricsObserver_ = std::make_unique<metrics::MetricsObserver>(*metrics_);
  keyAdmission_->onLimitRejection([this](const char* kind) { metrics_->limitRejected(kind); });
  observers_.add(usageObserver_.get());
  observers_.add(keyAdmission_.get());
  observers_.add(metricsObserver_.get());
  costMetrics_ = std::make_unique<usage::CostMetricsObserver>(*prices_, *metrics_);
  observers_.add(costMetrics_.get());
  snapshot_ =
      std::make_shared<const turn::RuntimeSnapshot>(std::move(config), *plugins_, router_, 1);
  deadlines_ = std::make_unique<http::ConnectionDeadlines>();
}

void GatewayServer::restoreSpend() {
  const int64_t now = Poco::Timestamp().epochMicroseconds() / 1000;
  const int64_t monthStart = keys::SpendLedger::monthStartMs(now);
  const std::string today =
      Poco::DateTimeFormatter::format(Poco::Timestamp(now * 1000), "%Y-%m-%d");
  for (const keys::KeyRecord& key : keys_->list()) {
    if (!key.limits.dailyBudgetUsd && !key.limits.monthlyBudgetUsd) continue;
    double day = 0, month = 0;
    for (const store::UsageRow& row : usageLedger_->usage({key.id, monthStart, now + 1})) {
      month += row.costUsd;
      if (row.day == today) day += row.costUsd;
    }
    keyAdmission_->spend().restore(key.id, day, month, now);
  }
}

GatewayServer::~GatewayServer() {
  stop();
  // The task runtime's threads call dispatcher instances, which hold
  // libraries: end them first. Snapshots hold provider instances, which hold
  // libraries too: release them before the plugin manager goes.
  dispatchExecutor_.reset();
  taskDispatch_.reset();
  tasks_.reset();
  clientWebhooks_.reset();
  dispatchers_.reset();
  toolRuntime_.reset();
  toolDirectory_.reset();
  snapshot_.reset();
  toolLoopExecutor_.reset();
  turnTools_.reset();
  chainExecutor_.reset();
  internalCompletion_.reset();
  failover_.reset();
  router_.reset();
  plugins_.reset();
}

turn::SnapshotPtr GatewayServer::snapshot() const {
  std::lock_guard<std::mutex> lock(snapshotMutex_);
  return snapshot_;
}

namespace {

// Each streaming client holds two descriptors (its socket and its upstream
// connection); the usual soft limit of 1024 would refuse the 512th stream.
void raiseDescriptorLimit(int wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t target = std::min<rlim_t>(limit.rlim_max, static_cast<rlim_t>(wanted));
  if (limit.rlim_cur >= target) return;
  limit.rlim_cur = target;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0 || target < static_cast<rlim_t>(wanted))
    Poco::Logger::get("gateway").warning(
        "open-file limit is %lu; %d concurrent streams need about %d descriptors",
        static_cast<unsigned long>(target), wanted / 2, wanted);
}

}  // namespace

void GatewayServer::start() {
  const config::ServerConfig& s = startConfig_.server;
  raiseDescriptorLimit(2 * s.maxThreads + 256);
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress(s.host, static_cast<Poco::UInt16>(s.port)), true);
  socket.listen(4096);
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(s.maxThreads);
  params->setMaxQueued(s.maxQueued);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(
      Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(s.keepAliveTimeoutMs) * 1000));
  params->setTimeout(Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(s.readTimeoutMs) * 1000));
  threads_ = std::make_unique<Poco::ThreadPool>(2, s.maxThreads, 60, s.threadStackKb * 1024);
  Poco::Net::HTTPServerParams::Ptr paramsPtr(params);
  server_ = std::make_unique<Poco::Net::TCPServer>(
      new http::GuardedConnectionFactory(
          paramsPtr, new http::GatewayRequestHandlerFactory(*this), *deadlines_,
          std::chrono::milliseconds(s.headerTimeoutMs),
          http::RequestHeadLimits(s.maxHeaderFields, s.maxHeaderBytes, s.maxUriBytes),
          hangups_.get()),
      *threads_, socket, paramsPtr);
  server_->start();
  plugins_->startWatching();
  tasks_->start();
  ready_ = true;
  if (!authenticator_->masterKeySet())
    Poco::Logger::get("gateway").warning(
        "no master key set (MANIFOLD_MASTER_KEY or auth.master_key_file): serving loopback "
        "clients only; every other client gets 401");
  const turn::SnapshotPtr now = snapshot();
  Poco::Logger::get("gateway").information("listening on %s:%hu with %d engines, %d modes", s.host,
                                           port(), static_cast<int>(now->config.engines.size()),
                                           static_cast<int>(now->config.modes.size()));
}

void GatewayServer::stop() {
  ready_ = false;
  if (plugins_) plugins_->stopWatching();
  if (tasks_) tasks_->stop();
  if (server_) {
    server_->stop();
    deadlines_->shutdownAll();  // connections in flight end now, as their clients see
    threads_->joinAll();
    server_.reset();
    threads_.reset();
  }
}

int GatewayServer::drain(std::chrono::milliseconds timeout) {
  Poco::Logger& log = Poco::Logger::get("gateway");
  ready_ = false;
  if (server_) server_->stop();  // no new connections; those open may finish their requests
  const int waiting = inFlight_.count();
  log.information("draining: %d requests in flight, up to %d ms", waiting,
                  static_cast<int>(timeout.count()));
  const int left = inFlight_.waitForNone(timeout) ? 0 : inFlight_.count();
  if (left > 0)
    log.warning("drain: %d requests still in flight after %d ms; closing them", left,
                static_cast<int>(timeout.count()));
  stop();
  attempts_->flush();
  return left;
}

uint16_t GatewayServer::port() const {
  return server_ ? server_->port() : 0;
}

}  // namespace manifold::app
