// /mcp in revision 2025-11-25 on a real gateway with the tool probe: the
// initialize handshake and its session, tools/list and tools/call, and the
// transport's checks (Origin, key, size, headers, malformed JSON-RPC).
#include "host/mcp/McpGatewayFixture.h"
#include "support/CapturedLog.h"

namespace manifold::test {
namespace {

using McpSessionRevisionTest = McpGatewayFixture;

const char* kInitialize =
    R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})";

std::string initializeFor(const std::string& version) {
  std::string body = kInitialize;
  return body.replace(body.find("%s"), 2, version);
}

TEST_F(McpSessionRevisionTest, InitializeOpensASessionThatListsAndCallsTools) {
  const HttpResult init = mcp(initializeFor("2025-11-25"));
  ASSERT_EQ(init.status, 200) << init.body;
  const json::Value result = parseJson(init.body)["result"];
  EXPECT_EQ(result["protocolVersion"].asString(), "2025-11-25");
  EXPECT_TRUE(result["capabilities"]["tools"].isObject()) << init.body;
  EXPECT_EQ(result["serverInfo"]["name"].asString(), "manifold");
  const std::string session = init.header("mcp-session-id");
  ASSERT_GE(session.size(), 32u);

  EXPECT_TRUE(inSession(session, "ping")["result"].isObject());
  const json::Value tools = inSession(session, "tools/list")["result"]["tools"];
  ASSERT_EQ(tools.size(), 8u);
  EXPECT_EQ(tools[0]["name"].asString(), "probe__echo");
  EXPECT_EQ(tools[0]["description"].asString(), "Says the text back.");
  EXPECT_EQ(tools[0]["inputSchema"]["required"][0].asString(), "text");
  EXPECT_FALSE(inSession(session, "tools/list")["result"].contains("nextCursor"));

  const json::Value echoed =
      inSession(session, "tools/call", R"({"name":"probe__echo","arguments":{"text":"hi"}})");
  const json::Value& called = echoed["result"];
  EXPECT_FALSE(called["isError"].asBool());
  EXPECT_EQ(called["content"][0]["type"].asString(), "text");
  EXPECT_EQ(parseJson(called["content"][0]["text"].asString())["text"].asString(), "hi");
  EXPECT_EQ(called["structuredContent"]["text"].asString(), "hi");
}

TEST_F(McpSessionRevisionTest, ToolFailuresAreResultsAndAnUnknownToolIsAnError) {
  const std::string session = initialize();
  json::Value r =
      inSession(session, "tools/call", R"({"name":"probe__fail","arguments":{"code":"internal"}})");
  EXPECT_TRUE(r["result"]["isError"].asBool()) << json::stringify(r);
  EXPECT_NE(r["result"]["content"][0]["text"].asString().find("probe broke"), std::string::npos);

  r = inSession(session, "tools/call", R"({"name":"probe__slow","arguments":{"ms":1500}})");
  EXPECT_TRUE(r["result"]["isError"].asBool()) << json::stringify(r);
  EXPECT_NE(r["result"]["content"][0]["text"].asString().find("did not answer within 300 ms"),
            std::string::npos)
      << json::stringify(r);

  r = inSession(session, "tools/call", R"({"name":"probe__echo","arguments":{"text":7}})");
  EXPECT_TRUE(r["result"]["isError"].asBool()) << "the model reads what was wrong";
  EXPECT_NE(r["result"]["content"][0]["text"].asString().find("$.text"), std::string::npos);

  r = inSession(session, "tools/call", R"({"name":"probe__nope","arguments":{}})");
  EXPECT_EQ(r["error"]["code"].asInt(), -32602) << json::stringify(r);
  EXPECT_NE(r["error"]["message"].asString().find("probe__nope"), std::string::npos);
  r = inSession(session, "tools/call", R"({"arguments":{}})");
  EXPECT_EQ(r["error"]["code"].asInt(), -32602) << json::stringify(r);
  r = inSession(session, "resources/list");
  EXPECT_EQ(r["error"]["code"].asInt(), -32601) << json::stringify(r);
}

