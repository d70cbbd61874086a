#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "tools/ToolResult.h"

namespace manifold::tools {

/// Successful tool results by (tool, arguments), each kept for its tool's
/// TTL. Bounded: when full, expired entries go first, then the one closest
/// to expiry.
class ToolResultCache {
 public:
  using Clock = std::chrono::steady_clock;
  explicit ToolResultCache(size_t capacity = 2048) : capacity_(capacity) {}

  std::optional<ToolResult> find(const std::string& toolId, const std::string& argumentsJson);
  void put(const std::string& toolId, const std::string& argumentsJson, const ToolResult& result,
           std::chrono::milliseconds ttl);

 private:
  struct Entry {
    Clock::time_point expires;
    ToolResult result;
  };
  static std::string keyOf(const std::string& toolId, const std::string& argumentsJson);
  void makeRoom(Clock::time_point now);

  const size_t capacity_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace manifold::tools
