// The Manus plugin in a real gateway: a task created through /v1/tasks goes to
// the fake Manus, whose signed deliveries reach /webhooks/manus through a
// stand-in reverse proxy (server.public_url is the proxy's URL, the URL Manus
// signs) and are verified by the host and applied. A delivery whose URL was
// changed, or whose body was, is refused and changes nothing; a key rotated at
// Manus is picked up by the host's one refresh. On /api/chat, a long agent task
// becomes a Manus task streamed to its end, unless the client names a mode.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "FakeManus.h"
#include "support/DeliveryRecorder.h"
#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

const char* kMasterKey = "mk-manus-gateway-0123456789";
const char* kKeyEnv = "MANIFOLD_TEST_MANUS_GATEWAY_KEY";
const char* kKey = "sk-manus-gateway-91c2";

json::Value parsedJson(const std::string& text) {
  std::optional<json::Value> value = json::parse(text);
  EXPECT_TRUE(value) << "not JSON: " << text;
  return value ? std::move(*value) : json::Value();
}

class ManusGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string missing = FakeManus::missingTool();
    if (!missing.empty()) GTEST_SKIP() << "skipped: " << missing;
    ::setenv("MANIFOLD_MASTER_KEY", kMasterKey, 1);
    ::setenv(kKeyEnv, kKey, 1);
    fake_ = std::make_unique<FakeManus>(kKey);
    config::GatewayConfig config = demoConfig("", "");
    config.server.publicUrl = proxy_.url();
    // Webhooks carry the task; the poller waits far longer than the test.
    config.tasks.pollMinMs = 600000;
    config.tasks.pollMaxMs = 600000;
    config.egress.allow = {"127.0.0.1:" + std::to_string(fake_->port())};
    config.plugins.settingsJson["manus"] =
        R"({"base_url":")" + fake_->baseUrl() + R"(","api_key_env":")" + kKeyEnv + "\"}";
    gateway_ = std::make_unique<TestGateway>(
        config, std::vector<std::string>{demoPlugin(), pluginOutputDir() + "/manus.so"});
  }

  void TearDown() override {
    gateway_.reset();
    ::unsetenv("MANIFOLD_MASTER_KEY");
  }

  std::map<std::string, std::string> bearer(const std::string& secret) const {
    return {{"Authorization", "Bearer " + secret}};
  }

  std::string createKey() {
    const HttpResult r =
        gateway_->client().post("/admin/keys", R"({"name":"manus-user"})", bearer(kMasterKey));
    EXPECT_EQ(r.status, 201) << r.body;
    return parsedJson(r.body)["secret"].asString();
  }

  json::Value task(const std::string& id, const std::string& secret) {
    return parsedJson(gateway_->client().get("/v1/tasks/" + id, bearer(secret)).body);
  }

  // What a reverse proxy at server.public_url does: the same request, path
  // and headers, to the gateway.
  HttpResult forward(const DeliveryRecorder::Delivery& delivery, const std::string& path,
                     const std::string& body) {
    return gateway_->client().post(
        path, body,
        {{"Content-Type", "application/json"},
         {"X-Webhook-Signature", delivery.headers.at("x-webhook-signature")},
         {"X-Webhook-Timestamp", delivery.headers.at("x-webhook-timestamp")}});
  }
  HttpResult forward(const DeliveryRecorder::Delivery& delivery) {
    return forward(delivery, delivery.path, delivery.body);
  }

  void advance(const std::string& remoteId) {
    fake_->control("/_advance", parsedJson(R"({"task_id":")" + remoteId + "\"}"));
  }

  DeliveryRecorder proxy_;
  std::unique_ptr<FakeManus> fake_;
  std::unique_ptr<TestGateway> gateway_;
};

TEST_F(ManusGatewayTest, ATaskFinishesFromVerifiedManusDeliveries) {
  const std::string secret = createKey();
  const HttpResult created = gateway_->client().post(
      "/v1/tasks", R"({"intent":"agent-task","input":"research for hours and build it"})",
      bearer(secret));
  ASSERT_EQ(created.status, 201) << created.body;
  const json::Value taskJson = parsedJson(created.body);
  const std::string id = taskJson["id"].asString();
  EXPECT_EQ(taskJson["dispatcher"].asString(), "manus");

  const auto hooks = fake_->ledger()["webhooks"];
  ASSERT_EQ(hooks.size(), 1u) << "the task's webhook_url was registered";
  EXPECT_EQ(hooks[0]["url"].asString(), proxy_.url() + "/webhooks/manus");
  const auto creates = fake_->requestsTo("task.create");
  ASSERT_EQ(creates.size(), 1u);
  const std::string remoteId = fake_->ledger()["tasks"][0]["id"].asString();

  for (int i = 0; i < 3; ++i) advance(remoteId);
  const auto deliveries = proxy_.waitFor(4);
  ASSERT_EQ(deliveries.size(), 4u);
  for (const auto& d : deliveries) EXPECT_EQ(forward(d).status, 204) << d.body;

  const json::Value done = task(id, secret);
  EXPECT_EQ(done["state"].asString(), "succeeded") << json::stringify(done);
  EXPECT_NE(json::stringify(done).find("Done: research for hours and build it"), std::string::npos)
      << json::stringify(done);
  EXPECT_EQ(fake_->requestsTo("task.detail").size(), 0u) << "the webhooks carried the task";
}

