// The sibling dispatcher plugin (plugins/dispatchers/sibling), loaded from the
// built sibling.so by the host's real loader, its HTTP sent by the host's real
// client through the egress policy, against the fake sibling service
// (tests/fakes/sibling, node) on loopback. Webhooks are signed by the npm
// standardwebhooks library inside the fake and checked with the host's
// StandardWebhooks before the plugin sees them, as the gateway does.
#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include <cstdlib>
#include <ctime>
#include <fstream>

#include "plugins/dispatchers/sibling/LoadedSibling.h"
#include "plugins/dispatchers/sibling/WebhookReceiver.h"
#include "support/FakeSibling.h"
#include "support/TempDir.h"
#include "webhooks/StandardWebhooks.h"

namespace manifold::test {
namespace {

using manifold::json::Value;

const char* const kToken = "sibling-test-token-7f3a";
const char* const kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const char* const kOldSecret = "whsec_dGhlIHNpYmxpbmcgcm90YXRlZCBzZWNyZXQh";

Value parsed(const std::string& text) {
  std::optional<Value> v = manifold::json::parse(text);
  EXPECT_TRUE(v.has_value()) << "not JSON: " << text;
  return v.value_or(Value());
}

// A service entry for plugins.settings.sibling.services.
std::string service(const std::string& id, const std::string& intent, const std::string& endpoint,
                    const std::string& extra = "") {
  return R"({"id":")" + id + R"(","intents":[{"intent":")" + intent + R"(","phrases":["please )" +
         intent + R"( this"],"patterns":[")" + intent + R"( ... now"]}],"endpoint":")" + endpoint +
         R"(","auth_secret_env":"SIBLING_TEST_TOKEN","webhook_secret_env":"SIBLING_TEST_WHSEC")" +
         extra + "}";
}

std::string taskJson(const std::string& taskId, const std::string& intent,
                     const std::string& webhookUrl = "") {
  return R"({"task_id":")" + taskId + R"(","intent":")" + intent +
         R"(","input":{"messages":[{"role":"user","content":"What does clause 7 say?"}]},)"
         R"("metadata":{"source":"test"},"webhook_url":")" +
         webhookUrl + "\"}";
}

class SiblingDispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SIBLING_TEST_TOKEN", kToken, 1);
    setenv("SIBLING_TEST_WRONG_TOKEN", "not-the-token", 1);
    setenv("SIBLING_TEST_WHSEC", kSecret, 1);
    setenv("SIBLING_TEST_WHSEC_OLD", kOldSecret, 1);
  }

  // The fake and a plugin whose "rag" service points at it, and whose "ocr"
  // service it answers at once.
  void startWith(const std::string& extraServices = "") {
    fake_ = std::make_unique<FakeSibling>(
        FakeSibling::Options{kToken, {kSecret, kOldSecret}, 2, {"ocr"}});
    const std::string services = "[" + service("rag", "rag", fake_->endpoint()) + "," +
                                 service("ocr", "ocr", fake_->endpoint()) + extraServices + "]";
    loaded_ = std::make_unique<LoadedSibling>(services, std::vector<uint16_t>{fake_->port()});
    ASSERT_NE(loaded_->plugin(), nullptr) << loaded_->refusal();
    ASSERT_EQ(loaded_->createProblem(), "");
  }

  // The requests the fake received, from its ledger.
  std::vector<Value> received() const {
    const Value ledger = parsed(fake_->ledger());
    return ledger["requests"].asArray();
  }

  std::unique_ptr<FakeSibling> fake_;
  std::unique_ptr<LoadedSibling> loaded_;
};

