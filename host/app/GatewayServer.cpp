#include "app/GatewayServer.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>

#include <filesystem>
#include <stdexcept>

#include "http/GatewayRequestHandlerFactory.h"

namespace manifold::app {

GatewayServer::GatewayServer(config::GatewayConfig config) : config_(std::move(config)) {
  std::error_code ec;
  if (!std::filesystem::is_directory(config_.plugins.directory, ec))
    throw std::runtime_error("plugin folder \"" + config_.plugins.directory +
                             "\" does not exist (plugins.directory)");
  store_ = std::make_unique<store::SqliteStore>(config_.store.sqlitePath);
  http_ = std::make_unique<upstream::PocoHttpExchange>(config_.egress);
  plugins::HostServiceDeps deps{store_.get(), http_.get()};
  auto loader = std::make_unique<plugins::PluginLoader>(config_.plugins.directory,
                                                        config_.plugins.settingsJson, deps);
  plugins_ =
      std::make_unique<plugins::PluginManager>(std::move(loader), config_.plugins.watchIntervalMs);
  plugins_->scan(false);
  engines_ = std::make_unique<engines::EngineCatalog>(config_, *plugins_);
}

GatewayServer::~GatewayServer() {
  stop();
  // Engines hold provider instances, which hold libraries: release them
  // before the plugin manager goes.
  engines_.reset();
  plugins_.reset();
}

void GatewayServer::start() {
  const config::ServerConfig& s = config_.server;
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress(s.host, static_cast<Poco::UInt16>(s.port)), true);
  socket.listen(1024);
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(s.maxThreads);
  params->setMaxQueued(s.maxQueued);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(
      Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(s.keepAliveTimeoutMs) * 1000));
  params->setTimeout(Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(s.readTimeoutMs) * 1000));
  threads_ = std::make_unique<Poco::ThreadPool>(2, s.maxThreads, 60, 0);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new http::GatewayRequestHandlerFactory(*this),
                                                    *threads_, socket, params);
  server_->start();
  plugins_->startWatching();
  ready_ = true;
  Poco::Logger::get("gateway").information("listening on %s:%hu with %d engines, %d modes", s.host,
                                           port(), static_cast<int>(config_.engines.size()),
                                           static_cast<int>(config_.modes.size()));
}

void GatewayServer::stop() {
  ready_ = false;
  if (plugins_) plugins_->stopWatching();
  if (server_) {
    server_->stopAll(true);
    server_.reset();
    threads_->joinAll();
    threads_.reset();
  }
}

uint16_t GatewayServer::port() const {
  return server_ ? server_->port() : 0;
}

}  // namespace manifold::app
