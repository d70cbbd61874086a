#pragma once

#include <string>
#include <vector>

namespace manifold::mcp {

/// The stateless revision: no initialize, no session; every request carries
/// its protocol version and the client's capabilities in params._meta.
inline const std::string kStatelessRevision = "2026-07-28";
/// The newest revision with an initialize handshake and Mcp-Session-Id.
inline const std::string kSessionRevision = "2025-11-25";

/// The _meta members of a 2026-07-28 request.
inline const std::string kMetaProtocolVersion = "io.modelcontextprotocol/protocolVersion";
inline const std::string kMetaClientCapabilities = "io.modelcontextprotocol/clientCapabilities";

/// Every revision /mcp speaks, newest first.
const std::vector<std::string>& supportedRevisions();
bool isSupportedRevision(const std::string& version);
/// The revision an initialize request gets: the client's when it is a
/// session revision the server speaks, else the newest session revision
/// (the client then decides whether it can go on).
std::string negotiateSessionRevision(const std::string& requested);
/// Whether a session request's MCP-Protocol-Version header names a revision
/// the server speaks with sessions, or 2025-03-26, the one a request without
/// the header implies; any other is answered 400, as the transport requires.
bool isSessionHeaderVersion(const std::string& version);

}  // namespace manifold::mcp