TEST_F(SiblingDispatcherTest, LoadsAsDispatcherAndIntentsAndDeclaresEachServicesIntents) {
  startWith(", " + service("voice", "voice", ""));
  const auto& kinds = loaded_->plugin()->kinds();
  EXPECT_EQ(kinds, (std::vector<std::string>{MF_KIND_DISPATCHER, MF_KIND_INTENTS}));
  EXPECT_EQ(loaded_->plugin()->abiMinor(), static_cast<uint32_t>(MANIFOLD_ABI_MINOR));
  ASSERT_NE(loaded_->plugin()->intents(), nullptr);
  std::vector<std::string> names;
  for (const auto& intent : loaded_->plugin()->intents()->intents()) names.push_back(intent.intent);
  EXPECT_EQ(names, (std::vector<std::string>{"rag", "ocr", "voice"}))
      << "a disabled service's intents are declared too";
}

TEST_F(SiblingDispatcherTest, ServiceWithoutEndpointIsListedDisabledWithItsIntents) {
  startWith(", " + service("voice", "voice", ""));
  const DispatchOutcome listed = loaded_->listServices();
  ASSERT_TRUE(listed.ok()) << listed.message();
  const Value services = parsed(listed.json);
  ASSERT_EQ(services.size(), 3u);
  EXPECT_EQ(services[0]["service"].asString(), "rag");
  EXPECT_TRUE(services[0]["enabled"].asBool());
  EXPECT_EQ(services[0]["intents"][0].asString(), "rag");
  EXPECT_EQ(services[2]["service"].asString(), "voice");
  EXPECT_FALSE(services[2]["enabled"].asBool(true));
  EXPECT_EQ(services[2]["detail"].asString(), "endpoint not set");
  EXPECT_EQ(services[2]["intents"][0].asString(), "voice");

  const DispatchOutcome refused = loaded_->start("voice", taskJson("task_v", "voice"));
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(refused.error.code, MF_ERR_UNAVAILABLE);
  EXPECT_NE(refused.message().find("endpoint not set"), std::string::npos) << refused.message();
}

TEST_F(SiblingDispatcherTest, StartCheckStopRoundTripReachesTheService) {
  startWith();
  const DispatchOutcome started = loaded_->start("rag", taskJson("task_1", "rag"));
  ASSERT_TRUE(started.ok()) << started.message();
  const Value update = parsed(started.json);
  const std::string remoteId = update["remote_id"].asString();
  EXPECT_FALSE(remoteId.empty());
  EXPECT_EQ(update["state"].asString(), "running");

  // What the service received: the protocol's create body, with the secret.
  std::vector<Value> requests = received();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0]["method"].asString(), "POST");
  EXPECT_EQ(requests[0]["path"].asString(), "/tasks");
  EXPECT_TRUE(requests[0]["authorized"].asBool()) << "the Bearer secret was not sent";
  const Value body = parsed(requests[0]["body"].asString());
  EXPECT_EQ(body["task_id"].asString(), "task_1");
  EXPECT_EQ(body["intent"].asString(), "rag");
  EXPECT_EQ(body["input"]["messages"][0]["content"].asString(), "What does clause 7 say?");
  EXPECT_EQ(body["metadata"]["source"].asString(), "test");
  EXPECT_FALSE(body.contains("webhook_url")) << "an empty webhook_url is left out";

  ASSERT_EQ(fake_->advance(remoteId), 200);
  const DispatchOutcome checked = loaded_->check("rag", remoteId);
  ASSERT_TRUE(checked.ok()) << checked.message();
  EXPECT_EQ(parsed(checked.json)["remote_id"].asString(), remoteId);
  EXPECT_EQ(parsed(checked.json)["state"].asString(), "running");
  EXPECT_EQ(parsed(checked.json)["progress"].asString(), "step 1 of 2");

  const DispatchOutcome stopped = loaded_->stop("rag", remoteId);
  ASSERT_TRUE(stopped.ok()) << stopped.message();
  requests = received();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[2]["path"].asString(), "/tasks/" + remoteId + "/cancel");
  EXPECT_TRUE(requests[2]["authorized"].asBool());
  EXPECT_EQ(parsed(loaded_->check("rag", remoteId).json)["state"].asString(), "cancelled");
}

