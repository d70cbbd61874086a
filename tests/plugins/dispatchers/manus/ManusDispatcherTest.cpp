// The Manus dispatcher plugin (plugins/dispatchers/manus), loaded by the host's
// real plugin loader with a real mf_host, against the fake Manus
// (tests/fakes/manus/server.mjs) on loopback: round trips carry the API key
// header, webhooks are registered, the verifier serves the fake's key, and the
// fake's real, signed deliveries verify with the host's ManusSignature and
// become task updates.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "FakeManus.h"
#include "LoadedDispatcher.h"
#include "router/NormalizedText.h"
#include "router/PluginIntentIndex.h"
#include "support/DeliveryRecorder.h"
#include "support/IntentCorpus.h"
#include "webhooks/ManusSignature.h"

namespace manifold::test {
namespace {

const char* kKeyEnv = "MANIFOLD_TEST_MANUS_KEY";
const char* kKey = "sk-manus-test-7f3a";

std::string settingsFor(const FakeManus& fake, const std::string& extra = "") {
  return R"({"base_url":")" + fake.baseUrl() + R"(","api_key_env":")" + kKeyEnv + "\"" +
         (extra.empty() ? "" : "," + extra) + "}";
}

std::string taskJson(const std::string& text, const std::string& webhookUrl = "") {
  json::Value message = json::Value::object();
  message.set("role", "user");
  message.set("content", text);
  json::Value messages = json::Value::array();
  messages.push(std::move(message));
  json::Value input = json::Value::object();
  input.set("messages", std::move(messages));
  json::Value task = json::Value::object();
  task.set("task_id", "tsk_1");
  task.set("intent", "agent-task");
  task.set("input", std::move(input));
  task.set("metadata", json::Value::object());
  task.set("webhook_url", webhookUrl);
  return json::stringify(task);
}

class ManusDispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string missing = FakeManus::missingTool();
    if (!missing.empty()) GTEST_SKIP() << "skipped: " << missing;
    setenv(kKeyEnv, kKey, 1);
    fake_ = std::make_unique<FakeManus>(kKey);
  }

  std::unique_ptr<LoadedDispatcher> load(const std::string& extra = "") {
    auto d = std::make_unique<LoadedDispatcher>(settingsFor(*fake_, extra), fake_->port());
    EXPECT_TRUE(d->ready()) << d->problem();
    return d;
  }

  // Starts a task and returns its remote id.
  std::string startTask(const LoadedDispatcher& d, const std::string& text,
                        const std::string& webhookUrl = "") {
    const LoadedDispatcher::Call started = d.start("", taskJson(text, webhookUrl));
    EXPECT_EQ(started.rc, MF_OK) << started.errorMessage();
    return started.json()["remote_id"].asString();
  }

  std::unique_ptr<FakeManus> fake_;
};

TEST_F(ManusDispatcherTest, DeclaresTheLongAgentTaskIntentTheRouterMatches) {
  auto d = load();
  ASSERT_NE(d->plugin()->intents(), nullptr);
  ASSERT_EQ(d->plugin()->intents()->intents().size(), 1u);
  EXPECT_EQ(d->plugin()->intents()->intents()[0].intent, "agent-task");
  const router::PluginIntentIndex index({d->plugin()->intents()});
  for (const char* text : {"Please research for hours and build it", "Go and book it, thanks",
                           "research the market for days and then build a prototype",
                           "book a flight to Lisbon for Friday"}) {
    const auto match = index.bestMatch(router::NormalizedText(text));
    ASSERT_TRUE(match.has_value()) << text;
    EXPECT_EQ(match->target.intent->intent, "agent-task") << text;
  }
  for (const char* text : {"what is the capital of France", "write a haiku about rain",
                           "book recommendations for a long flight"}) {
    EXPECT_FALSE(index.bestMatch(router::NormalizedText(text)).has_value()) << text;
  }
}

TEST_F(ManusDispatcherTest, NoMessageOfTheRouterCorpusIsTakenFromItsMode) {
  auto d = load();
  const router::PluginIntentIndex index({d->plugin()->intents()});
  for (const CorpusMessage& m : readIntentCorpus())
    EXPECT_FALSE(index.bestMatch(router::NormalizedText(m.text)).has_value())
        << m.file << ": \"" << m.text << "\" went to agent-task";
}

