#include "mcp/McpSessions.h"

#include <Poco/RandomStream.h>

#include <algorithm>
#include <cstdio>

namespace manifold::mcp {
namespace {

std::string randomId() {
  unsigned char bytes[16];
  Poco::RandomInputStream().read(reinterpret_cast<char*>(bytes), sizeof(bytes));
  std::string hex;
  char pair[3];
  for (unsigned char b : bytes) {
    std::snprintf(pair, sizeof(pair), "%02x", b);
    hex += pair;
  }
  return hex;
}

}  // namespace

void McpSessions::expire(std::chrono::steady_clock::time_point now) {
  for (auto it = sessions_.begin(); it != sessions_.end();)
    it = now - it->second.lastUsed > idle_ ? sessions_.erase(it) : std::next(it);
}

std::string McpSessions::open(const std::string& protocolVersion, const std::string& keyId) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  expire(now);
  if (sessions_.size() >= capacity_) {
    auto oldest = std::min_element(sessions_.begin(), sessions_.end(), [](auto& a, auto& b) {
      return a.second.lastUsed < b.second.lastUsed;
    });
    sessions_.erase(oldest);
  }
  std::string id = randomId();
  sessions_[id] = McpSession{protocolVersion, keyId, now};
  return id;
}

std::optional<McpSession> McpSessions::use(const std::string& id, const std::string& keyId) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end() || it->second.keyId != keyId) return std::nullopt;
  if (now - it->second.lastUsed > idle_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.lastUsed = now;
  return it->second;
}

bool McpSessions::close(const std::string& id, const std::string& keyId) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = sessions_.find(id);
  if (it == sessions_.end() || it->second.keyId != keyId) return false;
  sessions_.erase(it);
  return true;
}

size_t McpSessions::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sessions_.size();
}

}  // namespace manifold::mcp