TEST_F(SiblingDispatcherTest, TaskRunsToSucceededWithItsResult) {
  startWith();
  const std::string remoteId =
      parsed(loaded_->start("rag", taskJson("task_2", "rag")).json)["remote_id"].asString();
  ASSERT_EQ(fake_->advance(remoteId), 200);
  ASSERT_EQ(fake_->advance(remoteId), 200);
  const Value done = parsed(loaded_->check("rag", remoteId).json);
  EXPECT_EQ(done["state"].asString(), "succeeded");
  EXPECT_EQ(done["result"]["answer"].asString(), "done: rag");
  EXPECT_EQ(done["result"]["task_id"].asString(), "task_2");
}

TEST_F(SiblingDispatcherTest, ImmediateAnswerIs200WithAFinalStateAndResult) {
  startWith();
  const DispatchOutcome started = loaded_->start("ocr", taskJson("task_3", "ocr"));
  ASSERT_TRUE(started.ok()) << started.message();
  const Value update = parsed(started.json);
  EXPECT_EQ(update["state"].asString(), "succeeded");
  EXPECT_EQ(update["result"]["answer"].asString(), "done at once: ocr");
  EXPECT_FALSE(update["remote_id"].asString().empty());
}

TEST_F(SiblingDispatcherTest, StartingTheSameTaskTwiceStartsOneRemoteTask) {
  startWith();
  const Value first = parsed(loaded_->start("rag", taskJson("task_4", "rag")).json);
  const Value again = parsed(loaded_->start("rag", taskJson("task_4", "rag")).json);
  EXPECT_EQ(first["remote_id"].asString(), again["remote_id"].asString());
}

TEST_F(SiblingDispatcherTest, WrongAuthSecretIsAnAuthErrorAndNothingStarts) {
  // A service pointing at the fake with a secret it does not accept.
  fake_ = std::make_unique<FakeSibling>(FakeSibling::Options{kToken, {kSecret}, 2, {}});
  std::string wrong = service("eval", "eval", fake_->endpoint());
  wrong.replace(wrong.find("SIBLING_TEST_TOKEN"), 18, "SIBLING_TEST_WRONG_TOKEN");
  loaded_ =
      std::make_unique<LoadedSibling>("[" + wrong + "]", std::vector<uint16_t>{fake_->port()});
  ASSERT_NE(loaded_->plugin(), nullptr) << loaded_->refusal();

  const DispatchOutcome refused = loaded_->start("eval", taskJson("task_5", "eval"));
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(refused.error.code, MF_ERR_AUTH);
  EXPECT_EQ(refused.error.upstream_status, 401);
  EXPECT_EQ(refused.error.retryable, 0);
  EXPECT_NE(refused.message().find("sibling service \"eval\""), std::string::npos)
      << refused.message();
  EXPECT_EQ(refused.message().find("not-the-token"), std::string::npos) << "a secret in a message";
  const std::vector<Value> requests = received();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_FALSE(requests[0]["authorized"].asBool(true));
}

