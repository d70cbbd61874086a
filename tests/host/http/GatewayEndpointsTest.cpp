// The HTTP surface of a real gateway on loopback, served by the demo plugin.
#include <gtest/gtest.h>
#include <manifold/plugin.h>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/StreamSocket.h>

#include <regex>
#include <sstream>

#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold {
namespace {

using Poco::JSON::Object;
using test::expectOpenAiError;
using test::HttpResult;
using test::parseObject;
using test::ssePayloads;
using test::TestGateway;

// The demo echoes the user text as the engine received it: exactly as the
// client sent it (fencing client text is the operator's opt-in).
const std::regex kHeardPing(R"(heard: "ping")");

class GatewayEndpointsTest : public ::testing::Test {
 protected:
  TestGateway gateway_;
};

TEST_F(GatewayEndpointsTest, HealthAndReadiness) {
  HttpResult health = gateway_.client().get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(parseObject(health.body)->getValue<std::string>("status"), "ok");
  HttpResult ready = gateway_.client().get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(parseObject(ready.body)->getValue<int>("providers_loaded"), 1);
  EXPECT_FALSE(health.header("x-request-id").empty());
}

TEST(GatewayReadinessTest, NotReadyWithoutAnyProvider) {
  TestGateway gateway(/*withDemo=*/false);
  HttpResult ready = gateway.client().get("/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_NE(ready.body.find("no provider plugin is loaded"), std::string::npos);
  EXPECT_EQ(gateway.client().get("/healthz").status, 200);
}

TEST_F(GatewayEndpointsTest, ModelsListsEnginesAndModesAndLabelsTheDemo) {
  HttpResult r = gateway_.client().get("/v1/models");
  ASSERT_EQ(r.status, 200);
  Object::Ptr body = parseObject(r.body);
  EXPECT_EQ(body->getValue<std::string>("object"), "list");
  auto data = body->getArray("data");
  ASSERT_EQ(data->size(), 4u);  // two engines, two modes
  Object::Ptr demo = data->getObject(1);
  EXPECT_EQ(demo->getValue<std::string>("id"), "demo");
  EXPECT_EQ(demo->getValue<std::string>("object"), "model");
  EXPECT_TRUE(demo->getObject("manifold")->getValue<bool>("demo"));
  EXPECT_TRUE(demo->getObject("manifold")->getValue<bool>("available"));
  EXPECT_EQ(data->getObject(2)->getValue<std::string>("id"), "mode/smart");
}

TEST_F(GatewayEndpointsTest, AdminPluginsListsLoadedAndRefused) {
  test::installFile(test::testPlugin("wrong_major"), gateway_.pluginDir() / "broken.so");
  ASSERT_TRUE(test::eventually([&] {
    return gateway_.client().get("/admin/plugins").body.find("broken.so") != std::string::npos;
  }));
  Object::Ptr body = parseObject(gateway_.client().get("/admin/plugins").body);
  // The demo plugin is built with the same SDK as the host.
  const std::string abi =
      std::to_string(MANIFOLD_ABI_MAJOR) + "." + std::to_string(MANIFOLD_ABI_MINOR);
  EXPECT_EQ(body->getValue<std::string>("host_abi"), abi);
  Object::Ptr demo = body->getArray("loaded")->getObject(0);
  EXPECT_EQ(demo->getValue<std::string>("id"), "demo");
  EXPECT_EQ(demo->getValue<std::string>("version"), "1.0.0");
  EXPECT_EQ(demo->getValue<std::string>("abi"), abi);
  EXPECT_EQ(demo->getArray("kinds")->getElement<std::string>(0), "manifold.provider/1");
  Object::Ptr refused = body->getArray("refused")->getObject(0);
  EXPECT_NE(refused->getValue<std::string>("reason").find("ABI major 2"), std::string::npos);
}

TEST_F(GatewayEndpointsTest, NonStreamingCompletion) {
  HttpResult r = gateway_.client().post(
      "/v1/chat/completions", R"({"model":"demo","messages":[{"role":"user","content":"ping"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  Object::Ptr body = parseObject(r.body);
  EXPECT_EQ(body->getValue<std::string>("object"), "chat.completion");
  EXPECT_EQ(body->getValue<std::string>("model"), "demo");
  Object::Ptr choice = body->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "stop");
  EXPECT_TRUE(std::regex_search(choice->getObject("message")->getValue<std::string>("content"),
                                kHeardPing));
  EXPECT_GT(body->getObject("usage")->getValue<int>("completion_tokens"), 0);
  EXPECT_EQ(r.header("x-manifold-engine"), "demo");
}

TEST_F(GatewayEndpointsTest, StreamingCompletionFollowsTheOpenAiContract) {
  HttpResult r = gateway_.client().post(
      "/v1/chat/completions",
      R"({"model":"demo","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"ping"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/event-stream");
  const std::vector<std::string> payloads = ssePayloads(r.body);
  ASSERT_GE(payloads.size(), 5u);
  EXPECT_EQ(payloads.back(), "[DONE]");
  Object::Ptr first = parseObject(payloads[0]);
  const std::string id = first->getValue<std::string>("id");
  EXPECT_EQ(first->getValue<std::string>("object"), "chat.completion.chunk");
  EXPECT_EQ(
      first->getArray("choices")->getObject(0)->getObject("delta")->getValue<std::string>("role"),
      "assistant");
  std::string text;
  for (size_t i = 0; i + 1 < payloads.size(); ++i) {
    Object::Ptr chunk = parseObject(payloads[i]);
    EXPECT_EQ(chunk->getValue<std::string>("id"), id);
    auto choices = chunk->getArray("choices");
    if (choices->size() == 0) continue;
    Object::Ptr delta = choices->getObject(0)->getObject("delta");
    if (delta->has("content")) text += delta->getValue<std::string>("content");
  }
  EXPECT_TRUE(std::regex_search(text, kHeardPing)) << text;
  Object::Ptr finish = parseObject(payloads[payloads.size() - 3]);
  EXPECT_EQ(finish->getArray("choices")->getObject(0)->getValue<std::string>("finish_reason"),
            "stop");
  Object::Ptr usage = parseObject(payloads[payloads.size() - 2]);
  EXPECT_EQ(usage->getArray("choices")->size(), 0u);
  EXPECT_GT(usage->getObject("usage")->getValue<int>("total_tokens"), 0);
}

TEST_F(GatewayEndpointsTest, FailsOverBeforeTheFirstTokenInvisibly) {
  HttpResult r = gateway_.client().post(
      "/v1/chat/completions",
      R"({"model":"mode/smart","stream":true,"messages":[{"role":"user","content":"ping"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "demo");
  EXPECT_EQ(r.header("x-manifold-attempts"), "2");
  // Not a search for "503": the answer echoes random ids that may hold it.
  EXPECT_EQ(r.body.find("\"error\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("data: [DONE]"), std::string::npos);
}

TEST_F(GatewayEndpointsTest, CutAfterCommitEndsWithAnErrorEventAndNoDone) {
  HttpResult r = gateway_.client().post(
      "/v1/chat/completions",
      R"({"model":"demo","stream":true,"metadata":{"demo_fault":"cut:3"},"messages":[{"role":"user","content":"ping"}]})");
  ASSERT_EQ(r.status, 200);
  const std::vector<std::string> payloads = ssePayloads(r.body);
  ASSERT_FALSE(payloads.empty());
  EXPECT_NE(payloads.back().find("\"error\""), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("[DONE]"), std::string::npos);
  EXPECT_EQ(r.body.find("\"finish_reason\":\"stop\""), std::string::npos);
}

TEST_F(GatewayEndpointsTest, ModelNameMapsToAModeByKeyword) {
  HttpResult r = gateway_.client().post(
      "/v1/chat/completions",
      R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}]})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("x-manifold-mode"), "fast");
}

TEST_F(GatewayEndpointsTest, BadRequestsGetOpenAiShapedErrors) {
  auto client = gateway_.client();
  expectOpenAiError(client.post("/v1/chat/completions", "{not json"), 400, "not valid JSON");
  expectOpenAiError(client.post("/v1/chat/completions", "[1,2]"), 400, "JSON object");
  expectOpenAiError(client.post("/v1/chat/completions", R"({"messages":[]})"), 400, "model",
                    "model");
  expectOpenAiError(client.post("/v1/chat/completions", R"({"model":"demo"})"), 400, "messages",
                    "messages");
  expectOpenAiError(client.post("/v1/chat/completions",
                                R"({"model":"demo","messages":[{"role":"wizard","content":"x"}]})"),
                    400, "role", "messages[0].role");
  expectOpenAiError(
      client.post("/v1/chat/completions",
                  R"({"model":"demo","n":2,"messages":[{"role":"user","content":"x"}]})"),
      400, "n=1", "n");
  expectOpenAiError(
      client.post("/v1/chat/completions",
                  R"({"model":"demo","stream":"yes","messages":[{"role":"user","content":"x"}]})"),
      400, "stream", "stream");
  expectOpenAiError(client.get("/v1/nothing-here"), 404, "no such endpoint");
  expectOpenAiError(client.get("/v1/chat/completions"), 405, "use POST");
  // A user error from the provider is the client's: not retried, status kept.
  expectOpenAiError(
      client.post(
          "/v1/chat/completions",
          R"({"model":"demo","metadata":{"demo_fault":"status:400"},"messages":[{"role":"user","content":"x"}]})"),
      400, "injected HTTP 400");
  EXPECT_EQ(client.get("/healthz").status, 200);
}

TEST_F(GatewayEndpointsTest, OversizedBodyIsRefusedWith413BeforeItIsRead) {
  // Announce 5 MB but send none of it: the answer must come from the header alone.
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", gateway_.server().port()));
  const std::string head =
      "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 5242880\r\n\r\n";
  socket.sendBytes(head.data(), static_cast<int>(head.size()));
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  std::string reply;
  char buffer[4096];
  for (int n; (n = socket.receiveBytes(buffer, sizeof(buffer))) > 0;) reply.append(buffer, n);
  EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply;
  EXPECT_NE(reply.find("exceeds the limit of 4194304 bytes"), std::string::npos);
  EXPECT_EQ(gateway_.client().get("/healthz").status, 200);
}

}  // namespace
}  // namespace manifold
