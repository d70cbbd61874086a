#include "plugins/PluginManager.h"

#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include <filesystem>
#include <sstream>

#ifndef _WIN32
#include <sys/stat.h>
#endif

namespace manifold::plugins {
namespace fs = std::filesystem;
namespace {

Poco::Logger& logger() {
  return Poco::Logger::get("plugins");
}

bool hasPluginSuffix(const fs::path& p) {
#if defined(_WIN32)
  return p.extension() == ".dll";
#elif defined(__APPLE__)
  return p.extension() == ".dylib" || p.extension() == ".so";
#else
  return p.extension() == ".so";
#endif
}

// Identity of one version of a file: a replaced or rewritten file differs.
std::string fingerprintOf(const fs::path& p) {
#ifndef _WIN32
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return "";
  std::ostringstream out;
  out << st.st_dev << ':' << st.st_ino << ':' << st.st_size << ':' << st.st_mtim.tv_sec << '.'
      << st.st_mtim.tv_nsec;
  return out.str();
#else
  std::error_code ec;
  auto size = fs::file_size(p, ec);
  auto time = fs::last_write_time(p, ec).time_since_epoch().count();
  return std::to_string(size) + ":" + std::to_string(time);
#endif
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string describeKinds(const PluginLibrary& plugin) {
  return plugin.kinds().empty() ? "no kinds this host knows" : joined(plugin.kinds());
}

}  // namespace

PluginManager::PluginManager(std::unique_ptr<PluginLoader> loader, int watchIntervalMs)
    : loader_(std::move(loader)), watchIntervalMs_(watchIntervalMs) {}

PluginManager::~PluginManager() {
  stopWatching();
  std::unique_lock<std::shared_mutex> lock(mutex_);
  plugins_.clear();
}

std::optional<std::map<std::string, std::string>> PluginManager::listFolder() {
  std::map<std::string, std::string> listing;
  std::error_code ec;
  for (fs::directory_iterator it(loader_->folder(), ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const fs::path& p = it->path();
    // Hidden names let operators copy to ".name.so" and rename into place.
    if (!hasPluginSuffix(p) || p.filename().string().rfind('.', 0) == 0) continue;
    const std::string fingerprint = fingerprintOf(p);
    listing[p.string()] = fingerprint.empty() ? "unresolvable:" + p.string() : fingerprint;
  }
  if (ec) {
    // An unreadable folder says nothing about which plugins are gone.
    if (!folderUnreadableLogged_)
      logger().error("plugin folder \"%s\" cannot be read (%s); keeping the plugins already loaded",
                     loader_->folder(), ec.message());
    folderUnreadableLogged_ = true;
    return std::nullopt;
  }
  folderUnreadableLogged_ = false;
  return listing;
}

void PluginManager::scan(bool requireStable) {
  std::lock_guard<std::mutex> scanLock(scanMutex_);
  const std::optional<std::map<std::string, std::string>> read = listFolder();
  if (!read) return;
  const std::map<std::string, std::string>& listing = *read;
  for (const auto& [path, fingerprint] : listing) {
    FileState& state = files_[path];
    if (state.fingerprint == fingerprint) continue;
    if (requireStable) {
      auto seen = candidates_.find(path);
      if (seen == candidates_.end() || seen->second != fingerprint) {
        candidates_[path] = fingerprint;
        continue;
      }
    }
    candidates_.erase(path);
    apply(path, fingerprint, state);
  }
  for (auto it = files_.begin(); it != files_.end();) {
    if (listing.count(it->first)) {
      ++it;
      continue;
    }
    forget(it->first, it->second);
    candidates_.erase(it->first);
    it = files_.erase(it);
  }
}

void PluginManager::apply(const std::string& path, const std::string& fingerprint,
                          FileState& state) {
  auto idOwner = [this](const std::string& id) {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    auto it = plugins_.find(id);
    return it == plugins_.end() ? std::string() : it->second->origin().sourcePath;
  };
  LoadResult result = loader_->load(path, fingerprint, idOwner);
  state.fingerprint = fingerprint;
  const int64_t now = Poco::Timestamp().epochMicroseconds() / 1000;

  if (!result.plugin) {
    {
      std::unique_lock<std::shared_mutex> lock(mutex_);
      refusals_[path] = PluginRefusal{path, result.refusal, now};
    }
    logger().error(
        "refused plugin file \"%s\": %s%s", path, result.refusal,
        state.pluginId.empty() ? std::string() : "; the version already loaded keeps serving");
    return;
  }

  std::shared_ptr<PluginLibrary> previous;
  const PluginLibrary& plugin = *result.plugin;
  {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    if (!state.pluginId.empty() && state.pluginId != plugin.id()) plugins_.erase(state.pluginId);
    auto& slot = plugins_[plugin.id()];
    previous = slot;
    slot = result.plugin;
    refusals_.erase(path);
    generation_.fetch_add(1, std::memory_order_acq_rel);
  }
  state.pluginId = plugin.id();
  if (previous)
    logger().information(
        "replaced plugin %s %s with %s from \"%s\"; requests in flight finish on %s", plugin.id(),
        previous->version(), plugin.version(), path, previous->version());
  else
    logger().information("loaded plugin %s %s (ABI %u.%u; %s) from \"%s\"", plugin.id(),
                         plugin.version(), plugin.abiMajor(), plugin.abiMinor(),
                         describeKinds(plugin), path);
  if (!plugin.ignoredKinds().empty())
    logger().warning("plugin %s declares kinds this host does not know, ignored: %s", plugin.id(),
                     joined(plugin.ignoredKinds()));
}

void PluginManager::forget(const std::string& path, const FileState& state) {
  std::shared_ptr<PluginLibrary> removed;
  {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    refusals_.erase(path);
    auto it = plugins_.find(state.pluginId);
    if (!state.pluginId.empty() && it != plugins_.end() &&
        it->second->origin().sourcePath == path) {
      removed = it->second;
      plugins_.erase(it);
      generation_.fetch_add(1, std::memory_order_acq_rel);
    }
  }
  if (removed)
    logger().information("plugin %s %s removed: \"%s\" is gone; no new requests will use it",
                         removed->id(), removed->version(), path);
}

void PluginManager::startWatching() {
  std::lock_guard<std::mutex> lock(watchMutex_);
  if (watcher_.joinable()) return;
  stopping_ = false;
  watcher_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(watchMutex_);
    while (!stopping_) {
      watchWake_.wait_for(lock, std::chrono::milliseconds(watchIntervalMs_));
      if (stopping_) break;
      lock.unlock();
      try {
        scan(true);
      } catch (const std::exception& e) {
        logger().error("plugin folder scan failed: %s", std::string(e.what()));
      }
      lock.lock();
    }
  });
}

void PluginManager::stopWatching() {
  {
    std::lock_guard<std::mutex> lock(watchMutex_);
    stopping_ = true;
  }
  watchWake_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

std::shared_ptr<PluginLibrary> PluginManager::find(const std::string& id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = plugins_.find(id);
  return it == plugins_.end() ? nullptr : it->second;
}

PluginSnapshot PluginManager::snapshot() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  PluginSnapshot out;
  for (const auto& [id, plugin] : plugins_) out.loaded.push_back(plugin);
  for (const auto& [file, refusal] : refusals_) out.refused.push_back(refusal);
  return out;
}

}  // namespace manifold::plugins