TEST_F(McpSessionRevisionTest, NegotiatesTheVersionAndChecksTheHeader) {
  EXPECT_EQ(
      parseJson(mcp(initializeFor("2025-06-18")).body)["result"]["protocolVersion"].asString(),
      "2025-06-18");
  EXPECT_EQ(
      parseJson(mcp(initializeFor("2024-01-01")).body)["result"]["protocolVersion"].asString(),
      "2025-11-25")
      << "a version the server does not speak gets its newest session revision";
  const std::string session = initialize();
  const std::string list = R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})";
  EXPECT_EQ(mcp(list, kMaster, {{"Mcp-Session-Id", session}}).status, 200)
      << "no header: the session's version";
  EXPECT_EQ(
      mcp(list, kMaster, {{"Mcp-Session-Id", session}, {"MCP-Protocol-Version", "2025-03-26"}})
          .status,
      200)
      << "the version a missing header implies";
  const HttpResult wrong =
      mcp(list, kMaster, {{"Mcp-Session-Id", session}, {"MCP-Protocol-Version", "1999-01-01"}});
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_NE(wrong.body.find("1999-01-01"), std::string::npos);
}

TEST_F(McpSessionRevisionTest, SessionsEndAndUnknownOnesAskTheClientToInitializeAgain) {
  const std::string list = R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})";
  const HttpResult missing = mcp(list);
  EXPECT_EQ(missing.status, 400) << missing.body;
  EXPECT_NE(missing.body.find("Mcp-Session-Id"), std::string::npos);
  EXPECT_EQ(mcp(list, kMaster, {{"Mcp-Session-Id", "feedface"}}).status, 404);

  const std::string session = initialize();
  const std::map<std::string, std::string> headers{{"Authorization", "Bearer " + kMaster},
                                                   {"Mcp-Session-Id", session}};
  EXPECT_EQ(gateway_->client().get("/mcp", headers).status, 405);
  EXPECT_EQ(gateway_->client().del("/mcp", headers).status, 204);
  EXPECT_EQ(mcp(list, kMaster, {{"Mcp-Session-Id", session}}).status, 404);
  EXPECT_EQ(gateway_->client().del("/mcp", headers).status, 404);
}

TEST_F(McpSessionRevisionTest, RefusesForeignOriginsButNotItsOwnOrAllowedOnes) {
  CapturedLog log("mcp");
  const HttpResult evil = mcp(initializeFor("2025-11-25"), kMaster,
                              {{"Origin", "http://evil.example"}, {"Host", "evil.example"}});
  EXPECT_EQ(evil.status, 403) << evil.body;
  EXPECT_NE(log.text().find("Origin http://evil.example is neither the gateway's own"),
            std::string::npos)
      << log.text();
  EXPECT_TRUE(evil.header("mcp-session-id").empty());
  EXPECT_EQ(mcp(initializeFor("2025-11-25"), kMaster, {{"Origin", "null"}}).status, 403);
  EXPECT_EQ(mcp(initializeFor("2025-11-25"), kMaster, {{"Origin", kAllowedOrigin}}).status, 200);
  const std::string own = "http://127.0.0.1:" + std::to_string(gateway_->server().port());
  EXPECT_EQ(mcp(initializeFor("2025-11-25"), kMaster, {{"Origin", own}}).status, 200);
  EXPECT_EQ(mcp(initializeFor("2025-11-25"), kMaster, {{"Origin", "http://127.0.0.1:1"}}).status,
            403)
      << "another port is another origin";
}

TEST_F(McpSessionRevisionTest, NeedsAGatewayKey) {
  const HttpResult none = mcp(initializeFor("2025-11-25"), "");
  EXPECT_EQ(none.status, 401) << none.body;
  EXPECT_EQ(none.header("www-authenticate").rfind("Bearer", 0), 0u);
  EXPECT_EQ(mcp(initializeFor("2025-11-25"), "mfk-not-a-key").status, 401);
  const HttpResult ok = mcp(initializeFor("2025-11-25"));
  EXPECT_EQ(ok.status, 200);
  EXPECT_TRUE(ok.header("www-authenticate").empty());
}

