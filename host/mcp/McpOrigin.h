#pragma once

#include <string>
#include <vector>

namespace manifold::mcp {

/// Whether a browser Origin may reach /mcp. The MCP transport requires
/// servers to check Origin against DNS rebinding: a page on an attacker's
/// name that resolves to this host sends its own Origin (and Host), so
/// neither is trusted. Allowed: no Origin at all (not a browser), the
/// gateway's own origin (loopback names on the port it was reached on, and
/// server.public_url), and tools.mcp_endpoint.allowed_origins ("*" for any).
bool originAllowed(const std::string& origin, int localPort, const std::string& publicUrl,
                   const std::vector<std::string>& allowedOrigins);

}  // namespace manifold::mcp
