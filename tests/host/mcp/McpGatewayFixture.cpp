#include "host/mcp/McpGatewayFixture.h"

#include <stdlib.h>

#include "support/RawHttp.h"
#include "support/TestPaths.h"

namespace manifold::test {

const std::string McpGatewayFixture::kMaster = "mk-mcp-master-0123456789";
const std::string McpGatewayFixture::kAllowedOrigin = "https://app.example.test";

json::Value parseJson(const std::string& text) {
  std::optional<json::Value> value = json::parse(text);
  EXPECT_TRUE(value) << "not JSON: " << text;
  return value ? *value : json::Value();
}

McpGatewayFixture::McpGatewayFixture(const std::function<void(config::GatewayConfig&)>& adjust,
                                     const std::vector<std::string>& plugins) {
  ::setenv("MANIFOLD_MASTER_KEY", kMaster.c_str(), 1);
  config::GatewayConfig config = demoConfig("", "");
  config.tools.callTimeoutMs = 300;
  config.tools.mcpEndpoint.callTimeoutMs = 300;
  config.tools.mcpEndpoint.maxBodyBytes = 64 * 1024;
  config.tools.mcpEndpoint.allowedOrigins = {kAllowedOrigin};
  if (adjust) adjust(config);
  std::vector<std::string> files{demoPlugin(), testPlugin("tool_probe")};
  files.insert(files.end(), plugins.begin(), plugins.end());
  gateway_ = std::make_unique<TestGateway>(config, files);
}

McpGatewayFixture::~McpGatewayFixture() {
  gateway_.reset();
  ::unsetenv("MANIFOLD_MASTER_KEY");
}

std::string McpGatewayFixture::createKey(const std::string& fields) {
  const HttpResult r = gateway_->client().post(
      "/admin/keys", R"({"name":"mcp-client")" + (fields.empty() ? "" : "," + fields) + "}",
      bearer(kMaster));
  EXPECT_EQ(r.status, 201) << r.body;
  return parseJson(r.body)["secret"].asString();
}

HttpResult McpGatewayFixture::mcp(const std::string& body, const std::string& secret,
                                  std::map<std::string, std::string> headers) {
  if (!secret.empty()) headers["Authorization"] = "Bearer " + secret;
  headers.emplace("Content-Type", "application/json");
  headers.emplace("Accept", "application/json, text/event-stream");
  return gateway_->client().post("/mcp", body, headers);
}

std::string McpGatewayFixture::initialize(const std::string& secret) {
  const HttpResult r = mcp(
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}})",
      secret);
  EXPECT_EQ(r.status, 200) << r.body;
  const std::string session = r.header("mcp-session-id");
  EXPECT_FALSE(session.empty());
  const HttpResult initialized =
      mcp(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", secret,
          {{"Mcp-Session-Id", session}, {"MCP-Protocol-Version", "2025-11-25"}});
  EXPECT_EQ(initialized.status, 202) << initialized.body;
  EXPECT_EQ(initialized.body, "");
  return session;
}

json::Value McpGatewayFixture::inSession(const std::string& session, const std::string& method,
                                         const std::string& params, const std::string& secret) {
  const HttpResult r =
      mcp(R"({"jsonrpc":"2.0","id":7,"method":")" + method + R"(","params":)" + params + "}",
          secret, {{"Mcp-Session-Id", session}, {"MCP-Protocol-Version", "2025-11-25"}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type").rfind("application/json", 0), 0u) << r.header("content-type");
  json::Value reply = parseJson(r.body);
  EXPECT_EQ(reply["id"].asInt(), 7) << r.body;
  return reply;
}

HttpResult McpGatewayFixture::oversized(const std::string& path, const std::string& secret) {
  const std::string body(65 * 1024, 'x');
  const std::string head =
      "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + secret +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n";
  return sendRaw(gateway_->server().port(), head + body).first;
}

HttpResult McpGatewayFixture::stateless(const std::string& method, const std::string& params,
                                        const std::string& secret) {
  std::optional<json::Value> p = json::parse(params);
  EXPECT_TRUE(p && p->isObject()) << params;
  json::Value meta = json::Value::object();
  meta.set("io.modelcontextprotocol/protocolVersion", "2026-07-28");
  meta.set("io.modelcontextprotocol/clientCapabilities", json::Value::object());
  p->set("_meta", std::move(meta));
  json::Value body = json::Value::object();
  body.set("jsonrpc", "2.0");
  body.set("id", "s-1");
  body.set("method", method);
  body.set("params", std::move(*p));
  return mcp(json::stringify(body), secret, {{"MCP-Protocol-Version", "2026-07-28"}});
}

}  // namespace manifold::test