TEST_F(ManusDispatcherTest, OneEnabledServiceServesTheIntent) {
  auto d = load();
  const LoadedDispatcher::Call services = d->listServices();
  ASSERT_EQ(services.rc, MF_OK) << services.errorMessage();
  const json::Value list = services.json();
  ASSERT_EQ(list.size(), 1u) << services.text;
  EXPECT_EQ(list[0]["service"].asString(), "");
  EXPECT_EQ(list[0]["intents"][0].asString(), "agent-task");
  EXPECT_TRUE(list[0]["enabled"].asBool());
  EXPECT_NE(list[0]["detail"].asString().find("tasks are polled"), std::string::npos)
      << list[0]["detail"].asString();
}

TEST_F(ManusDispatcherTest, WithoutAnApiKeyTheServiceIsDisabledAndNothingIsSent) {
  LoadedDispatcher d(
      R"({"base_url":")" + fake_->baseUrl() +
          R"(","api_key_env":"MANIFOLD_TEST_NO_SUCH_KEY","public_url":"http://127.0.0.1:9"})",
      fake_->port());
  ASSERT_TRUE(d.ready()) << d.problem();
  const json::Value list = d.listServices().json();
  EXPECT_FALSE(list[0]["enabled"].asBool(true));
  EXPECT_NE(list[0]["detail"].asString().find("MANIFOLD_TEST_NO_SUCH_KEY"), std::string::npos)
      << list[0]["detail"].asString();
  const LoadedDispatcher::Call started = d.start("", taskJson("research for hours and build it"));
  EXPECT_NE(started.rc, MF_OK);
  EXPECT_EQ(started.error.code, MF_ERR_AUTH) << started.errorMessage();
  EXPECT_EQ(d.verifier("", false).json()["scheme"].asString(), "none");
  EXPECT_EQ(fake_->ledger()["requests"].size(), 0u) << "a plugin without a key called Manus";
}

TEST_F(ManusDispatcherTest, CreateCheckToTheEndWithTheApiKeyHeader) {
  auto d = load(R"("agent_profile":"manus-1.6-max","locale":"en","interactive_mode":false)");
  const LoadedDispatcher::Call started = d->start("", taskJson("research for hours and build it"));
  ASSERT_EQ(started.rc, MF_OK) << started.errorMessage();
  const json::Value update = started.json();
  const std::string remoteId = update["remote_id"].asString();
  ASSERT_FALSE(remoteId.empty()) << started.text;
  EXPECT_EQ(update["state"].asString(), "running");
  EXPECT_EQ(update["poll_after_ms"].asInt(), 5000) << "without a webhook the host polls often";

  const auto creates = fake_->requestsTo("task.create");
  ASSERT_EQ(creates.size(), 1u);
  EXPECT_EQ(creates[0]["api_key"].asString(), kKey);
  const json::Value& body = creates[0]["body"];
  EXPECT_EQ(body["message"]["content"][0]["type"].asString(), "text");
  EXPECT_EQ(body["message"]["content"][0]["text"].asString(), "research for hours and build it");
  EXPECT_EQ(body["agent_profile"].asString(), "manus-1.6-max");
  EXPECT_EQ(body["locale"].asString(), "en");
  EXPECT_FALSE(body["interactive_mode"].asBool(true));

  const json::Value first = d->check("", remoteId).json();
  EXPECT_EQ(first["remote_id"].asString(), remoteId);
  EXPECT_EQ(first["state"].asString(), "running");
  EXPECT_EQ(first["progress"].asString(), "Step 1 of 3: working on it");
  EXPECT_EQ(d->check("", remoteId).json()["state"].asString(), "running");
  const LoadedDispatcher::Call last = d->check("", remoteId);
  const json::Value done = last.json();
  EXPECT_EQ(done["state"].asString(), "succeeded") << last.text;
  EXPECT_EQ(done["result"]["text"].asString(), "Done: research for hours and build it");
  EXPECT_EQ(done["result"]["task_url"].asString(), "https://manus.im/app/" + remoteId);

  for (const char* method : {"task.detail", "task.listMessages"}) {
    const auto calls = fake_->requestsTo(method);
    ASSERT_EQ(calls.size(), 3u) << method;
    for (const json::Value& call : calls) {
      EXPECT_EQ(call["api_key"].asString(), kKey) << method;
      EXPECT_NE(call["query"].asString().find("task_id=" + remoteId), std::string::npos) << method;
    }
  }
}

