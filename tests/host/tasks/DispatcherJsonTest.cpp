// What a dispatcher plugin writes is read strictly: a wrong field is a
// DispatchError that names it, never a silent default.
#include <gtest/gtest.h>

#include "tasks/DispatcherJson.h"

namespace manifold::tasks {
namespace {

TEST(DispatcherJsonTest, ReadsAFullUpdate) {
  const RemoteUpdate u =
      parseTaskUpdate(R"({"remote_id":"r1","state":"succeeded","progress":"done","result":{"a":1},)"
                      R"("poll_after_ms":1500,"task_id":"task_1"})");
  EXPECT_EQ(u.update.remoteId, "r1");
  EXPECT_EQ(u.update.state, TaskState::Succeeded);
  EXPECT_EQ(u.update.progress, "done");
  EXPECT_EQ(u.update.resultJson, R"({"a":1})");
  EXPECT_EQ(u.pollAfterMs, 1500);
  EXPECT_EQ(u.taskId, "task_1");
  EXPECT_FALSE(u.ignore);
  EXPECT_TRUE(parseTaskUpdate(R"({"ignore":true})").ignore);
}

void expectRefusal(const std::string& text, const std::string& names) {
  try {
    parseTaskUpdate(text);
    ADD_FAILURE() << text << " was accepted";
  } catch (const DispatchError& e) {
    EXPECT_EQ(e.status, 502);
    EXPECT_NE(std::string(e.what()).find(names), std::string::npos) << e.what();
  }
}

TEST(DispatcherJsonTest, RefusesWhatIsWrongNamingTheField) {
  expectRefusal(R"({"state":"done"})", "\"state\"");
  expectRefusal(R"([1])", "not an object");
  expectRefusal(R"(nope)", "not JSON");
  expectRefusal(R"({"result":"text"})", "\"result\"");
  expectRefusal(R"({"error":1})", "\"error\"");
  expectRefusal(R"({"poll_after_ms":-1})", "\"poll_after_ms\"");
  expectRefusal(R"({"progress":3})", "\"progress\"");
  expectRefusal(R"({"ignore":"yes"})", "\"ignore\"");
}

TEST(DispatcherJsonTest, ReadsServicesAndVerifiers) {
  const auto services = parseServices(
      R"([{"service":"rag","intents":["rag","pdf"],"enabled":false,"detail":"no endpoint"}])");
  ASSERT_EQ(services.size(), 1u);
  EXPECT_EQ(services[0].service, "rag");
  EXPECT_EQ(services[0].intents, (std::vector<std::string>{"rag", "pdf"}));
  EXPECT_FALSE(services[0].enabled);
  EXPECT_EQ(services[0].detail, "no endpoint");
  EXPECT_THROW(parseServices(R"({"service":"x"})"), DispatchError);
  EXPECT_THROW(parseServices(R"([{"intents":"rag"}])"), DispatchError);

  const WebhookVerifier standard =
      parseVerifier(R"({"scheme":"standard-webhooks","secrets":["whsec_a","whsec_b"]})");
  EXPECT_EQ(standard.scheme, WebhookVerifier::Scheme::StandardWebhooks);
  EXPECT_EQ(standard.secrets.size(), 2u);
  EXPECT_EQ(parseVerifier(R"({"scheme":"manus-rsa","public_key_pem":"PEM"})").publicKeyPem, "PEM");
  EXPECT_EQ(parseVerifier(R"({"scheme":"none"})").scheme, WebhookVerifier::Scheme::None);
  EXPECT_THROW(parseVerifier(R"({"scheme":"hmac-md5"})"), DispatchError);
  EXPECT_THROW(parseVerifier(R"({"scheme":"manus-rsa"})"), DispatchError);
}

}  // namespace
}  // namespace manifold::tasks
