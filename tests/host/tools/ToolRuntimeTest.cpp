// The tool runtime over the real loader and a real toolset plugin (the tool
// probe): naming, listing, argument checks, the result cache, timeouts,
// failures, key patterns, and MCP servers that cannot start.
#include "tools/ToolRuntime.h"

#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include "support/ProbeToolRuntime.h"
#include "support/TempDir.h"

namespace manifold::tools {
namespace {

using std::chrono::milliseconds;

class ToolRuntimeTest : public ::testing::Test {
 protected:
  ToolResult call(const std::string& name, const std::string& args,
                  milliseconds timeout = milliseconds(5000)) {
    return probe_.runtime().call(name, args, ToolPatterns::everything(), config_, timeout);
  }

  test::ProbeToolRuntime probe_;
  config::ToolsConfig config_;
};

TEST_F(ToolRuntimeTest, NamesEveryToolByItsToolsetAndKeepsItsDeclaration) {
  const ToolListing listing = probe_.runtime().list(ToolPatterns::everything(), config_);
  EXPECT_TRUE(listing.problems.empty());
  ASSERT_EQ(listing.tools.size(), 8u);
  const ToolDefinition* add = listing.find("probe__add");
  ASSERT_NE(add, nullptr);
  EXPECT_EQ(add->id(), "probe.add");
  EXPECT_EQ(add->description, "Adds two numbers.");
  EXPECT_EQ(add->cacheTtlMs, 60000);
  EXPECT_EQ(listing.find("probe.add"), add);
  const ToolDefinition* lookup = listing.find("probe__lookup");
  ASSERT_NE(lookup, nullptr);
  EXPECT_EQ(lookup->liveIntents, (std::vector<std::string>{"zorbl", "probe index"}));
  EXPECT_EQ(json::parse(lookup->parametersJson).value()["required"][0].asString(), "query");
}

TEST_F(ToolRuntimeTest, CallsAToolByWireNameOrId) {
  ToolResult r = call("probe__echo", R"({"text":"hi"})");
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_EQ(json::parse(r.json).value()["text"].asString(), "hi");
  r = call("probe.echo", R"({"text":"again"})");
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_EQ(json::parse(r.json).value()["text"].asString(), "again");
}

TEST_F(ToolRuntimeTest, AnUnknownToolIsNotFound) {
  const ToolResult r = call("probe__nope", "{}");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.errorCode, MF_ERR_NOT_FOUND);
  EXPECT_NE(r.message.find("unknown tool \"probe__nope\""), std::string::npos) << r.message;
}

TEST_F(ToolRuntimeTest, ArgumentsThatBreakTheSchemaNeverReachTheTool) {
  ToolResult r = call("probe__echo", R"({"text":7})");
  EXPECT_EQ(r.errorCode, MF_ERR_INVALID);
  EXPECT_NE(r.message.find("$.text"), std::string::npos) << r.message;
  r = call("probe__echo", R"({"text":"a","extra":1})");
  EXPECT_EQ(r.errorCode, MF_ERR_INVALID);
  EXPECT_NE(r.message.find("extra"), std::string::npos) << r.message;
  r = call("probe__echo", R"({"text":)");
  EXPECT_EQ(r.errorCode, MF_ERR_INVALID);
  EXPECT_NE(r.message.find("not JSON"), std::string::npos) << r.message;
  r = call("probe__add", R"({"a":1})");
  EXPECT_EQ(r.errorCode, MF_ERR_INVALID);
  EXPECT_NE(r.message.find("b"), std::string::npos) << r.message;
}

TEST_F(ToolRuntimeTest, ARepeatedCallIsServedFromTheCacheWhileItsTtlLasts) {
  ToolResult first = call("probe__add", R"({"a":1,"b":2})");
  ASSERT_TRUE(first.ok) << first.message;
  EXPECT_FALSE(first.cached);
  EXPECT_EQ(json::parse(first.json).value()["calls"].asInt(), 1);
  ToolResult again = call("probe__add", R"({ "a": 1, "b": 2 })");
  ASSERT_TRUE(again.ok);
  EXPECT_TRUE(again.cached);
  EXPECT_EQ(json::parse(again.json).value()["calls"].asInt(), 1);  // the tool ran once
  ToolResult other = call("probe__add", R"({"a":2,"b":2})");
  EXPECT_FALSE(other.cached);
  EXPECT_EQ(json::parse(other.json).value()["calls"].asInt(), 2);
}

TEST_F(ToolRuntimeTest, TheConfigTurnsATool_sCacheOff) {
  config_.cacheTtlMs["probe.add"] = 0;
  call("probe__add", R"({"a":1,"b":2})");
  const ToolResult again = call("probe__add", R"({"a":1,"b":2})");
  EXPECT_FALSE(again.cached);
  EXPECT_EQ(json::parse(again.json).value()["calls"].asInt(), 2);
}

TEST_F(ToolRuntimeTest, AToolThatIgnoresItsDeadlineStillEndsTheCallAtTheTimeout) {
  const ToolResult r = call("probe__slow", R"({"ms":3000})", milliseconds(100));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.errorCode, MF_ERR_TIMEOUT);
  EXPECT_NE(r.message.find("did not answer within 100 ms"), std::string::npos) << r.message;
}

