// The transport-free parts of /mcp: the server over the real tool runtime
// and tool probe (paging), result conversion, the session table, Origin.
#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include "mcp/McpOrigin.h"
#include "mcp/McpServer.h"
#include "mcp/McpToolJson.h"
#include "support/ProbeToolRuntime.h"

namespace manifold::mcp {
namespace {

class McpCoreTest : public ::testing::Test {
 protected:
  /// A 2026-07-28 tools/list with this cursor ("" for none), pages of 3.
  json::Value listPage(const std::string& cursor) {
    McpServer server(probe_.runtime(), sessions_, 3);
    McpHttpRequest request;
    request.method = "POST";
    request.allowed = tools::ToolPatterns::everything();
    request.body =
        R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":{)" +
        (cursor.empty() ? "" : R"("cursor":")" + cursor + "\",") +
        R"("_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}})";
    const McpHttpReply reply = server.handle(request, config_);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body).value_or(json::Value());
  }

  test::ProbeToolRuntime probe_;
  McpSessions sessions_;
  config::ToolsConfig config_;
};

TEST_F(McpCoreTest, PagesALongToolListWithCursors) {
  std::vector<std::string> names;
  std::string cursor;
  int pages = 0;
  do {
    const json::Value page = listPage(cursor);
    const json::Value& tools = page["result"]["tools"];
    ASSERT_TRUE(tools.isArray()) << json::stringify(page);
    EXPECT_LE(tools.size(), 3u);
    for (const json::Value& tool : tools.asArray()) names.push_back(tool["name"].asString());
    cursor = page["result"]["nextCursor"].asString();
    ASSERT_LT(++pages, 5);
  } while (!cursor.empty());
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(names.size(), 8u);
  EXPECT_EQ(names.front(), "probe__echo");
  EXPECT_EQ(names.back(), "probe__lookup");

  EXPECT_EQ(listPage("abc")["error"]["code"].asInt(), -32602);
  EXPECT_EQ(listPage("99")["error"]["code"].asInt(), -32602);
}

TEST(McpToolJsonTest, AResultThatIsACallToolResultPassesThrough) {
  tools::ToolResult bridged;
  bridged.ok = true;
  bridged.json =
      R"({"content":[{"type":"image","data":"iVBORw0KGgo=","mimeType":"image/png"}],"isError":false})";
  EXPECT_EQ(json::stringify(callToolResult(bridged)),
            json::stringify(json::parse(bridged.json).value()));

  tools::ToolResult list;
  list.ok = true;
  list.json = R"([1,2])";
  const json::Value wrapped = callToolResult(list);
  EXPECT_EQ(wrapped["content"][0]["text"].asString(), "[1,2]");
  EXPECT_FALSE(wrapped.contains("structuredContent")) << "only an object is structured content";
}

TEST(McpSessionsTest, AFullTableDropsTheLeastRecentlyUsedSessionAndKeysOwnTheirs) {
  McpSessions sessions(std::chrono::minutes(30), 2);
  const std::string first = sessions.open("2025-11-25", "key-a");
  const std::string second = sessions.open("2025-11-25", "key-a");
  ASSERT_TRUE(sessions.use(first, "key-a"));  // now `second` is the least recently used
  const std::string third = sessions.open("2025-06-18", "key-b");
  EXPECT_EQ(sessions.size(), 2u);
  EXPECT_FALSE(sessions.use(second, "key-a"));
  EXPECT_TRUE(sessions.use(first, "key-a"));
  EXPECT_EQ(sessions.use(third, "key-b")->protocolVersion, "2025-06-18");
  EXPECT_FALSE(sessions.use(third, "key-a")) << "another key's session is no session";
  EXPECT_FALSE(sessions.close(third, "key-a"));
  EXPECT_TRUE(sessions.close(third, "key-b"));
  EXPECT_NE(first, second);
}

TEST(McpOriginTest, AllowsItsOwnOriginsAndTheConfiguredOnesOnly) {
  const std::vector<std::string> allowed{"https://app.example.test/"};
  EXPECT_TRUE(originAllowed("", 8080, "", {})) << "not a browser";
  EXPECT_TRUE(originAllowed("http://localhost:8080", 8080, "", {}));
  EXPECT_TRUE(originAllowed("HTTP://LOCALHOST:8080", 8080, "", {}));
  EXPECT_TRUE(originAllowed("http://[::1]:8080", 8080, "", {}));
  EXPECT_FALSE(originAllowed("http://localhost:8081", 8080, "", {}));
  EXPECT_FALSE(originAllowed("http://localhost", 8080, "", {}));
  EXPECT_TRUE(originAllowed("https://gw.example.test", 8080, "https://gw.example.test:443", {}));
  EXPECT_TRUE(originAllowed("https://app.example.test", 8080, "", allowed));
  EXPECT_FALSE(originAllowed("http://app.example.test", 8080, "", allowed)) << "another scheme";
  EXPECT_FALSE(originAllowed("null", 8080, "", allowed));
  EXPECT_FALSE(originAllowed("http://evil.example", 8080, "", allowed));
  EXPECT_TRUE(originAllowed("http://evil.example", 8080, "", {"*"}));
}

}  // namespace
}  // namespace manifold::mcp