TEST_F(SiblingDispatcherTest, AuthSecretFromAFileIsSentAndAnUnsetOneDisablesTheService) {
  fake_ = std::make_unique<FakeSibling>(FakeSibling::Options{kToken, {}, 2, {}});
  TempDir secrets;
  std::ofstream(secrets / "rag.token") << kToken << "\n";
  std::string fromFile = service("rag", "rag", fake_->endpoint());
  fromFile.replace(fromFile.find(R"("auth_secret_env":"SIBLING_TEST_TOKEN")"), 38,
                   R"("auth_secret_file":")" + (secrets / "rag.token").string() + "\"");
  std::string unset = service("eval", "eval", fake_->endpoint());
  unset.replace(unset.find("SIBLING_TEST_TOKEN"), 18, "SIBLING_TEST_UNSET_TOKEN");
  unsetenv("SIBLING_TEST_UNSET_TOKEN");
  loaded_ = std::make_unique<LoadedSibling>("[" + fromFile + "," + unset + "]",
                                            std::vector<uint16_t>{fake_->port()});
  ASSERT_NE(loaded_->plugin(), nullptr) << loaded_->refusal();

  const DispatchOutcome started = loaded_->start("rag", taskJson("task_f", "rag"));
  ASSERT_TRUE(started.ok()) << started.message();
  ASSERT_EQ(received().size(), 1u);
  EXPECT_TRUE(received()[0]["authorized"].asBool()) << "the file's secret, newline trimmed";

  const Value services = parsed(loaded_->listServices().json);
  EXPECT_TRUE(services[0]["enabled"].asBool());
  EXPECT_FALSE(services[1]["enabled"].asBool(true));
  EXPECT_EQ(services[1]["detail"].asString(),
            "auth secret (env SIBLING_TEST_UNSET_TOKEN) is not set");
  const DispatchOutcome refused = loaded_->start("eval", taskJson("task_g", "eval"));
  EXPECT_EQ(refused.error.code, MF_ERR_AUTH);
  EXPECT_EQ(received().size(), 1u) << "nothing is sent without the secret";
}

TEST_F(SiblingDispatcherTest, ServerErrorsAndRateLimitsAreRetryable) {
  startWith();
  fake_->fault(503, 1, "2");
  const DispatchOutcome unavailable = loaded_->start("rag", taskJson("task_6", "rag"));
  EXPECT_FALSE(unavailable.ok());
  EXPECT_EQ(unavailable.error.code, MF_ERR_UNAVAILABLE);
  EXPECT_EQ(unavailable.error.retryable, 1);
  EXPECT_EQ(unavailable.error.upstream_status, 503);
  EXPECT_EQ(unavailable.error.retry_after_ms, 2000);
  EXPECT_NE(unavailable.message().find("fault injected: 503"), std::string::npos)
      << "the service's own message is quoted: " << unavailable.message();

  fake_->fault(429);
  const DispatchOutcome limited = loaded_->check("rag", "rem-1");
  EXPECT_EQ(limited.error.code, MF_ERR_RATE_LIMITED);
  EXPECT_EQ(limited.error.retryable, 1);

  // The fault is spent: the retry succeeds.
  EXPECT_TRUE(loaded_->start("rag", taskJson("task_6", "rag")).ok());
}

TEST_F(SiblingDispatcherTest, UnknownRemoteIdIsNotFound) {
  startWith();
  for (const DispatchOutcome& outcome :
       {loaded_->check("rag", "rem-404"), loaded_->stop("rag", "rem-404")}) {
    EXPECT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error.code, MF_ERR_NOT_FOUND);
    EXPECT_EQ(outcome.error.upstream_status, 404);
  }
}

TEST_F(SiblingDispatcherTest, UnknownServiceIsNotFound) {
  startWith();
  const DispatchOutcome outcome = loaded_->start("translate", taskJson("task_7", "translate"));
  EXPECT_EQ(outcome.error.code, MF_ERR_NOT_FOUND);
  EXPECT_NE(outcome.message().find("\"translate\""), std::string::npos) << outcome.message();
  EXPECT_TRUE(received().empty());
}

TEST_F(SiblingDispatcherTest, EgressPolicyAppliesToTheServiceCalls) {
  fake_ = std::make_unique<FakeSibling>(FakeSibling::Options{kToken, {}, 2, {}});
  // Loopback is refused unless egress.allow names the port; here it does not.
  loaded_ = std::make_unique<LoadedSibling>("[" + service("rag", "rag", fake_->endpoint()) + "]",
                                            std::vector<uint16_t>{});
  ASSERT_NE(loaded_->plugin(), nullptr) << loaded_->refusal();
  const DispatchOutcome refused = loaded_->start("rag", taskJson("task_8", "rag"));
  EXPECT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("could not be reached for create"), std::string::npos)
      << refused.message();
  EXPECT_TRUE(received().empty()) << "the request left despite the egress policy";
}

