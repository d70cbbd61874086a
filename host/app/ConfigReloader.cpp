#include "app/ConfigReloader.h"

#include <Poco/Logger.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <sstream>

#include "config/ConfigLoader.h"

namespace manifold::app {
namespace {

std::atomic<bool> hangupReceived{false};

extern "C" void onHangup(int) {
  hangupReceived.store(true);
}

Poco::Logger& logger() {
  return Poco::Logger::get("config");
}

// FNV-1a: only to tell one text from another.
uint64_t hashOf(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

bool readFile(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream out;
  out << in.rdbuf();
  text = out.str();
  return !in.bad();
}

}  // namespace

ConfigReloader::ConfigReloader(std::string path, GatewayServer& server, Overrides overrides,
                               int intervalMs)
    : path_(std::move(path)),
      server_(server),
      overrides_(std::move(overrides)),
      intervalMs_(intervalMs) {
  std::string text;
  if (readFile(path_, text)) appliedHash_ = hashOf(text);
}

ConfigReloader::~ConfigReloader() {
  stop();
}

void ConfigReloader::start() {
  struct sigaction action {};
  action.sa_handler = onHangup;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGHUP, &action, nullptr);
  thread_ = std::thread([this] { run(); });
}

void ConfigReloader::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool ConfigReloader::reloadIfChanged(bool force) {
  std::string text;
  if (!readFile(path_, text)) {
    if (refusedHash_ != 1) {  // counted and logged once, not on every check
      logger().error("config reload: cannot read \"%s\"; nothing changed", path_);
      server_.metrics().configReloadRefused();
    }
    refusedHash_ = 1;
    return false;
  }
  const uint64_t hash = hashOf(text);
  if (!force && (hash == appliedHash_ || hash == refusedHash_)) return false;
  config::ConfigLoadResult loaded = config::ConfigLoader::loadText(text);
  if (!loaded.problems.empty()) {
    refusedHash_ = hash;
    for (const config::ConfigProblem& p : loaded.problems)
      logger().error("config reload refused: %s: %s", p.path, p.message);
    logger().error("config reload: \"%s\" is invalid; the config in force keeps serving", path_);
    server_.metrics().configReloadRefused();
    return false;
  }
  if (overrides_) overrides_(*loaded.config);
  server_.reload(std::move(*loaded.config));
  appliedHash_ = hash;
  refusedHash_ = 0;
  return true;
}

void ConfigReloader::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  // A short tick for SIGHUP; the file itself every intervalMs.
  const auto tick = std::chrono::milliseconds(std::min(intervalMs_, 100));
  auto nextFileCheck = std::chrono::steady_clock::now();
  while (!stopping_) {
    wake_.wait_for(lock, tick);
    if (stopping_) break;
    const bool hangup = hangupReceived.exchange(false);
    if (!hangup && std::chrono::steady_clock::now() < nextFileCheck) continue;
    nextFileCheck = std::chrono::steady_clock::now() + std::chrono::milliseconds(intervalMs_);
    if (hangup) logger().information("SIGHUP: reloading \"%s\"", path_);
    lock.unlock();
    reloadIfChanged(hangup);
    lock.lock();
  }
}

}  // namespace manifold::app
