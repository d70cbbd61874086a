#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace manifold::mcp {

/// A 2025-11-25 session: made by initialize, named by Mcp-Session-Id,
/// bound to the gateway key that made it.
struct McpSession {
  std::string protocolVersion;
  std::string keyId;  ///< "" for the master key or an anonymous loopback caller
  std::chrono::steady_clock::time_point lastUsed;
};

/// The live sessions of /mcp. A session idle for longer than `idle` is gone,
/// and so is the least recently used one when the table is full: its client
/// gets 404 and initializes again, as the transport specifies. Thread-safe.
class McpSessions {
 public:
  explicit McpSessions(std::chrono::milliseconds idle = std::chrono::minutes(30),
                       size_t capacity = 10000)
      : idle_(idle), capacity_(capacity) {}

  /// A new session; returns its id (128 random bits, hex).
  std::string open(const std::string& protocolVersion, const std::string& keyId);
  /// The session `id` when it exists and belongs to `keyId`; touches it.
  std::optional<McpSession> use(const std::string& id, const std::string& keyId);
  /// Ends session `id` when it belongs to `keyId`; false when there is none.
  bool close(const std::string& id, const std::string& keyId);
  size_t size() const;

 private:
  void expire(std::chrono::steady_clock::time_point now);

  const std::chrono::milliseconds idle_;
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::map<std::string, McpSession> sessions_;
};

}  // namespace manifold::mcp
