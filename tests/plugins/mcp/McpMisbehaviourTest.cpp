// The MCP bridge (plugins/mcp) against tests/fakes/mcp/server.mjs, a small
// server on the official @modelcontextprotocol/sdk that misbehaves on cue (the
// path chosen), and speaks the stateless 2026-07-28 revision on /stateless.
#include <gtest/gtest.h>

#include <thread>

#include "plugins/mcp/McpPeers.h"
#include "support/LoadedToolset.h"

namespace manifold::test {
namespace {

std::vector<json::Value> requests(const json::Value& ledger, const std::string& path,
                                  const std::string& method) {
  std::vector<json::Value> found;
  for (const json::Value& r : ledger.asArray())
    if (r["path"].asString() == path && r["method"].asString() == method) found.push_back(r);
  return found;
}

std::vector<std::string> names(const std::vector<tools::ToolDefinition>& tools) {
  std::vector<std::string> out;
  for (const tools::ToolDefinition& tool : tools) out.push_back(tool.name);
  return out;
}

const std::vector<std::string> kAllTools = {"echo",     "sleep",    "strict",  "filler-1",
                                            "filler-2", "filler-3", "filler-4"};

void expectNamesServer(const std::string& message, const std::string& what) {
  EXPECT_NE(message.find("mcp server 'peer'"), std::string::npos) << message;
  EXPECT_NE(message.find(what), std::string::npos) << message;
}

class McpMisbehaviourTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = McpPeer::missing(); !why.empty()) GTEST_SKIP() << why;
    peer_ = McpPeer::misbehaving();
  }

  std::unique_ptr<LoadedToolset> bridge(const std::string& path,
                                        const std::string& extra = "") const {
    auto loaded = std::make_unique<LoadedToolset>(
        "mcp", bridgeConfig("peer", peer_->url(path), extra), std::vector<uint16_t>{peer_->port()});
    EXPECT_TRUE(loaded->get()) << loaded->problem();
    return loaded;
  }

  // Lists every tool (all pages) and echoes `message` through the bridge.
  static void expectListsAndEchoes(LoadedToolset& mcp, const std::string& message) {
    EXPECT_EQ(names(mcp->tools()), kAllTools);
    const tools::ToolResult result = mcp->call("echo", R"({"message":")" + message + R"("})");
    ASSERT_TRUE(result.ok) << result.message;
    EXPECT_NE(result.json.find("Echo: " + message), std::string::npos) << result.json;
  }

  std::unique_ptr<McpPeer> peer_;
};

TEST_F(McpMisbehaviourTest, FollowsTheListsCursorsToTheEnd) {
  auto mcp = bridge("/mcp");
  EXPECT_EQ(names((*mcp)->tools()), kAllTools);
  EXPECT_EQ(requests(peer_->ledger(), "/mcp", "tools/list").size(), 4u);
}

TEST_F(McpMisbehaviourTest, StopsListingAtMaxPages) {
  auto mcp = bridge("/mcp", R"("max_pages":2)");
  EXPECT_EQ(names((*mcp)->tools()),
            (std::vector<std::string>{"echo", "sleep", "strict", "filler-1"}));
  EXPECT_EQ(requests(peer_->ledger(), "/mcp", "tools/list").size(), 2u);
}

TEST_F(McpMisbehaviourTest, NegotiatesASessionAndSendsItsHeaders) {
  auto mcp = bridge("/mcp", R"("headers":{"Authorization":"Bearer s3cret"})");
  ASSERT_TRUE((*mcp)->call("echo", R"({"message":"hi"})").ok);
  const json::Value ledger = peer_->ledger();
  ASSERT_EQ(requests(ledger, "/mcp", "server/discover").size(), 1u);  // tried first, refused
  ASSERT_EQ(requests(ledger, "/mcp", "initialize").size(), 1u);
  ASSERT_EQ(requests(ledger, "/mcp", "notifications/initialized").size(), 1u);
  const std::vector<json::Value> calls = requests(ledger, "/mcp", "tools/call");
  ASSERT_EQ(calls.size(), 1u);
  const json::Value& headers = calls[0]["headers"];
  EXPECT_EQ(headers["authorization"].asString(), "Bearer s3cret");
  EXPECT_EQ(headers["mcp-protocol-version"].asString(), "2025-11-25");
  EXPECT_FALSE(headers["mcp-session-id"].asString().empty());
}

