// The MCP bridge (plugins/mcp) against the real @modelcontextprotocol/
// server-everything (pinned in tests/fakes/mcp) on loopback, which speaks
// 2025-11-25 over Streamable HTTP with sessions and SSE replies.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "plugins/mcp/McpPeers.h"
#include "support/LoadedToolset.h"

namespace manifold::test {
namespace {

const tools::ToolDefinition* find(const std::vector<tools::ToolDefinition>& tools,
                                  const std::string& name) {
  for (const tools::ToolDefinition& tool : tools)
    if (tool.name == name) return &tool;
  return nullptr;
}

json::Value parsed(const std::string& text) {
  std::optional<json::Value> value = json::parse(text);
  EXPECT_TRUE(value) << text;
  return value ? *value : json::Value();
}

std::string firstText(const tools::ToolResult& result) {
  return parsed(result.json)["content"][0]["text"].asString();
}

class McpEverythingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = McpPeer::missing(); !why.empty()) GTEST_SKIP() << why;
    peer_ = McpPeer::everything();
  }

  std::unique_ptr<LoadedToolset> bridge(const std::string& extra = "") const {
    auto loaded = std::make_unique<LoadedToolset>(
        "mcp", bridgeConfig("everything", peer_->url("/mcp"), extra),
        std::vector<uint16_t>{peer_->port()});
    EXPECT_TRUE(loaded->get()) << loaded->problem();
    return loaded;
  }

  std::unique_ptr<McpPeer> peer_;
};

TEST_F(McpEverythingTest, ListsTheServersToolsWithTheirSchemas) {
  auto mcp = bridge();
  const std::vector<tools::ToolDefinition> tools = (*mcp)->tools();
  const tools::ToolDefinition* echo = find(tools, "echo");
  ASSERT_TRUE(echo);
  EXPECT_EQ(echo->wireName, "mcp__echo");
  EXPECT_EQ(echo->description, "Echoes back the input string");
  const json::Value schema = parsed(echo->parametersJson);
  EXPECT_EQ(schema["type"].asString(), "object");
  EXPECT_EQ(schema["properties"]["message"]["type"].asString(), "string");
  EXPECT_EQ(schema["required"][0].asString(), "message");
  EXPECT_TRUE(echo->liveIntents.empty());
  EXPECT_TRUE(find(tools, "get-sum"));
  EXPECT_TRUE(find(tools, "trigger-long-running-operation"));
}

TEST_F(McpEverythingTest, EchoesThroughTheBridge) {
  auto mcp = bridge();
  const tools::ToolResult result = (*mcp)->call("echo", R"({"message":"hello, bridge"})");
  ASSERT_TRUE(result.ok) << result.message;
  EXPECT_EQ(firstText(result), "Echo: hello, bridge");
  EXPECT_FALSE(parsed(result.json)["isError"].asBool());
}

TEST_F(McpEverythingTest, AddsTwoNumbers) {
  auto mcp = bridge();
  const tools::ToolResult result = (*mcp)->call("get-sum", R"({"a":19,"b":23})");
  ASSERT_TRUE(result.ok) << result.message;
  EXPECT_NE(firstText(result).find("42"), std::string::npos) << result.json;
}

TEST_F(McpEverythingTest, LongRunningOperationAnswersAfterItsProgressEvents) {
  auto mcp = bridge();
  const tools::ToolResult result =
      (*mcp)->call("trigger-long-running-operation", R"({"duration":1,"steps":4})");
  ASSERT_TRUE(result.ok) << result.message;
  EXPECT_EQ(firstText(result), "Long running operation completed. Duration: 1 seconds, Steps: 4.");
}

TEST_F(McpEverythingTest, CarriesALargeResultWhole) {
  auto mcp = bridge();
  std::string message(300000, 'x');
  for (size_t i = 0; i < message.size(); i += 1000) message[i] = static_cast<char>('a' + i % 26);
  const tools::ToolResult result = (*mcp)->call("echo", R"({"message":")" + message + R"("})");
  ASSERT_TRUE(result.ok) << result.message;
  EXPECT_EQ(firstText(result), "Echo: " + message);
}

TEST_F(McpEverythingTest, RefusesAResultOverMaxResultBytes) {
  auto mcp = bridge(R"("max_result_bytes":20000)");
  const tools::ToolResult result =
      (*mcp)->call("echo", R"({"message":")" + std::string(30000, 'y') + R"("})");
  expectFailure(result, MF_ERR_INTERNAL, "everything", "more than 20000 bytes");
}

TEST_F(McpEverythingTest, AnUnknownToolIsNotFound) {
  auto mcp = bridge();
  const tools::ToolResult result = (*mcp)->call("no-such-tool", "{}");
  expectFailure(result, MF_ERR_NOT_FOUND, "everything", "has no tool 'no-such-tool'");
}

// server-everything answers arguments that fail the schema with a
// CallToolResult whose isError is true; the bridge passes it on unchanged.
TEST_F(McpEverythingTest, BadArgumentsComeBackAsTheServersToolError) {
  auto mcp = bridge();
  const tools::ToolResult result = (*mcp)->call("get-sum", R"({"a":"two","b":3})");
  ASSERT_TRUE(result.ok) << result.message;
  EXPECT_TRUE(parsed(result.json)["isError"].asBool()) << result.json;
  EXPECT_NE(firstText(result).find("Invalid arguments for tool get-sum"), std::string::npos)
      << result.json;
}

TEST_F(McpEverythingTest, ArgumentsThatAreNotAnObjectAreRefused) {
  auto mcp = bridge();
  const tools::ToolResult result = (*mcp)->call("echo", R"(["hello"])");
  expectFailure(result, MF_ERR_INVALID, "everything", "must be a JSON object");
}

TEST_F(McpEverythingTest, ManyThreadsShareOneSession) {
  auto mcp = bridge();
  std::vector<std::thread> threads;
  std::vector<tools::ToolResult> results(8);
  for (size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] {
      results[i] = (*mcp)->call("echo", R"({"message":"call )" + std::to_string(i) + R"("})");
    });
  for (std::thread& t : threads) t.join();
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].ok) << results[i].message;
    EXPECT_EQ(firstText(results[i]), "Echo: call " + std::to_string(i));
  }
}

}  // namespace
}  // namespace manifold::test