TEST_F(ToolRuntimeTest, AResultThatIsNotJsonIsAFailure) {
  const ToolResult r = call("probe__garbage", "{}");
  EXPECT_EQ(r.errorCode, MF_ERR_INTERNAL);
  EXPECT_NE(r.message.find("not JSON"), std::string::npos) << r.message;
}

TEST_F(ToolRuntimeTest, AToolsOwnFailureKeepsItsCodeStatusAndWords) {
  ToolResult r = call("probe__fail", R"({"code":"unavailable"})");
  EXPECT_EQ(r.errorCode, MF_ERR_UNAVAILABLE);
  EXPECT_EQ(r.upstreamStatus, 500);
  EXPECT_EQ(r.message, "probe upstream answered 500");
  EXPECT_EQ(r.errorName(), "upstream_unavailable");
  r = call("probe__fail", R"({"code":"invalid"})");
  EXPECT_EQ(r.errorCode, MF_ERR_INVALID);
}

TEST_F(ToolRuntimeTest, PatternsNarrowWhatIsListedAndWhatMayBeCalled) {
  const ToolPatterns echoOnly({"probe.echo"});
  const ToolListing listing = probe_.runtime().list(echoOnly, config_);
  ASSERT_EQ(listing.tools.size(), 1u);
  EXPECT_EQ(listing.tools[0].wireName, "probe__echo");
  EXPECT_EQ(probe_.runtime()
                .call("probe__add", R"({"a":1,"b":2})", echoOnly, config_, milliseconds(1000))
                .errorCode,
            MF_ERR_NOT_FOUND);
  EXPECT_EQ(probe_.runtime().list(ToolPatterns({"mcp:probe/*"}), config_).tools.size(), 8u);
  EXPECT_EQ(probe_.runtime().list(ToolPatterns({"other.*"}), config_).tools.size(), 0u);
  EXPECT_EQ(probe_.runtime().list(ToolPatterns(), config_).tools.size(), 0u);
}

TEST_F(ToolRuntimeTest, AnMcpServerThatCannotStartIsAProblemAndItsToolsAreUnavailable) {
  config::McpServerConfig server;
  server.id = "remote";
  server.url = "http://127.0.0.1:9/mcp";
  server.secretEnv = "MANIFOLD_TEST_UNSET_MCP_SECRET";
  probe_.directory().setMcpServers({server});
  const ToolListing listing = probe_.runtime().list(ToolPatterns::everything(), config_);
  EXPECT_EQ(listing.tools.size(), 8u);  // the probe's tools are still there
  ASSERT_EQ(listing.problems.size(), 1u);
  EXPECT_EQ(listing.problems[0].toolset, "remote");
  EXPECT_NE(listing.problems[0].message.find("MANIFOLD_TEST_UNSET_MCP_SECRET"), std::string::npos)
      << listing.problems[0].message;
  const ToolResult r = call("remote__echo", "{}");
  EXPECT_EQ(r.errorCode, MF_ERR_UNAVAILABLE);
  EXPECT_NE(r.message.find("is not set"), std::string::npos) << r.message;
}

TEST(McpInstanceConfigTest, CarriesTheServersOwnSecretInItsHeader) {
  config::McpServerConfig server;
  server.id = "docs";
  server.url = "https://mcp.example.com/mcp";
  test::TempDir dir;
  const std::string secretFile = (dir / "secret").string();
  FILE* f = fopen(secretFile.c_str(), "w");
  fputs("s3cret\n", f);
  fclose(f);
  server.secretFile = secretFile;
  const json::Value config = json::parse(mcpInstanceConfig(server)).value();
  EXPECT_EQ(config["id"].asString(), "docs");
  EXPECT_EQ(config["url"].asString(), "https://mcp.example.com/mcp");
  EXPECT_EQ(config["protocol"].asString(), "auto");
  EXPECT_EQ(config["headers"]["Authorization"].asString(), "Bearer s3cret");
  server.secretFile.clear();
  EXPECT_TRUE(json::parse(mcpInstanceConfig(server)).value()["headers"].asObject().empty());
}

}  // namespace
}  // namespace manifold::tools