TEST_F(McpMisbehaviourTest, ReadsJsonReplies) {
  expectListsAndEchoes(*bridge("/json"), "plain json");
}

// A server that no longer knows the session answers 404 (the specification)
// or, as the SDK's example servers and server-everything do, 400 "No valid
// session ID provided": either way the bridge initializes again, once.
class McpSessionExpiryTest : public McpMisbehaviourTest,
                             public ::testing::WithParamInterface<int> {};

TEST_P(McpSessionExpiryTest, InitializesAgainWhenTheSessionExpires) {
  auto mcp = bridge("/mcp");
  ASSERT_TRUE((*mcp)->call("echo", R"({"message":"one"})").ok);
  peer_->expireSessions(GetParam());
  const tools::ToolResult again = (*mcp)->call("echo", R"({"message":"two"})");
  ASSERT_TRUE(again.ok) << again.message;
  EXPECT_NE(again.json.find("Echo: two"), std::string::npos);
  const json::Value ledger = peer_->ledger();
  EXPECT_EQ(requests(ledger, "/mcp", "initialize").size(), 2u);
  const std::vector<json::Value> calls = requests(ledger, "/mcp", "tools/call");
  ASSERT_EQ(calls.size(), 3u);  // one, two refused, two again
  EXPECT_NE(calls[1]["headers"]["mcp-session-id"].asString(),
            calls[2]["headers"]["mcp-session-id"].asString());
}

INSTANTIATE_TEST_SUITE_P(Answers, McpSessionExpiryTest, ::testing::Values(404, 400),
                         [](const auto& info) { return "Http" + std::to_string(info.param); });

TEST_F(McpMisbehaviourTest, ConcurrentFirstCallsShareOneSession) {
  auto mcp = bridge("/mcp");
  std::vector<std::thread> threads;
  std::vector<tools::ToolResult> results(6);
  for (size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] { results[i] = (*mcp)->call("echo", R"({"message":"x"})"); });
  for (std::thread& t : threads) t.join();
  for (const tools::ToolResult& r : results) EXPECT_TRUE(r.ok) << r.message;
  EXPECT_EQ(requests(peer_->ledger(), "/mcp", "initialize").size(), 1u);
}

TEST_F(McpMisbehaviourTest, InvalidParamsFromTheServerAreInvalid) {
  auto mcp = bridge("/mcp");
  const tools::ToolResult result = (*mcp)->call("strict", R"({"n":"seven"})");
  expectFailure(result, MF_ERR_INVALID, "peer", "n must be an integer");
}

TEST_F(McpMisbehaviourTest, ASlowServerTimesOut) {
  auto mcp = bridge("/mcp", R"("timeout_ms":300)");
  const tools::ToolResult result = (*mcp)->call("sleep", R"({"ms":3000})");
  expectFailure(result, MF_ERR_TIMEOUT, "peer", "did not answer tools/call within 300 ms");
}

TEST_F(McpMisbehaviourTest, CallsWaitingOnASlowNegotiationShareItsTimeout) {
  auto mcp = bridge("/slow", R"("timeout_ms":1000)");
  std::vector<std::thread> threads;
  std::vector<tools::ToolResult> results(4);
  for (size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] { results[i] = (*mcp)->call("echo", R"({"message":"x"})"); });
  for (std::thread& t : threads) t.join();
  for (const tools::ToolResult& r : results)
    expectFailure(r, MF_ERR_TIMEOUT, "peer", "did not answer server/discover within 1000 ms");
  EXPECT_EQ(requests(peer_->ledger(), "/slow", "server/discover").size(), 1u);
}