TEST_F(ManusDispatcherTest, AQuestionWaitsForInputAndAnErrorFails) {
  auto d = load();
  const std::string asking = startTask(*d, "book the restaurant [ask]");
  const std::string failing = startTask(*d, "scrape the site [error]");
  json::Value asked, failed;
  for (int i = 0; i < 3; ++i) asked = d->check("", asking).json();
  for (int i = 0; i < 3; ++i) failed = d->check("", failing).json();
  EXPECT_EQ(asked["state"].asString(), "waiting_input");
  EXPECT_EQ(asked["progress"].asString(), "Which date should I book: Friday or Saturday?");
  EXPECT_EQ(failed["state"].asString(), "failed");
  EXPECT_EQ(failed["error"]["code"].asString(), "manus_error");
  EXPECT_NE(failed["error"]["message"].asString().find("could not finish"), std::string::npos);
}

TEST_F(ManusDispatcherTest, StopReachesManus) {
  auto d = load();
  const std::string remoteId = startTask(*d, "research for hours and build it");
  const LoadedDispatcher::Call stopped = d->stop("", remoteId);
  ASSERT_EQ(stopped.rc, MF_OK) << stopped.errorMessage();
  const auto stops = fake_->requestsTo("task.stop");
  ASSERT_EQ(stops.size(), 1u);
  EXPECT_EQ(stops[0]["api_key"].asString(), kKey);
  EXPECT_EQ(stops[0]["body"]["task_id"].asString(), remoteId);
  EXPECT_TRUE(fake_->ledger()["tasks"][0]["stopped"].asBool());
}

TEST_F(ManusDispatcherTest, AnotherServiceIsNotFound) {
  auto d = load();
  const LoadedDispatcher::Call started = d->start("rag", taskJson("research for hours"));
  EXPECT_NE(started.rc, MF_OK);
  EXPECT_EQ(started.error.code, MF_ERR_NOT_FOUND);
  EXPECT_EQ(fake_->requestsTo("task.create").size(), 0u);
}

TEST_F(ManusDispatcherTest, AnInputWithoutUserTextIsInvalidAndNotSent) {
  auto d = load();
  const LoadedDispatcher::Call started =
      d->start("", R"({"task_id":"t","input":{"messages":[{"role":"system","content":"x"}]}})");
  EXPECT_EQ(started.error.code, MF_ERR_INVALID) << started.errorMessage();
  EXPECT_EQ(fake_->requestsTo("task.create").size(), 0u);
}

TEST_F(ManusDispatcherTest, ErrorsAreClassifiedForTheHost) {
  auto d = load();
  fake_->control("/_fail", json::parse(R"({"status":429,"retry_after":7})").value());
  LoadedDispatcher::Call limited = d->start("", taskJson("research for hours"));
  EXPECT_EQ(limited.error.code, MF_ERR_RATE_LIMITED) << limited.errorMessage();
  EXPECT_EQ(limited.error.retryable, 1);
  EXPECT_EQ(limited.error.retry_after_ms, 7000);
  EXPECT_EQ(limited.error.upstream_status, 429);

  fake_->control("/_fail", json::parse(R"({"status":503})").value());
  LoadedDispatcher::Call down = d->check("", "T0");
  EXPECT_EQ(down.error.code, MF_ERR_UNAVAILABLE) << down.errorMessage();
  EXPECT_EQ(down.error.retryable, 1);
  EXPECT_NE(down.errorMessage().find("injected HTTP 503"), std::string::npos)
      << down.errorMessage();

  setenv(kKeyEnv, "sk-wrong", 1);
  LoadedDispatcher wrongKey(settingsFor(*fake_), fake_->port());
  LoadedDispatcher::Call refused = wrongKey.start("", taskJson("research for hours"));
  EXPECT_EQ(refused.error.code, MF_ERR_AUTH) << refused.errorMessage();
  EXPECT_EQ(refused.error.upstream_status, 401);
  EXPECT_NE(refused.errorMessage().find("unauthorized"), std::string::npos);
  EXPECT_EQ(std::string(refused.error.message).find("sk-wrong"), std::string::npos)
      << "the key leaked into an error";
}

