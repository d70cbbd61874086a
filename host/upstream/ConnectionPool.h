#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "upstream/UpstreamConnection.h"

namespace manifold::upstream {

/// Idle keep-alive connections, kept per origin. A connection is handed to
/// one request at a time; the most recently used is reused first, since it is
/// the least likely to have been closed by the peer.
class ConnectionPool {
 public:
  ConnectionPool(size_t maxIdlePerOrigin, std::chrono::milliseconds maxIdleTime)
      : maxIdlePerOrigin_(maxIdlePerOrigin), maxIdleTime_(maxIdleTime) {}

  /// An idle connection to `origin` that still looks open, or null.
  std::unique_ptr<UpstreamConnection> take(const std::string& origin);
  /// Returns a connection whose last response ended cleanly.
  void give(std::unique_ptr<UpstreamConnection> connection);
  size_t idleCount() const;

 private:
  const size_t maxIdlePerOrigin_;
  const std::chrono::milliseconds maxIdleTime_;
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<std::unique_ptr<UpstreamConnection>>> idle_;
};

}  // namespace manifold::upstream