TEST_F(ManusGatewayTest, AChangedUrlOrBodyIsRefusedAndChangesNothing) {
  const std::string secret = createKey();
  const HttpResult created = gateway_->client().post(
      "/v1/tasks", R"({"intent":"agent-task","input":"go and book it"})", bearer(secret));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = parsedJson(created.body)["id"].asString();
  const std::string remoteId = fake_->ledger()["tasks"][0]["id"].asString();
  for (int i = 0; i < 3; ++i) advance(remoteId);
  const auto deliveries = proxy_.waitFor(4);
  ASSERT_EQ(deliveries.size(), 4u);
  const auto& stopped = deliveries.back();
  const std::string before = task(id, secret)["state"].asString();
  ASSERT_NE(before, "succeeded");

  const HttpResult otherUrl = forward(stopped, stopped.path + "?tenant=other", stopped.body);
  EXPECT_EQ(otherUrl.status, 401) << otherUrl.body;
  EXPECT_NE(otherUrl.body.find("signature_mismatch"), std::string::npos) << otherUrl.body;
  std::string changed = stopped.body;
  changed.replace(changed.find("Done:"), 5, "Lost:");
  const HttpResult otherBody = forward(stopped, stopped.path, changed);
  EXPECT_EQ(otherBody.status, 401) << otherBody.body;
  EXPECT_EQ(task(id, secret)["state"].asString(), before) << "a refused delivery changed the task";

  EXPECT_EQ(forward(stopped).status, 204);
  EXPECT_EQ(task(id, secret)["state"].asString(), "succeeded");
}

TEST_F(ManusGatewayTest, AKeyRotatedAtManusIsPickedUpByOneRefresh) {
  const std::string secret = createKey();
  const HttpResult created = gateway_->client().post(
      "/v1/tasks", R"({"intent":"agent-task","input":"research for hours"})", bearer(secret));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = parsedJson(created.body)["id"].asString();
  const auto first = proxy_.waitFor(1);
  ASSERT_EQ(forward(first[0]).status, 204) << "the first delivery fetches and caches the key";
  EXPECT_EQ(fake_->requestsTo("webhook.publicKey").size(), 1u);

  fake_->rotateKey();
  const std::string remoteId = fake_->ledger()["tasks"][0]["id"].asString();
  for (int i = 0; i < 3; ++i) advance(remoteId);
  const auto deliveries = proxy_.waitFor(4);
  ASSERT_EQ(deliveries.size(), 4u);
  for (size_t i = 1; i < deliveries.size(); ++i)
    EXPECT_EQ(forward(deliveries[i]).status, 204) << deliveries[i].body;
  EXPECT_EQ(fake_->requestsTo("webhook.publicKey").size(), 2u) << "one refresh, then cached";
  EXPECT_EQ(task(id, secret)["state"].asString(), "succeeded");
}

std::string chatBody(const std::string& text) {
  return R"({"messages":[{"role":"user","content":)" + json::stringify(json::Value(text)) + "}]}";
}

std::vector<std::string> namesOf(const std::vector<SseEvent>& events) {
  std::vector<std::string> out;
  for (const SseEvent& e : events) out.push_back(e.name);
  return out;
}

TEST_F(ManusGatewayTest, ALongAgentTaskOnApiChatBecomesAManusTaskStreamedToItsEnd) {
  const std::string secret = createKey();
  // Manus's side: once the task exists, three steps and every delivery on to
  // the gateway, while the client's stream follows the task.
  std::thread manus([this, &secret] {
    std::string remoteId;
    eventually(
        [&] {
          remoteId = fake_->ledger()["tasks"][0]["id"].asString();
          return !remoteId.empty();
        },
        std::chrono::seconds(10));
    // Deliveries name the task by Manus's id, which the gateway has once
    // the start is applied.
    eventually(
        [&] {
          const HttpResult list = gateway_->client().get("/v1/tasks", bearer(secret));
          return parsedJson(list.body)["data"][0]["state"].asString() == "running";
        },
        std::chrono::seconds(10));
    for (int i = 0; i < 3; ++i) advance(remoteId);
    for (const auto& d : proxy_.waitFor(4)) forward(d);
  });
  const HttpResult r = gateway_->client().post(
      "/api/chat", chatBody("Please research for hours and build it"), bearer(secret));
  manus.join();
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<SseEvent> events = sseEvents(r.body);
  ASSERT_GE(events.size(), 4u) << r.body;
  EXPECT_EQ(events[0].name, "auto_routed");
  EXPECT_EQ(parsedJson(events[0].data)["intent"].asString(), "agent-task");
  const std::vector<std::string> names = namesOf(events);
  const auto task = std::find(names.begin(), names.end(), "task");
  ASSERT_NE(task, names.end()) << r.body;
  EXPECT_EQ(parsedJson(events[task - names.begin()].data)["dispatcher"].asString(), "manus");
  EXPECT_EQ(names.back(), "done") << r.body;
  EXPECT_NE(r.body.find("Done: Please research for hours and build it"), std::string::npos)
      << r.body;
  EXPECT_EQ(std::find(names.begin(), names.end(), "token"), names.end()) << "no chain answered";
}

TEST_F(ManusGatewayTest, TheModeHeaderKeepsItAChat) {
  std::map<std::string, std::string> headers = bearer(createKey());
  headers["x-manifold-mode"] = "smart";
  const HttpResult r = gateway_->client().post(
      "/api/chat", chatBody("Please research for hours and build it"), headers);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<std::string> names = namesOf(sseEvents(r.body));
  EXPECT_EQ(std::find(names.begin(), names.end(), "task"), names.end()) << r.body;
  EXPECT_NE(std::find(names.begin(), names.end(), "token"), names.end()) << r.body;
  EXPECT_EQ(fake_->requestsTo("task.create").size(), 0u);
}

}  // namespace
}  // namespace manifold::test
