#pragma once

#include <manifold/plugin.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mcp {

/// One bridged MCP server, as the host describes it in create()'s config
/// (README.md lists the fields). The host resolves the auth secret into
/// `headers`; the bridge never sees the gateway client's own credentials.
struct McpSettings {
  std::string id;
  std::string url;
  std::vector<manifold::Header> headers;
  std::string protocol = "auto";  ///< "auto", "2026-07-28" or "2025-11-25"
  int64_t timeoutMs = 30000;
  int64_t maxPages = 20;
  size_t maxResultBytes = 1048576;

  /// Throws manifold::Error (MF_ERR_INVALID) naming the field that is wrong.
  static McpSettings read(std::string_view configJson);

  /// "mcp server 'id'": how every message names the server.
  std::string who() const { return "mcp server '" + id + "'"; }
};

}  // namespace mcp
