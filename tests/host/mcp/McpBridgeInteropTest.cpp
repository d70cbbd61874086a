// The gateway's own MCP bridge (plugins/mcp, written from the specification
// as a client) against /mcp: a second, independent peer for both revisions,
// and the only client here that speaks 2026-07-28.
#include "host/mcp/McpGatewayFixture.h"
#include "support/LoadedToolset.h"

namespace manifold::test {
namespace {

class McpBridgeInteropTest : public McpGatewayFixture,
                             public ::testing::WithParamInterface<std::string> {
 protected:
  std::unique_ptr<LoadedToolset> bridge(const std::string& secret = kMaster) {
    json::Value headers = json::Value::object();
    headers.set("Authorization", "Bearer " + secret);
    json::Value config = json::Value::object();
    config.set("id", "gw");
    config.set("url", "http://127.0.0.1:" + std::to_string(gateway_->server().port()) + "/mcp");
    config.set("headers", std::move(headers));
    config.set("protocol", GetParam());
    auto loaded = std::make_unique<LoadedToolset>("mcp", json::stringify(config),
                                                  std::vector<uint16_t>{gateway_->server().port()});
    EXPECT_TRUE(loaded->get()) << loaded->problem();
    return loaded;
  }
};

TEST_P(McpBridgeInteropTest, ListsAndCallsTheGatewaysTools) {
  auto mcp = bridge();
  ASSERT_TRUE(mcp->get());
  const std::vector<tools::ToolDefinition> tools = (*mcp)->tools();
  ASSERT_EQ(tools.size(), 8u);
  EXPECT_EQ(tools[0].name, "probe__echo");
  EXPECT_EQ(parseJson(tools[0].parametersJson)["required"][0].asString(), "text");

  tools::ToolResult r = (*mcp)->call("probe__add", R"({"a":40,"b":2})");
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_EQ(parseJson(r.json)["structuredContent"]["sum"].asDouble(), 42.0) << r.json;

  r = (*mcp)->call("probe__fail", R"({"code":"internal"})");
  ASSERT_TRUE(r.ok) << "a tool's failure is a result the bridge passes on: " << r.message;
  EXPECT_TRUE(parseJson(r.json)["isError"].asBool()) << r.json;
  EXPECT_NE(r.json.find("probe broke"), std::string::npos);
}

TEST_P(McpBridgeInteropTest, ALimitedKeyBridgesOnlyItsTools) {
  auto mcp = bridge(createKey(R"("allowed_tools":["probe.echo"])"));
  ASSERT_TRUE(mcp->get());
  const std::vector<tools::ToolDefinition> tools = (*mcp)->tools();
  ASSERT_EQ(tools.size(), 1u);
  EXPECT_EQ(tools[0].name, "probe__echo");
  const tools::ToolResult r = (*mcp)->call("probe__add", R"({"a":1,"b":2})");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.errorCode, MF_ERR_NOT_FOUND) << r.message;
}

INSTANTIATE_TEST_SUITE_P(Revisions, McpBridgeInteropTest,
                         ::testing::Values("2026-07-28", "2025-11-25", "auto"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return "r" + name;
                         });

}  // namespace
}  // namespace manifold::test
