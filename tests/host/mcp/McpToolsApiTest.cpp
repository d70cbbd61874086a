// GET /v1/mcp/tools and POST /v1/mcp/call on a real gateway with the tool
// probe: what a key may see and call, and a status for every way a call fails.
#include <thread>

#include "host/mcp/McpGatewayFixture.h"
#include "support/CapturedLog.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

class McpToolsApiTest : public McpGatewayFixture {
 protected:
  explicit McpToolsApiTest(const std::function<void(config::GatewayConfig&)>& adjust = {})
      : McpGatewayFixture(adjust, {pluginOutputDir() + "/mcp.so"}) {}
  HttpResult call(const std::string& body, const std::string& secret = kMaster) {
    return gateway_->client().post("/v1/mcp/call", body, bearer(secret));
  }
  /// A failed call: its status, and the error's message and code.
  void expectFailure(const std::string& body, int status, const std::string& code,
                     const std::string& inMessage) {
    CapturedLog log("mcp");
    const HttpResult r = call(body);
    EXPECT_EQ(r.status, status) << body << " -> " << r.body;
    const json::Value error = parseJson(r.body)["error"];
    EXPECT_EQ(error["code"].asString(), code) << r.body;
    EXPECT_NE(error["message"].asString().find(inMessage), std::string::npos) << r.body;
    const std::string logged = log.text();
    EXPECT_NE(logged.find("answered " + std::to_string(status) + " (" + code + "): "),
              std::string::npos)
        << "a log line names the cause: " << logged;
    EXPECT_NE(logged.find(inMessage), std::string::npos) << logged;
    EXPECT_EQ(gateway_->client().get("/healthz").status, 200) << "still serving";
  }
};

TEST_F(McpToolsApiTest, ListsEveryToolWithItsNamesAndParameters) {
  const HttpResult r = gateway_->client().get("/v1/mcp/tools", bearer(kMaster));
  ASSERT_EQ(r.status, 200) << r.body;
  const json::Value body = parseJson(r.body);
  ASSERT_EQ(body["tools"].size(), 8u) << r.body;
  EXPECT_EQ(body["problems"].size(), 0u);
  const json::Value& echo = body["tools"][0];
  EXPECT_EQ(echo["name"].asString(), "probe__echo");
  EXPECT_EQ(echo["id"].asString(), "probe.echo");
  EXPECT_EQ(echo["toolset"].asString(), "probe");
  EXPECT_EQ(echo["description"].asString(), "Says the text back.");
  EXPECT_EQ(echo["parameters"]["required"][0].asString(), "text");

  const HttpResult one = gateway_->client().get("/v1/mcp/tools?server=probe", bearer(kMaster));
  EXPECT_EQ(parseJson(one.body)["tools"].size(), 8u) << one.body;
  const HttpResult unknown = gateway_->client().get("/v1/mcp/tools?server=nope", bearer(kMaster));
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_NE(unknown.body.find("nope"), std::string::npos);
  EXPECT_EQ(gateway_->client().get("/v1/mcp/tools").status, 401);
}