TEST_F(McpMisbehaviourTest, AServerThatIsDownIsUnavailable) {
  const uint16_t closed = unusedPort();
  LoadedToolset mcp(
      "mcp", bridgeConfig("peer", "http://127.0.0.1:" + std::to_string(closed) + "/mcp"), {closed});
  ASSERT_TRUE(mcp.get()) << mcp.problem();  // a server that is down does not stop the instance
  const tools::ToolResult result = mcp->call("echo", R"({"message":"anyone?"})");
  expectFailure(result, MF_ERR_UNAVAILABLE, "peer", "is unreachable");
  try {
    mcp->tools();
    ADD_FAILURE() << "listing a server that is down succeeded";
  } catch (const tools::ToolsetError& e) {
    expectNamesServer(e.what(), "is unreachable");
  }
}

TEST_F(McpMisbehaviourTest, A5xxIsUnavailableWithItsStatus) {
  auto mcp = bridge("/fail");
  const tools::ToolResult result = (*mcp)->call("echo", R"({"message":"hi"})");
  expectFailure(result, MF_ERR_UNAVAILABLE, "peer", "answered HTTP 503");
  EXPECT_EQ(result.upstreamStatus, 503);
}

TEST_F(McpMisbehaviourTest, AGarbageBodyIsInternal) {
  auto mcp = bridge("/garbage");
  const tools::ToolResult result = (*mcp)->call("echo", R"({"message":"hi"})");
  expectFailure(result, MF_ERR_INTERNAL, "peer", "no JSON-RPC response");
  EXPECT_NE(result.message.find("text/html"), std::string::npos) << result.message;
}

TEST_F(McpMisbehaviourTest, SpeaksTheStatelessRevisionWhenOffered) {
  expectListsAndEchoes(*bridge("/stateless"), "no session");

  const json::Value ledger = peer_->ledger();
  EXPECT_EQ(requests(ledger, "/stateless", "server/discover").size(), 1u);
  EXPECT_TRUE(requests(ledger, "/stateless", "initialize").empty());
  for (const json::Value& r : ledger.asArray()) {
    EXPECT_EQ(r["headers"]["mcp-protocol-version"].asString(), "2026-07-28");
    EXPECT_EQ(r["headers"]["mcp-method"].asString(), r["method"].asString());
    EXPECT_TRUE(r["headers"]["mcp-session-id"].isNull());
    EXPECT_EQ(r["meta"]["io.modelcontextprotocol/protocolVersion"].asString(), "2026-07-28");
    EXPECT_TRUE(r["meta"]["io.modelcontextprotocol/clientCapabilities"].isObject());
  }
  const std::vector<json::Value> calls = requests(ledger, "/stateless", "tools/call");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]["headers"]["mcp-name"].asString(), "echo");
}

TEST_F(McpMisbehaviourTest, ARevisionTheServerDoesNotSpeakIsRefused) {
  auto mcp = bridge("/mcp", R"("protocol":"2026-07-28")");
  const tools::ToolResult result = (*mcp)->call("echo", R"({"message":"hi"})");
  expectFailure(result, MF_ERR_UNAVAILABLE, "peer", "does not speak 2026-07-28");
  EXPECT_TRUE(requests(peer_->ledger(), "/mcp", "initialize").empty());
}

TEST_F(McpMisbehaviourTest, ASessionRevisionAskedForSkipsDiscovery) {
  auto mcp = bridge("/mcp", R"("protocol":"2025-11-25")");
  ASSERT_TRUE((*mcp)->call("echo", R"({"message":"hi"})").ok);
  const json::Value ledger = peer_->ledger();
  EXPECT_TRUE(requests(ledger, "/mcp", "server/discover").empty());
  EXPECT_EQ(requests(ledger, "/mcp", "initialize").size(), 1u);
}

TEST(McpSettingsTest, ABadConfigIsRefusedNamingTheField) {
  LoadedToolset mcp("mcp", R"({"id":"peer","url":"ftp://example"})", {});
  EXPECT_FALSE(mcp.get());
  EXPECT_NE(mcp.problem().find("\"url\""), std::string::npos) << mcp.problem();
  LoadedToolset noId("mcp", R"({"url":"http://127.0.0.1:1/mcp"})", {});
  EXPECT_FALSE(noId.get());
  EXPECT_NE(noId.problem().find("\"id\""), std::string::npos) << noId.problem();
}

}  // namespace
}  // namespace manifold::test
