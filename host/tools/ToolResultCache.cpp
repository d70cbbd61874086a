#include "tools/ToolResultCache.h"

#include <manifold/json.hpp>

namespace manifold::tools {

// The arguments as JSON re-written without the caller's spacing, so
// {"a": 1} and {"a":1} share an entry.
std::string ToolResultCache::keyOf(const std::string& toolId, const std::string& argumentsJson) {
  const std::optional<json::Value> args = json::parse(argumentsJson);
  return toolId + '\n' + (args ? json::stringify(*args) : argumentsJson);
}

std::optional<ToolResult> ToolResultCache::find(const std::string& toolId,
                                                const std::string& argumentsJson) {
  const std::string key = keyOf(toolId, argumentsJson);
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.expires <= Clock::now()) {
    entries_.erase(it);
    return std::nullopt;
  }
  ToolResult result = it->second.result;
  result.cached = true;
  result.latencyMs = 0;
  return result;
}

void ToolResultCache::put(const std::string& toolId, const std::string& argumentsJson,
                          const ToolResult& result, std::chrono::milliseconds ttl) {
  if (!result.ok || ttl.count() <= 0) return;
  const std::string key = keyOf(toolId, argumentsJson);
  const Clock::time_point now = Clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.count(key)) makeRoom(now);
  entries_[key] = Entry{now + ttl, result};
}

void ToolResultCache::makeRoom(Clock::time_point now) {
  auto soonest = entries_.end();
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.expires <= now) {
      it = entries_.erase(it);
      continue;
    }
    if (soonest == entries_.end() || it->second.expires < soonest->second.expires) soonest = it;
    ++it;
  }
  if (entries_.size() >= capacity_ && soonest != entries_.end()) entries_.erase(soonest);
}

}  // namespace manifold::tools