TEST_F(ManusDispatcherTest, TheWebhookIsRegisteredAtStartWhenAPublicUrlIsSet) {
  DeliveryRecorder gateway;
  // Read from the host's plugin settings (get_config): create() gets "{}".
  LoadedDispatcher d(settingsFor(*fake_, R"("public_url":")" + gateway.url() + "/\""),
                     fake_->port(), "{}");
  ASSERT_TRUE(d.ready()) << d.problem();
  const auto creates = fake_->requestsTo("webhook.create");
  ASSERT_EQ(creates.size(), 1u);
  EXPECT_EQ(creates[0]["api_key"].asString(), kKey);
  EXPECT_EQ(creates[0]["body"]["url"].asString(), gateway.url() + "/webhooks/manus");
  EXPECT_NE(d.listServices().json()[0]["detail"].asString().find(gateway.url() + "/webhooks/manus"),
            std::string::npos);
  EXPECT_EQ(d.start("", taskJson("research for hours")).json()["poll_after_ms"].asInt(), 60000)
      << "with a webhook, polling is only a safety net";

  // A restart meets Manus's already_exists and keeps using the webhook.
  LoadedDispatcher again(settingsFor(*fake_, R"("public_url":")" + gateway.url() + "\""),
                         fake_->port());
  EXPECT_EQ(fake_->ledger()["webhooks"].size(), 1u);
  EXPECT_NE(again.listServices().json()[0]["detail"].asString().find("webhook at"),
            std::string::npos);
}

TEST_F(ManusDispatcherTest, WithoutAPublicUrlNoWebhookUntilATaskNamesOne) {
  DeliveryRecorder gateway;
  auto d = load();
  EXPECT_EQ(fake_->requestsTo("webhook.create").size(), 0u);
  startTask(*d, "research for hours", gateway.url() + "/webhooks/manus");
  startTask(*d, "and again", gateway.url() + "/webhooks/manus");
  const auto creates = fake_->requestsTo("webhook.create");
  ASSERT_EQ(creates.size(), 1u) << "registered once, not per task";
  EXPECT_EQ(creates[0]["body"]["url"].asString(), gateway.url() + "/webhooks/manus");
}

TEST_F(ManusDispatcherTest, AWebhookThatFailedAtStartIsRegisteredByTheNextTask) {
  DeliveryRecorder gateway;
  fake_->control("/_fail", json::parse(R"({"status":503})").value());
  auto d = load(R"("public_url":")" + gateway.url() + "\"");
  EXPECT_TRUE(fake_->ledger()["webhooks"].asArray().empty());
  EXPECT_NE(d->listServices().json()[0]["detail"].asString().find("tasks are polled"),
            std::string::npos);
  startTask(*d, "research for hours");
  const json::Value webhooks = fake_->ledger()["webhooks"];
  ASSERT_EQ(webhooks.size(), 1u);
  EXPECT_EQ(webhooks[0]["url"].asString(), gateway.url() + "/webhooks/manus");
}