TEST_F(McpSessionRevisionTest, AKeyListsAndCallsOnlyItsToolsInItsOwnSessions) {
  const std::string secret = createKey(R"("allowed_tools":["probe.echo"])");
  const std::string session = initialize(secret);
  const json::Value tools = inSession(session, "tools/list", "{}", secret)["result"]["tools"];
  ASSERT_EQ(tools.size(), 1u) << json::stringify(tools);
  EXPECT_EQ(tools[0]["name"].asString(), "probe__echo");
  EXPECT_FALSE(inSession(session, "tools/call",
                         R"({"name":"probe__echo","arguments":{"text":"a"}})",
                         secret)["result"]["isError"]
                   .asBool());
  const json::Value refused = inSession(
      session, "tools/call", R"({"name":"probe__add","arguments":{"a":1,"b":2}})", secret);
  EXPECT_EQ(refused["error"]["code"].asInt(), -32602) << json::stringify(refused);

  const HttpResult stolen = mcp(R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})", kMaster,
                                {{"Mcp-Session-Id", session}});
  EXPECT_EQ(stolen.status, 404) << "a session belongs to the key that opened it";
}

TEST_F(McpSessionRevisionTest, RefusesMalformedJsonRpcAndBodiesTooLarge) {
  const std::string session = initialize();
  const std::map<std::string, std::string> headers{{"Mcp-Session-Id", session}};
  const auto codeOf = [&](const std::string& body, int status) {
    const HttpResult r = mcp(body, kMaster, headers);
    EXPECT_EQ(r.status, status) << body << " -> " << r.body;
    return parseJson(r.body)["error"]["code"].asInt();
  };
  CapturedLog log("mcp");
  EXPECT_EQ(codeOf(R"({"jsonrpc":"2.0","id":1,"method":)", 400), -32700);
  EXPECT_NE(log.text().find("POST /mcp answered 400: parse error"), std::string::npos)
      << log.text();
  EXPECT_EQ(codeOf(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])", 400), -32600);
  EXPECT_EQ(codeOf(R"({"jsonrpc":"1.0","id":1,"method":"ping"})", 400), -32600);
  EXPECT_EQ(codeOf(R"({"jsonrpc":"2.0","id":1,"method":42})", 400), -32600);
  EXPECT_EQ(codeOf(R"({"jsonrpc":"2.0","id":1,"method":"ping","params":[1]})", 400), -32600);
  EXPECT_EQ(codeOf(R"("ping")", 400), -32600);
  EXPECT_EQ(codeOf(R"({"jsonrpc":"2.0","id":1,"method":"no/such"})", 200), -32601);

  const HttpResult tooLarge = oversized("/mcp");
  EXPECT_EQ(tooLarge.status, 413) << tooLarge.body;
  EXPECT_NE(tooLarge.body.find("65536"), std::string::npos) << "names the cap";
  EXPECT_TRUE(inSession(session, "ping")["result"].isObject()) << "still serving";
}

class McpEndpointOffTest : public McpGatewayFixture {
 protected:
  McpEndpointOffTest()
      : McpGatewayFixture([](config::GatewayConfig& c) { c.tools.mcpEndpoint.enabled = false; }) {}
};

TEST_F(McpEndpointOffTest, IsNotFoundWhileTheHttpToolEndpointsStillServe) {
  const HttpResult r = mcp(initializeFor("2025-11-25"));
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_NE(r.body.find("tools.mcp_endpoint.enabled"), std::string::npos);
  EXPECT_EQ(gateway_->client().get("/v1/mcp/tools", bearer(kMaster)).status, 200);
}

}  // namespace
}  // namespace manifold::test
