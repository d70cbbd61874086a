#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "McpSettings.h"

namespace mcp {

/// The protocol revisions the bridge speaks, newest first.
inline constexpr const char* kStateless = "2026-07-28";
inline constexpr const char* kSessioned = "2025-11-25";

/// The bridge's link to one MCP server over Streamable HTTP. It negotiates
/// the newest revision the server speaks on first use (server/discover, else
/// initialize), and sends JSON-RPC requests in it. Shared by every thread
/// that calls the server's tools: the negotiated state is swapped whole under
/// a mutex, and requests run without holding it.
class McpSession {
 public:
  McpSession(manifold::Host host, McpSettings settings);

  /// Sends `method` with `params` (a JSON object) and returns the result
  /// object. `name` is the tool for tools/call (the Mcp-Name header).
  /// Throws manifold::Error naming the server.
  manifold::json::Value request(const std::string& method, manifold::json::Value params,
                                const std::string& name = "");

  const McpSettings& settings() const { return settings_; }

 private:
  struct State {
    std::string version;    ///< the negotiated revision
    std::string sessionId;  ///< Mcp-Session-Id; empty when the server keeps none
    bool stateless() const { return version == kStateless; }
  };
  struct Reply;
  using StatePtr = std::shared_ptr<const State>;

  StatePtr current();
  StatePtr renew(const StatePtr& stale);
  void connectOnce(uint64_t seen);
  StatePtr connect();
  std::optional<State> discover();
  State initialize();

  Reply post(const State* state, const std::string& method, manifold::json::Value params,
             const std::string& name, bool expectResponse);
  Reply exchange(const manifold::HttpRequest& request, const std::string& method, int64_t id);
  Reply resume(const State& state, const std::string& method, int64_t id, Reply reply);
  manifold::json::Value resultOf(const Reply& reply, const std::string& method) const;
  [[noreturn]] void fail(int32_t code, const std::string& what, bool retryable = false,
                         int32_t status = 0) const;

  manifold::Host host_;
  const McpSettings settings_;
  std::atomic<int64_t> nextId_{1};
  std::mutex mutex_;  ///< guards state_ and lastFailure_; held while (re)negotiating
  StatePtr state_;
  std::atomic<uint64_t> negotiated_{0};  ///< negotiations ended, well or not
  std::exception_ptr lastFailure_;       ///< how the last one failed, if it did
};

}  // namespace mcp
