// /mcp in revision 2026-07-28 on a real gateway with the tool probe: no
// initialize and no session; every request carries its version and the
// client's capabilities in _meta.
#include "host/mcp/McpGatewayFixture.h"

namespace manifold::test {
namespace {

using McpStatelessRevisionTest = McpGatewayFixture;

TEST_F(McpStatelessRevisionTest, DiscoverSaysWhatTheServerSpeaks) {
  const HttpResult r = stateless("server/discover");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.header("mcp-session-id").empty());
  const json::Value result = parseJson(r.body)["result"];
  EXPECT_EQ(result["resultType"].asString(), "complete");
  EXPECT_EQ(result["supportedVersions"][0].asString(), "2026-07-28");
  EXPECT_EQ(result["supportedVersions"][1].asString(), "2025-11-25");
  EXPECT_TRUE(result["capabilities"]["tools"].isObject());
  EXPECT_EQ(result["serverInfo"]["name"].asString(), "manifold");
}

TEST_F(McpStatelessRevisionTest, ListsAndCallsToolsWithoutASession) {
  HttpResult r = stateless("tools/list");
  ASSERT_EQ(r.status, 200) << r.body;
  json::Value result = parseJson(r.body)["result"];
  EXPECT_EQ(result["resultType"].asString(), "complete");
  ASSERT_EQ(result["tools"].size(), 8u);
  EXPECT_EQ(result["tools"][1]["name"].asString(), "probe__add");

  r = stateless("tools/call", R"({"name":"probe__add","arguments":{"a":1,"b":2}})");
  ASSERT_EQ(r.status, 200) << r.body;
  result = parseJson(r.body)["result"];
  EXPECT_EQ(result["resultType"].asString(), "complete");
  EXPECT_EQ(result["structuredContent"]["sum"].asDouble(), 3.0) << r.body;

  r = stateless("tools/call", R"({"name":"probe__fail","arguments":{"code":"unavailable"}})");
  result = parseJson(r.body)["result"];
  EXPECT_TRUE(result["isError"].asBool()) << r.body;
  EXPECT_NE(result["content"][0]["text"].asString().find("answered 500"), std::string::npos);

  const std::string secret = createKey(R"("allowed_tools":["probe.echo"])");
  r = stateless("tools/list", "{}", secret);
  EXPECT_EQ(parseJson(r.body)["result"]["tools"].size(), 1u) << r.body;
  r = stateless("tools/call", R"({"name":"probe__add","arguments":{"a":1,"b":2}})", secret);
  EXPECT_EQ(parseJson(r.body)["error"]["code"].asInt(), -32602) << r.body;
}

TEST_F(McpStatelessRevisionTest, ChecksTheMetaAgainstTheHeaderAndTheVersionsItSpeaks) {
  const std::string meta =
      R"("_meta":{"io.modelcontextprotocol/protocolVersion":"%v","io.modelcontextprotocol/clientCapabilities":{}})";
  const auto request = [&](const std::string& version, const std::string& method) {
    std::string m = meta;
    m.replace(m.find("%v"), 2, version);
    return R"({"jsonrpc":"2.0","id":3,"method":")" + method + R"(","params":{)" + m + "}}";
  };
  HttpResult r =
      mcp(request("2026-07-28", "tools/list"), kMaster, {{"MCP-Protocol-Version", "2025-11-25"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(parseJson(r.body)["error"]["code"].asInt(), -32001) << r.body;

  r = mcp(request("2099-01-01", "tools/list"), kMaster, {{"MCP-Protocol-Version", "2099-01-01"}});
  EXPECT_EQ(r.status, 400) << r.body;
  const json::Value error = parseJson(r.body)["error"];
  EXPECT_EQ(error["code"].asInt(), -32004);
  EXPECT_EQ(error["data"]["supported"][0].asString(), "2026-07-28");
  EXPECT_EQ(error["data"]["requested"].asString(), "2099-01-01");

  r = mcp(
      R"({"jsonrpc":"2.0","id":4,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}})",
      kMaster, {{"MCP-Protocol-Version", "2026-07-28"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("clientCapabilities"), std::string::npos);

  r = stateless("ping");
  EXPECT_EQ(parseJson(r.body)["error"]["code"].asInt(), -32601) << "2026-07-28 has no ping";
  r = stateless("initialize");
  EXPECT_EQ(parseJson(r.body)["error"]["code"].asInt(), -32601) << "nor initialize";

  const HttpResult note = mcp(
      R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}})");
  EXPECT_EQ(note.status, 202) << note.body;
  EXPECT_EQ(stateless("tools/list", "{}", "").status, 401);
}

}  // namespace
}  // namespace manifold::test