TEST_F(ManusDispatcherTest, AWebhookManusRefusesIsNotAskedForAgain) {
  auto d = load(R"("public_url":"ftp://gateway.example.com")");
  startTask(*d, "research for hours");
  startTask(*d, "and again");
  EXPECT_EQ(fake_->requestsTo("webhook.create").size(), 1u);
  EXPECT_TRUE(fake_->ledger()["webhooks"].asArray().empty());
  EXPECT_NE(d->listServices().json()[0]["detail"].asString().find("tasks are polled"),
            std::string::npos);
}

TEST_F(ManusDispatcherTest, TheVerifierServesTheFakesKeyCachedUntilRefreshedAtMostOnceAMinute) {
  auto d = load();
  const LoadedDispatcher::Call first = d->verifier("", false);
  ASSERT_EQ(first.rc, MF_OK) << first.errorMessage();
  EXPECT_EQ(first.json()["scheme"].asString(), "manus-rsa");
  EXPECT_EQ(first.json()["public_key_pem"].asString(), fake_->publicKeyPem());
  const std::string oldPem = fake_->publicKeyPem();
  const std::string newPem = fake_->rotateKey();
  ASSERT_NE(oldPem, newPem);
  EXPECT_EQ(d->verifier("", false).json()["public_key_pem"].asString(), oldPem) << "not cached";
  EXPECT_EQ(fake_->requestsTo("webhook.publicKey").size(), 1u);
  EXPECT_EQ(d->verifier("", true).json()["public_key_pem"].asString(), newPem);
  EXPECT_EQ(d->verifier("", false).json()["public_key_pem"].asString(), newPem);
  const auto fetches = fake_->requestsTo("webhook.publicKey");
  ASSERT_EQ(fetches.size(), 2u);
  EXPECT_EQ(fetches[1]["api_key"].asString(), kKey);

  // Forged deliveries ask for refreshes too: one a minute reaches Manus.
  fake_->rotateKey();
  EXPECT_EQ(d->verifier("", true).json()["public_key_pem"].asString(), newPem);
  EXPECT_EQ(fake_->requestsTo("webhook.publicKey").size(), 2u);
}

std::vector<std::pair<std::string, std::string>> headersOf(const DeliveryRecorder::Delivery& d) {
  return {d.headers.begin(), d.headers.end()};
}

TEST_F(ManusDispatcherTest, RealDeliveriesVerifyWithTheHostAndBecomeTaskUpdates) {
  DeliveryRecorder gateway;
  const std::string hookUrl = gateway.url() + "/webhooks/manus";
  auto d = load(R"("public_url":")" + gateway.url() + "\"");
  const std::string remoteId = startTask(*d, "research for hours and build it");
  gateway.waitFor(1);  // task_created comes once the create has been answered
  for (int i = 0; i < 3; ++i)
    fake_->control("/_advance", json::parse(R"({"task_id":")" + remoteId + "\"}").value());
  const auto deliveries = gateway.waitFor(4);
  ASSERT_EQ(deliveries.size(), 4u);

  const std::string pem = d->verifier("", false).json()["public_key_pem"].asString();
  const webhooks::ManusSignature signature(pem);
  const int64_t now = std::time(nullptr);
  std::vector<std::string> states, progress;
  for (const auto& delivery : deliveries) {
    EXPECT_EQ(delivery.path, "/webhooks/manus");
    const std::string& sig = delivery.headers.at("x-webhook-signature");
    const std::string& ts = delivery.headers.at("x-webhook-timestamp");
    const webhooks::Verdict good = signature.verify(sig, ts, hookUrl, delivery.body, now);
    EXPECT_TRUE(good.valid) << good.reason;
    EXPECT_FALSE(
        signature.verify(sig, ts, gateway.url() + "/webhooks/other", delivery.body, now).valid);
    EXPECT_FALSE(
        signature.verify(sig, ts, "https://gw.example.com/webhooks/manus", delivery.body, now)
            .valid);
    const LoadedDispatcher::Call applied = d->apply("", headersOf(delivery), delivery.body);
    ASSERT_EQ(applied.rc, MF_OK) << applied.errorMessage();
    const json::Value update = applied.json();
    EXPECT_EQ(update["remote_id"].asString(), remoteId) << applied.text;
    states.push_back(update["state"].asString());
    progress.push_back(update["progress"].asString());
    if (update["state"].asString() == "succeeded")
      EXPECT_EQ(update["result"]["text"].asString(), "Done: research for hours and build it");
  }
  EXPECT_EQ(states, (std::vector<std::string>{"running", "running", "running", "succeeded"}));
  EXPECT_EQ(progress[1], "Step 1 of 3: working on it");
  EXPECT_EQ(progress[2], "Step 2 of 3: working on it");
}