TEST_F(McpToolsApiTest, CallsAToolAndSaysWhenTheAnswerCameFromTheCache) {
  HttpResult r = call(R"({"name":"probe__echo","arguments":{"text":"hi"}})");
  ASSERT_EQ(r.status, 200) << r.body;
  json::Value body = parseJson(r.body);
  EXPECT_TRUE(body["ok"].asBool());
  EXPECT_EQ(body["result"]["text"].asString(), "hi");
  EXPECT_FALSE(body["cached"].asBool());
  EXPECT_TRUE(body["latency_ms"].isInt());

  r = call(R"({"name":"probe.add","arguments":{"a":2,"b":3}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(parseJson(r.body)["result"]["sum"].asDouble(), 5.0);
  r = call(R"({"name":"probe__add","arguments":{"a":2,"b":3}})");
  body = parseJson(r.body);
  EXPECT_TRUE(body["cached"].asBool()) << r.body;
  EXPECT_EQ(body["result"]["calls"].asInt(), 1) << "the tool ran once";
}

TEST_F(McpToolsApiTest, EveryFailureHasItsStatusAndNamesItsCause) {
  expectFailure(R"({"name":"probe__nope","arguments":{}})", 404, "not_found", "probe__nope");
  expectFailure(R"({"name":"probe__echo","arguments":{"text":7}})", 400, "invalid_arguments",
                "$.text");
  expectFailure(R"({"name":"probe__fail","arguments":{"code":"invalid"}})", 400,
                "invalid_arguments", "probe refused the arguments");
  expectFailure(R"({"name":"probe__slow","arguments":{"ms":1500}})", 504, "timeout",
                "did not answer within 300 ms");
  expectFailure(R"({"name":"probe__fail","arguments":{"code":"unavailable"}})", 502,
                "upstream_unavailable", "probe upstream answered 500");
  expectFailure(R"({"name":"probe__fail","arguments":{"code":"internal"}})", 502, "tool_failed",
                "probe broke");
  expectFailure(R"({"name":"probe__garbage","arguments":{}})", 502, "tool_failed", "JSON");
}

TEST_F(McpToolsApiTest, RefusesRequestsItCannotRead) {
  expectFailure(R"({"name":"probe__echo",)", 400, "invalid_json", "JSON object");
  expectFailure(R"(["probe__echo"])", 400, "invalid_json", "JSON object");
  expectFailure(R"({"arguments":{}})", 400, "missing_name", "name is required");
  expectFailure(R"({"name":"probe__echo","arguments":[1]})", 400, "invalid_arguments",
                "arguments must be a JSON object");
  CapturedLog log("mcp");
  const HttpResult tooLarge = oversized("/v1/mcp/call");
  EXPECT_EQ(tooLarge.status, 413) << tooLarge.body;
  EXPECT_NE(log.text().find("answered 413 (body_too_large)"), std::string::npos) << log.text();
  EXPECT_EQ(call(R"({"name":"probe__echo","arguments":{"text":"a"}})").status, 200);
  EXPECT_EQ(gateway_->client().get("/v1/mcp/call", bearer(kMaster)).status, 405);
}

TEST_F(McpToolsApiTest, AKeySeesAndCallsOnlyItsAllowedTools) {
  const std::string secret = createKey(R"("allowed_tools":["probe.echo"])");
  const HttpResult listed = gateway_->client().get("/v1/mcp/tools", bearer(secret));
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json::Value tools = parseJson(listed.body)["tools"];
  ASSERT_EQ(tools.size(), 1u) << listed.body;
  EXPECT_EQ(tools[0]["name"].asString(), "probe__echo");
  EXPECT_EQ(call(R"({"name":"probe__echo","arguments":{"text":"a"}})", secret).status, 200);
  EXPECT_EQ(call(R"({"name":"probe__add","arguments":{"a":1,"b":2}})", secret).status, 404);
  const std::string everything = createKey();
  EXPECT_EQ(
      parseJson(gateway_->client().get("/v1/mcp/tools", bearer(everything)).body)["tools"].size(),
      8u)
      << "a key that names no tools may use them all";
}

// An MCP server that is down (nothing listens on its port): its tools are a
// problem in the listing, and calling one is the upstream's failure, while
// the other tools still serve.
class McpServerDownTest : public McpToolsApiTest {
 protected:
  McpServerDownTest()
      : McpToolsApiTest([](config::GatewayConfig& c) {
          config::McpServerConfig down;
          down.id = "down";
          down.url = "http://127.0.0.1:9/mcp";
          down.timeoutMs = 2000;
          c.tools.mcpServers = {down};
          c.egress.allow = {"127.0.0.1:9"};
        }) {}
};

TEST_F(McpServerDownTest, ItsToolsAreAProblemAndTheOthersStillServe) {
  HttpResult r = gateway_->client().get("/v1/mcp/tools", bearer(kMaster));
  ASSERT_EQ(r.status, 200) << r.body;
  json::Value body = parseJson(r.body);
  EXPECT_EQ(body["tools"].size(), 8u) << r.body;
  ASSERT_EQ(body["problems"].size(), 1u) << r.body;
  EXPECT_EQ(body["problems"][0]["toolset"].asString(), "down");
  EXPECT_NE(body["problems"][0]["message"].asString().find("down"), std::string::npos) << r.body;

  r = gateway_->client().get("/v1/mcp/tools?server=down", bearer(kMaster));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(parseJson(r.body)["tools"].size(), 0u);
  EXPECT_EQ(parseJson(r.body)["problems"].size(), 1u);

  expectFailure(R"({"name":"down__echo","arguments":{}})", 502, "upstream_unavailable",
                "down__echo is unavailable");
  EXPECT_EQ(call(R"({"name":"probe__echo","arguments":{"text":"a"}})").status, 200);

  const std::string session = initialize();
  const json::Value called =
      inSession(session, "tools/call", R"({"name":"down__echo","arguments":{}})");
  EXPECT_TRUE(called["result"]["isError"].asBool()) << json::stringify(called);
  EXPECT_NE(called["result"]["content"][0]["text"].asString().find("unavailable"),
            std::string::npos);
  EXPECT_EQ(inSession(session, "tools/list")["result"]["tools"].size(), 8u);
}

}  // namespace
}  // namespace manifold::test