TEST_F(SiblingDispatcherTest, WebhookVerifierNamesEverySecretForRotation) {
  startWith(", " +
            service("eval", "eval", "http://127.0.0.1:9",
                    R"(,"webhook_secret_file":")" + std::string(MANIFOLD_SOURCE_DIR) +
                        R"(/tests/plugins/dispatchers/sibling/old-secret.txt")") +
            ", " +
            R"({"id":"voice","intents":[{"intent":"voice","phrases":["read this aloud"]}],)"
            R"("auth_secret_env":"SIBLING_TEST_TOKEN"})");
  const Value rag = parsed(loaded_->verifier("rag").json);
  EXPECT_EQ(rag["scheme"].asString(), "standard-webhooks");
  ASSERT_EQ(rag["secrets"].size(), 1u);
  EXPECT_EQ(rag["secrets"][0].asString(), kSecret);

  // One secret from the environment, one from a file: both verify while the
  // sender rotates.
  const Value eval = parsed(loaded_->verifier("eval").json);
  ASSERT_EQ(eval["secrets"].size(), 2u);
  EXPECT_EQ(eval["secrets"][0].asString(), kSecret);
  EXPECT_EQ(eval["secrets"][1].asString(), kOldSecret);

  EXPECT_EQ(parsed(loaded_->verifier("voice").json)["scheme"].asString(), "none")
      << "without a webhook secret deliveries are refused";
}

TEST_F(SiblingDispatcherTest, SignedWebhooksFromTheServiceBecomeTaskUpdates) {
  startWith();
  WebhookReceiver receiver;
  const Value started =
      parsed(loaded_->start("rag", taskJson("task_9", "rag", receiver.url())).json);
  const std::string remoteId = started["remote_id"].asString();
  ASSERT_EQ(fake_->advance(remoteId), 200);
  ASSERT_EQ(fake_->advance(remoteId), 200);
  const std::vector<Delivery> deliveries = receiver.waitFor(3);
  ASSERT_EQ(deliveries.size(), 3u) << fake_->ledger();

  const Value verifier = parsed(loaded_->verifier("rag").json);
  ASSERT_EQ(verifier["scheme"].asString(), "standard-webhooks");
  const webhooks::StandardWebhooks scheme(verifier["secrets"][0].asString());
  std::vector<Value> updates;
  for (const Delivery& d : deliveries) {
    EXPECT_NE(d.signature.find(' '), std::string::npos) << "two secrets, two signatures";
    const webhooks::Verdict verdict =
        scheme.verify(d.id, d.timestamp, d.signature, d.body, std::time(nullptr));
    ASSERT_TRUE(verdict.valid) << verdict.reason;
    const DispatchOutcome applied = loaded_->applyWebhook("rag", {{"webhook-id", d.id}}, d.body);
    ASSERT_TRUE(applied.ok()) << applied.message();
    updates.push_back(parsed(applied.json));
  }
  for (const Value& u : updates) {
    EXPECT_EQ(u["remote_id"].asString(), remoteId);
    EXPECT_EQ(u["task_id"].asString(), "task_9");
  }
  EXPECT_EQ(updates[0]["state"].asString(), "running");
  EXPECT_EQ(updates[1]["progress"].asString(), "step 1 of 2");
  EXPECT_EQ(updates[2]["state"].asString(), "succeeded");
  EXPECT_EQ(updates[2]["result"]["answer"].asString(), "done: rag");
  EXPECT_EQ(parsed(received()[0]["body"].asString())["webhook_url"].asString(), receiver.url());
}

