#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "plugins/PluginLibrary.h"
#include "plugins/PluginLoader.h"

namespace manifold::plugins {

/// A file the host would not load, and why.
struct PluginRefusal {
  std::string file;
  std::string reason;
  int64_t atUnixMs = 0;
};

/// What is loaded and what was refused, at one moment.
struct PluginSnapshot {
  std::vector<std::shared_ptr<PluginLibrary>> loaded;
  std::vector<PluginRefusal> refused;
};

/// Read access to the loaded plugins: what request handlers see.
class PluginDirectory {
 public:
  virtual ~PluginDirectory() = default;
  /// The current version of a plugin, or null when none is loaded.
  virtual std::shared_ptr<PluginLibrary> find(const std::string& id) const = 0;
  virtual PluginSnapshot snapshot() const = 0;
  /// Changes whenever a plugin is loaded, replaced or removed, so a reader can
  /// rebuild what it derives from the loaded set only when the set changed.
  virtual uint64_t generation() const = 0;
};

/// Keeps the set of loaded plugins in step with the plugin folder. A scan
/// loads new files, replaces changed ones (in-flight users keep the old
/// version alive through their shared_ptr), and drops removed ones. A file
/// must look the same on two consecutive scans before it is loaded, so a copy
/// in progress is not mistaken for a broken plugin.
class PluginManager : public PluginDirectory {
 public:
  PluginManager(std::unique_ptr<PluginLoader> loader, int watchIntervalMs);
  ~PluginManager() override;

  /// One pass over the folder. `requireStable` is false for the start-up scan.
  void scan(bool requireStable);
  void startWatching();
  void stopWatching();

  std::shared_ptr<PluginLibrary> find(const std::string& id) const override;
  PluginSnapshot snapshot() const override;
  uint64_t generation() const override { return generation_.load(std::memory_order_acquire); }

 private:
  struct FileState {
    std::string fingerprint;
    std::string pluginId;  ///< the plugin this file provides, "" when refused
  };

  /// Plugin files by path with their fingerprints; nullopt when unreadable.
  std::optional<std::map<std::string, std::string>> listFolder();
  void apply(const std::string& path, const std::string& fingerprint, FileState& state);
  void forget(const std::string& path, const FileState& state);

  std::unique_ptr<PluginLoader> loader_;
  const int watchIntervalMs_;

  std::mutex scanMutex_;  // one scan at a time; guards files_, candidates_
  std::map<std::string, FileState> files_;
  std::map<std::string, std::string> candidates_;
  bool folderUnreadableLogged_ = false;

  mutable std::shared_mutex mutex_;  // guards plugins_ and refusals_
  std::map<std::string, std::shared_ptr<PluginLibrary>> plugins_;
  std::map<std::string, PluginRefusal> refusals_;
  std::atomic<uint64_t> generation_{0};  // bumped under mutex_ when plugins_ changes

  std::mutex watchMutex_;
  std::condition_variable watchWake_;
  bool stopping_ = false;
  std::thread watcher_;
};

}  // namespace manifold::plugins
