#pragma once

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <manifold/json.hpp>

#include "tools/ToolResult.h"

namespace manifold::test {

/// A real MCP server on loopback, run with node from the packages pinned in
/// tests/fakes/mcp (installed by the fakes.McpInstall fixture).
class McpPeer {
 public:
  /// The official server-everything in its Streamable HTTP mode (at /mcp).
  static std::unique_ptr<McpPeer> everything();
  /// tests/fakes/mcp/server.mjs: the small SDK server that misbehaves on cue.
  static std::unique_ptr<McpPeer> misbehaving();
  /// Why the peers cannot run here ("" when they can): GTEST_SKIP with it.
  static std::string missing();

  ~McpPeer();
  McpPeer(const McpPeer&) = delete;
  McpPeer& operator=(const McpPeer&) = delete;

  uint16_t port() const { return port_; }
  std::string url(const std::string& path) const;
  /// The misbehaving server's record of MCP requests (GET /_ledger).
  json::Value ledger() const;
  /// Makes the misbehaving server forget its sessions (POST /_expire); it
  /// then answers a request in one with `status`: 404, or 400 as the SDK's
  /// example servers do.
  void expireSessions(int status = 404) const;

 private:
  McpPeer(const std::vector<std::string>& args, const Poco::Process::Env& env,
          const std::string& readyMarker, uint16_t knownPort);

  Poco::Pipe output_;
  std::unique_ptr<Poco::ProcessHandle> process_;
  std::thread drain_;
  uint16_t port_ = 0;
};

/// The create() config of one bridged server, as the host writes it.
std::string bridgeConfig(const std::string& id, const std::string& url,
                         const std::string& extraFields = "");

/// Expects `result` to be a failure with `code` whose message names the
/// server ("mcp server '<server>'") and says `what`.
void expectFailure(const tools::ToolResult& result, int32_t code, const std::string& server,
                   const std::string& what);

/// A loopback port with nothing listening on it (bound, then released).
uint16_t unusedPort();

}  // namespace manifold::test