TEST_F(SiblingDispatcherTest, WebhookBodiesThatAreNotTheProtocolsAreRefusedOrIgnored) {
  startWith();
  const DispatchOutcome notJson = loaded_->applyWebhook("rag", {}, "{\"type\":");
  EXPECT_EQ(notJson.error.code, MF_ERR_INVALID);
  EXPECT_NE(notJson.message().find("not a JSON object"), std::string::npos) << notJson.message();

  const DispatchOutcome noTask =
      loaded_->applyWebhook("rag", {}, R"({"type":"task.updated","data":{"state":"running"}})");
  EXPECT_EQ(noTask.error.code, MF_ERR_INVALID);
  EXPECT_NE(noTask.message().find("names no task"), std::string::npos) << noTask.message();

  const DispatchOutcome badState = loaded_->applyWebhook(
      "rag", {}, R"({"type":"task.updated","data":{"id":"rem-1","state":"done"}})");
  EXPECT_EQ(badState.error.code, MF_ERR_INVALID);

  const DispatchOutcome other =
      loaded_->applyWebhook("rag", {}, R"({"type":"service.ping","data":{}})");
  ASSERT_TRUE(other.ok()) << other.message();
  EXPECT_TRUE(parsed(other.json)["ignore"].asBool());
}

// Each malformed setting refuses the plugin at load, with the field named.
TEST(SiblingSettingsTest, MalformedSettingsRefuseThePluginWithTheReason) {
  const std::string intents = R"("intents":[{"intent":"rag","phrases":["ask the pdf"]}])";
  const std::string auth = R"("auth_secret_env":"T")";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1", "services: must be a list of services"},
      {"[{" + intents + "," + auth + "}]", "services[0].id: a name is required"},
      {R"([{"id":"Rag!",)" + intents + "," + auth + "}]", "services[0].id: \"Rag!\" is not"},
      {R"([{"id":"rag",)" + intents + "," + auth + R"(,"endpoint":"ftp://x"}])",
       "services[0].endpoint: must start with http:// or https://"},
      {R"([{"id":"rag",)" + intents + "," + auth + R"(,"endpoint":"https://u:p@x/v1"}])",
       "services[0].endpoint: must not carry credentials"},
      {R"([{"id":"rag",)" + intents + "}]", "services[0]: name the auth secret once"},
      {R"([{"id":"rag",)" + intents + "," + auth + R"(,"auth_secret_file":"/x"}])",
       "services[0]: name the auth secret once"},
      {R"([{"id":"rag",)" + intents + "," + auth + R"(,"endpont":"http://x"}])",
       "services[0]: unknown field \"endpont\""},
      {R"([{"id":"rag","intents":[],)" + auth + "}]",
       "services[0].intents: must list at least one intent"},
      {R"([{"id":"rag","intents":[{"intent":"rag"}],)" + auth + "}]",
       "intent \"rag\" needs at least one phrase or pattern"},
      {R"([{"id":"rag",)" + intents + "," + auth + R"(},{"id":"pdf",)" + intents + "," + auth +
           "}]",
       "services[1].intents: intent \"rag\" is already served by \"rag\""},
      {R"([{"id":"rag",)" + intents + "," + auth + R"(,"timeout_ms":5}])",
       "services[0].timeout_ms: must be an integer from 100 to 600000"},
  };
  for (const auto& [services, reason] : cases) {
    LoadedSibling loaded(services, {});
    EXPECT_EQ(loaded.plugin(), nullptr) << services;
    EXPECT_NE(loaded.refusal().find(reason), std::string::npos)
        << "settings " << services << "\nrefused with: " << loaded.refusal();
  }
}

// An intent phrase the router cannot compile is the host's to refuse, naming it.
TEST(SiblingSettingsTest, AMalformedPatternIsRefusedByTheHostNamingIt) {
  LoadedSibling loaded(
      R"([{"id":"ocr","intents":[{"intent":"ocr","patterns":["\\bocr\\b"]}],"auth_secret_env":"T"}])",
      {});
  EXPECT_EQ(loaded.plugin(), nullptr);
  EXPECT_NE(loaded.refusal().find("intent \"ocr\" has a malformed pattern"), std::string::npos)
      << loaded.refusal();
}

}  // namespace
}  // namespace manifold::test
