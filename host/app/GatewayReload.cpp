// GatewayServer::reload: swapping in a new config snapshot.
#include <Poco/Logger.h>

#include <algorithm>

#include "app/GatewayServer.h"

namespace manifold::app {
namespace {

bool sameEngine(const config::EngineConfig& a, const config::EngineConfig& b) {
  return a.provider == b.provider && a.model == b.model && a.baseUrl == b.baseUrl;
}

// The parts of a config that are fixed at start: what a reload cannot change.
std::vector<std::string> fixedPartsChanged(const config::GatewayConfig& was,
                                           const config::GatewayConfig& next) {
  std::vector<std::string> changed;
  const config::ServerConfig &a = was.server, &b = next.server;
  if (a.host != b.host || a.port != b.port || a.maxThreads != b.maxThreads ||
      a.threadStackKb != b.threadStackKb || a.maxQueued != b.maxQueued ||
      a.keepAliveTimeoutMs != b.keepAliveTimeoutMs || a.readTimeoutMs != b.readTimeoutMs ||
      a.headerTimeoutMs != b.headerTimeoutMs)
    changed.push_back("server (listener settings)");
  if (was.plugins.directory != next.plugins.directory ||
      was.plugins.settingsJson != next.plugins.settingsJson ||
      was.plugins.watchIntervalMs != next.plugins.watchIntervalMs)
    changed.push_back("plugins");
  if (was.store.sqlitePath != next.store.sqlitePath) changed.push_back("store");
  const config::EgressConfig &x = was.egress, &y = next.egress;
  if (x.allowedHosts != y.allowedHosts || x.connectTimeoutMs != y.connectTimeoutMs ||
      x.requestTimeoutMs != y.requestTimeoutMs || x.caFile != y.caFile ||
      x.maxIdlePerHost != y.maxIdlePerHost || x.idleTimeoutMs != y.idleTimeoutMs)
    changed.push_back("egress");
  if (was.logLevel != next.logLevel || was.logFormat != next.logFormat ||
      was.logIncludeContent != next.logIncludeContent)
    changed.push_back("logging");
  return changed;
}

}  // namespace

void GatewayServer::reload(config::GatewayConfig next) {
  Poco::Logger& log = Poco::Logger::get("config");
  const turn::SnapshotPtr current = snapshot();
  const config::GatewayConfig& was = current->config;
  for (const std::string& part : fixedPartsChanged(was, next))
    log.warning("config reload: the %s section changed; it takes effect at the next restart", part);
  // Keep what is fixed at start as it runs, so the snapshot says what is in force.
  // Body limits are read per request, so those may change.
  const int64_t maxBodyBytes = next.server.maxBodyBytes;
  const int bodyTimeoutMs = next.server.bodyTimeoutMs;
  next.server = was.server;
  next.server.maxBodyBytes = maxBodyBytes;
  next.server.bodyTimeoutMs = bodyTimeoutMs;
  next.plugins = was.plugins;
  next.store = was.store;
  next.egress = was.egress;
  next.logLevel = was.logLevel;
  next.logFormat = was.logFormat;
  next.logIncludeContent = was.logIncludeContent;

  int kept = 0, dropped = 0;
  for (const config::EngineConfig& old : was.engines) {
    const auto same = std::find_if(next.engines.begin(), next.engines.end(),
                                   [&](const config::EngineConfig& e) { return e.id == old.id; });
    if (same != next.engines.end() && sameEngine(old, *same)) {
      ++kept;
    } else {
      breakers_->forget(old.id);
      ++dropped;
    }
  }
  breakers_->setConfig(next.breaker);
  prices_->reload(next);
  toolDirectory_->setMcpServers(
      next.tools.mcpServers);  // an unreadable or invalid price file keeps the table in force
  const size_t engineCount = next.engines.size(), modeCount = next.modes.size();
  auto fresh = std::make_shared<const turn::RuntimeSnapshot>(std::move(next), *plugins_, router_,
                                                             current->generation + 1);
  {
    std::lock_guard<std::mutex> lock(snapshotMutex_);
    snapshot_ = fresh;
  }
  log.information(
      "config reloaded (generation %s): %z engines, %z modes; breaker state kept for %d engines, "
      "reset for %d",
      std::to_string(fresh->generation), engineCount, modeCount, kept, dropped);
  metrics_->configReloadApplied();
}

}  // namespace manifold::app