TEST_F(ManusDispatcherTest, AfterARotationTheRefreshedKeyVerifiesTheNewDeliveries) {
  DeliveryRecorder gateway;
  const std::string hookUrl = gateway.url() + "/webhooks/manus";
  auto d = load(R"("public_url":")" + gateway.url() + "\"");
  const std::string cached = d->verifier("", false).json()["public_key_pem"].asString();
  fake_->rotateKey();
  const std::string remoteId = startTask(*d, "go and book it [ask]");
  gateway.waitFor(1);
  for (int i = 0; i < 3; ++i)
    fake_->control("/_advance", json::parse(R"({"task_id":")" + remoteId + "\"}").value());
  const auto deliveries = gateway.waitFor(4);
  ASSERT_EQ(deliveries.size(), 4u);
  const auto& stopped = deliveries.back();
  const std::string& sig = stopped.headers.at("x-webhook-signature");
  const std::string& ts = stopped.headers.at("x-webhook-timestamp");
  const int64_t now = std::time(nullptr);
  EXPECT_FALSE(webhooks::ManusSignature(cached).verify(sig, ts, hookUrl, stopped.body, now).valid);
  const std::string fresh = d->verifier("", true).json()["public_key_pem"].asString();
  EXPECT_TRUE(webhooks::ManusSignature(fresh).verify(sig, ts, hookUrl, stopped.body, now).valid);
  const json::Value update = d->apply("", headersOf(stopped), stopped.body).json();
  EXPECT_EQ(update["state"].asString(), "waiting_input");
  EXPECT_EQ(update["progress"].asString(), "Which date should I book: Friday or Saturday?");
}

// The documented payloads (open.manus.ai/docs/v2/webhooks-overview), one of
// each event type.
TEST_F(ManusDispatcherTest, ApplyWebhookMapsEachDocumentedEventType) {
  auto d = load();
  const auto apply = [&](const std::string& body) { return d->apply("", {}, body); };

  json::Value created = apply(R"({"event_id":"task_created_task_abc123","event_type":"task_created",
    "task_detail":{"task_id":"task_abc123","task_title":"Generate quarterly sales report",
    "task_url":"https://manus.im/app/task_abc123"}})")
                            .json();
  EXPECT_EQ(created["remote_id"].asString(), "task_abc123");
  EXPECT_EQ(created["state"].asString(), "running");
  EXPECT_EQ(created["progress"].asString(), "created at Manus: Generate quarterly sales report");

  json::Value progress =
      apply(R"({"event_id":"task_progress_TeB_1764187289","event_type":"task_progress",
    "progress_detail":{"task_id":"TeB","progress_type":"plan_update",
    "message":"Generate the TypeScript \"hello world\" function code."}})")
          .json();
  EXPECT_EQ(progress["remote_id"].asString(), "TeB");
  EXPECT_EQ(progress["state"].asString(), "running");
  EXPECT_EQ(progress["progress"].asString(),
            "Generate the TypeScript \"hello world\" function code.");

  json::Value finished =
      apply(R"({"event_id":"task_stopped_TeB_1764187304","event_type":"task_stopped",
    "task_detail":{"task_id":"TeB","task_title":"Hello World Function in TypeScript",
    "task_url":"https://manus.im/app/TeB","message":"Here is the function.",
    "attachments":[{"file_name":"hello_world.ts","url":"https://manus.im/files/hello_world.ts","size_bytes":108}],
    "stop_reason":"finish"}})")
          .json();
  EXPECT_EQ(finished["state"].asString(), "succeeded");
  EXPECT_EQ(finished["result"]["text"].asString(), "Here is the function.");
  EXPECT_EQ(finished["result"]["task_title"].asString(), "Hello World Function in TypeScript");
  EXPECT_EQ(finished["result"]["attachments"][0]["file_name"].asString(), "hello_world.ts");

  json::Value asked = apply(R"({"event_id":"e","event_type":"task_stopped","task_detail":{
    "task_id":"task_abc123","task_title":"Book restaurant reservation","task_url":"u",
    "message":"Which option would you prefer?","attachments":[],"stop_reason":"ask"}})")
                          .json();
  EXPECT_EQ(asked["state"].asString(), "waiting_input");
  EXPECT_EQ(asked["progress"].asString(), "Which option would you prefer?");

  EXPECT_TRUE(apply(R"({"event_id":"x","event_type":"webhook_test"})").json()["ignore"].asBool());

  for (const char* bad :
       {"not json", R"({"event_type":"task_progress","progress_detail":{}})",
        R"({"event_type":"task_stopped","task_detail":{"task_id":"t","stop_reason":"paused"}})"}) {
    const LoadedDispatcher::Call refused = apply(bad);
    EXPECT_NE(refused.rc, MF_OK) << bad;
    EXPECT_EQ(refused.error.code, MF_ERR_INVALID) << bad;
  }
}

}  // namespace
}  // namespace manifold::test
