#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "app/GatewayServer.h"

namespace manifold::app {

/// Reloads the config file into a running gateway: on SIGHUP, and when the
/// file changes (checked every `intervalMs`, so a change is served within
/// about that). A file that cannot be read, is not JSON or is invalid
/// changes nothing: every problem is logged with its JSON path and the
/// snapshot in force keeps serving. A file whose text is unchanged is not
/// reloaded.
class ConfigReloader {
 public:
  /// Applied to every loaded config before it is used (environment and
  /// command-line overrides).
  using Overrides = std::function<void(config::GatewayConfig&)>;

  ConfigReloader(std::string path, GatewayServer& server, Overrides overrides,
                 int intervalMs = 500);
  ~ConfigReloader();

  /// Starts watching; installs the SIGHUP handler.
  void start();
  void stop();
  /// Reloads now if the file's text changed, or whatever it says when
  /// `force` (SIGHUP: key files are re-read even when the config is the
  /// same); returns true when a new snapshot went in.
  bool reloadIfChanged(bool force = false);

 private:
  void run();

  const std::string path_;
  GatewayServer& server_;
  const Overrides overrides_;
  const int intervalMs_;
  uint64_t appliedHash_ = 0;  ///< of the text in force
  uint64_t refusedHash_ = 0;  ///< of the last text refused, so it is logged once
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace manifold::app
