// Commit rules: nothing reaches the client before an attempt's first content
// event; after it, a failure ends the stream visibly, never as a success.
#include "FailoverFixture.h"

namespace manifold::test {
namespace {

class CommitRulesTest : public FailoverFixture {
 protected:
  void SetUp() override {
    start({engine("a"), engine("b")}, {mode("smart", {"a", "b"})});
    FakeBehaviour fromB;
    fromB.tokens = {"from", " b"};
    fake_.script("b", {fromB});
  }

  // Every chunk of a stream, checked for what a truncated stream must never
  // carry: a [DONE] and a finish_reason of "stop".
  static void expectVisibleFailure(const HttpResult& r) {
    const std::vector<std::string> payloads = ssePayloads(r.body);
    ASSERT_FALSE(payloads.empty()) << r.body;
    EXPECT_NE(payloads.back().find("\"error\""), std::string::npos) << r.body;
    for (const std::string& p : payloads) {
      EXPECT_NE(p, "[DONE]");
      EXPECT_EQ(p.find("\"finish_reason\":\"stop\""), std::string::npos) << p;
    }
  }
};

TEST_F(CommitRulesTest, RoleOnlyDeltasAndKeepAlivesDoNotCommit) {
  FakeBehaviour cutBeforeContent;
  cutBeforeContent.keepAliveComments = true;
  cutBeforeContent.cutAfterTokens = 0;  // role delta and keep-alive, then the connection drops
  fake_.script("a", {cutBeforeContent});
  HttpResult r = chat("mode/smart", true);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(streamedText(r.body), "from b");
  EXPECT_EQ(r.header("x-manifold-engine"), "b");
  EXPECT_EQ(r.header("x-manifold-attempts"), "2");
  int roleDeltas = 0;
  for (const std::string& p : ssePayloads(r.body))
    if (p.find("\"role\":\"assistant\"") != std::string::npos) ++roleDeltas;
  EXPECT_EQ(roleDeltas, 1) << r.body;
  EXPECT_EQ(ssePayloads(r.body).back(), "[DONE]");
}

TEST_F(CommitRulesTest, NonStreamingAnswerIsNeverTruncated) {
  FakeBehaviour cut;
  cut.cutAfterTokens = 1;
  fake_.script("a", {cut});
  HttpResult r = chat("mode/smart", false);
  ASSERT_EQ(r.status, 200) << r.body;
  Poco::JSON::Object::Ptr completion = parseObject(r.body);
  EXPECT_EQ(completion->getValue<std::string>("object"), "chat.completion");
  EXPECT_EQ(completion->getValue<std::string>("model"), "b");
  EXPECT_EQ(
      completion->getArray("choices")->getObject(0)->getObject("message")->getValue<std::string>(
          "content"),
      "from b");
  EXPECT_EQ(fake_.requests("a"), 1);
}

TEST_F(CommitRulesTest, StreamCutAfterCommitEndsWithAnErrorEvent) {
  FakeBehaviour cut;
  cut.tokens = {"Hello", " there", " friend"};
  cut.cutAfterTokens = 1;
  fake_.script("a", {cut});
  HttpResult r = chat("mode/smart", true);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(streamedText(r.body), "Hello");
  EXPECT_EQ(r.header("x-manifold-engine"), "a");
  expectVisibleFailure(r);
  EXPECT_EQ(fake_.requests("b"), 0);  // committed: the answer is a's, whatever happens
}

TEST_F(CommitRulesTest, StallAfterCommitIsDetectedByTheIdleTimeout) {
  gateway_.reset();
  config::ModeConfig m = mode("smart", {"a", "b"});
  m.idleTimeoutMs = 200;
  start({engine("a"), engine("b")}, {m});
  FakeBehaviour stall;
  stall.tokens = {"Hello", " there"};
  stall.stallAfterTokens = 1;
  stall.stallMs = 10000;
  fake_.script("a", {stall});
  HttpResult r = chat("mode/smart", true);
  EXPECT_EQ(streamedText(r.body), "Hello");
  expectVisibleFailure(r);
  EXPECT_NE(r.body.find("stalled"), std::string::npos) << r.body;
}

TEST_F(CommitRulesTest, MalformedEventBeforeCommitIsAFailedAttempt) {
  FakeBehaviour malformed;
  malformed.malformedAfterTokens = 0;
  fake_.script("a", {malformed});
  HttpResult r = chat("mode/smart", true);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(streamedText(r.body), "from b");
  EXPECT_EQ(r.body.find("{\"choices\":[{\"delta\":{\"content\":"), std::string::npos)
      << "nothing unparsed reaches the client";
}

TEST_F(CommitRulesTest, MalformedEventAfterCommitBecomesACleanError) {
  FakeBehaviour malformed;
  malformed.malformedAfterTokens = 1;
  fake_.script("a", {malformed});
  HttpResult r = chat("mode/smart", true);
  EXPECT_EQ(streamedText(r.body), "Hello");
  expectVisibleFailure(r);
  EXPECT_EQ(gateway_->client().get("/healthz").status, 200);
  EXPECT_EQ(chat("mode/smart", false).status, 200) << "the process keeps serving";
}

TEST_F(CommitRulesTest, StreamEndingWithoutDoneIsFinalisedWithUsage) {
  FakeBehaviour noDone;
  noDone.omitDone = true;
  fake_.script("a", {noDone});
  HttpResult r = chat("mode/smart", true, R"("stream_options":{"include_usage":true})");
  ASSERT_EQ(r.status, 200);
  const std::vector<std::string> payloads = ssePayloads(r.body);
  ASSERT_GE(payloads.size(), 3u) << r.body;
  EXPECT_EQ(payloads.back(), "[DONE]");
  Poco::JSON::Object::Ptr usageChunk = parseObject(payloads[payloads.size() - 2]);
  EXPECT_EQ(usageChunk->getArray("choices")->size(), 0u);
  EXPECT_EQ(usageChunk->getObject("usage")->getValue<int>("completion_tokens"), 2);
  EXPECT_EQ(usageChunk->getObject("usage")->getValue<int>("prompt_tokens"), 7);
  EXPECT_NE(r.body.find("\"finish_reason\":\"stop\""), std::string::npos);
}

TEST_F(CommitRulesTest, NonStreamingClientsAreReadAsStreamsUnlessTheModeMatchesThem) {
  EXPECT_EQ(chat("mode/smart", false).status, 200);
  EXPECT_NE(fake_.bodies("a").back().find("\"stream\":true"), std::string::npos)
      << "by default the upstream is read as a stream, so its timeouts apply";

  gateway_.reset();
  config::ModeConfig matched = mode("smart", {"a", "b"});
  matched.alwaysStreamUpstream = false;
  start({engine("a"), engine("b")}, {matched});
  FakeBehaviour down;
  down.status = 503;
  fake_.script("a", {down});
  HttpResult r = chat("mode/smart", false);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "b");
  EXPECT_EQ(fake_.bodies("b").back().find("\"stream\":true"), std::string::npos)
      << "sent upstream as the client sent it: " << fake_.bodies("b").back();
  Poco::JSON::Object::Ptr completion = parseObject(r.body);
  EXPECT_EQ(
      completion->getArray("choices")->getObject(0)->getObject("message")->getValue<std::string>(
          "content"),
      "from b");
  EXPECT_EQ(completion->getObject("usage")->getValue<int>("completion_tokens"), 2);
  EXPECT_EQ(chat("mode/smart", true).status, 200) << "streaming clients still stream";
  EXPECT_NE(fake_.bodies("b").back().find("\"stream\":true"), std::string::npos);
}

}  // namespace
}  // namespace manifold::test
