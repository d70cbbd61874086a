#include "config/ToolsConfigReader.h"

#include <set>

#include "config/JsonFields.h"

namespace manifold::config {
namespace {

using Poco::JSON::Object;

McpServerConfig readServer(const Object::Ptr& o) {
  McpServerConfig s;
  s.id = get<std::string>(o, "id", "");
  s.url = get<std::string>(o, "url", "");
  s.protocol = get<std::string>(o, "protocol", s.protocol);
  s.timeoutMs = get<int>(o, "timeout_ms", s.timeoutMs);
  if (const Object::Ptr auth = child(o, "auth")) {
    s.authHeader = get<std::string>(auth, "header", s.authHeader);
    s.authScheme = get<std::string>(auth, "scheme", s.authScheme);
    s.secretEnv = get<std::string>(auth, "secret_env", "");
    s.secretFile = get<std::string>(auth, "secret_file", "");
  }
  return s;
}

McpEndpointConfig readEndpoint(const Object::Ptr& o) {
  McpEndpointConfig e;
  e.enabled = get<bool>(o, "enabled", e.enabled);
  e.allowedOrigins = strings(o, "allowed_origins");
  e.maxBodyBytes = get<Poco::Int64>(o, "max_body_bytes", e.maxBodyBytes);
  e.callTimeoutMs = get<int>(o, "call_timeout_ms", e.callTimeoutMs);
  return e;
}

}  // namespace

ToolsConfig readTools(const Object::Ptr& o, std::vector<ConfigProblem>& problems) {
  ToolsConfig t;
  t.callTimeoutMs = get<int>(o, "call_timeout_ms", t.callTimeoutMs);
  t.turnTimeoutMs = get<int>(o, "turn_timeout_ms", t.turnTimeoutMs);
  t.maxToolSteps = get<int>(o, "max_tool_steps", t.maxToolSteps);
  t.liveTimeoutMs = get<int>(o, "live_timeout_ms", t.liveTimeoutMs);
  t.maxResultChars = get<Poco::Int64>(o, "max_result_chars", t.maxResultChars);
  t.listTtlMs = get<int>(o, "list_ttl_ms", t.listTtlMs);
  if (const Object::Ptr ttls = child(o, "cache_ttl_ms"))
    for (const std::string& tool : ttls->getNames())
      t.cacheTtlMs[tool] = ttls->getValue<Poco::Int64>(tool);
  t.mcpEndpoint = readEndpoint(child(o, "mcp_endpoint"));
  std::set<std::string> ids;
  if (o && o->has("mcp_servers")) {
    const auto servers = o->getArray("mcp_servers");
    for (size_t i = 0; i < servers->size(); ++i) {
      McpServerConfig server = readServer(servers->getObject(static_cast<unsigned>(i)));
      const std::string path = "$.tools.mcp_servers[" + std::to_string(i) + "]";
      if (!ids.insert(server.id).second)
        problems.push_back({path + ".id", "duplicate MCP server id \"" + server.id + "\""});
      if (!server.secretEnv.empty() && !server.secretFile.empty())
        problems.push_back({path + ".auth.secret_file",
                            "a server's secret comes from secret_env or secret_file, not both"});
      t.mcpServers.push_back(std::move(server));
    }
  }
  return t;
}

}  // namespace manifold::config
