// Mid-stream continuation on a prefill-capable engine, and the attempts
// ledger that accounting reads.
#include "FailoverFixture.h"

namespace manifold::test {
namespace {

class ContinuationTest : public FailoverFixture {
 protected:
  void startWithContinuation(bool enabled) {
    config::ModeConfig m = mode("smart", {"a", "b"});
    m.continuation = enabled;
    config::EngineConfig b = engine("b");
    b.capabilities.prefill = true;
    start({engine("a"), b}, {m});
    FakeBehaviour cut;
    cut.tokens = {"The", " quick", " brown"};
    cut.cutAfterTokens = 2;
    fake_.script("a", {cut});
  }
};

TEST_F(ContinuationTest, CutStreamContinuesOnAPrefillEngine) {
  startWithContinuation(true);
  FakeBehaviour rest;
  rest.tokens = {" brown", " fox"};
  fake_.script("b", {rest});
  HttpResult r = chat("mode/smart", true);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(streamedText(r.body), "The quick brown fox");
  EXPECT_EQ(ssePayloads(r.body).back(), "[DONE]");
  ASSERT_EQ(fake_.bodies("b").size(), 1u);
  Poco::JSON::Object::Ptr sent = parseObject(fake_.bodies("b")[0]);
  Poco::JSON::Array::Ptr messages = sent->getArray("messages");
  Poco::JSON::Object::Ptr last = messages->getObject(messages->size() - 1);
  EXPECT_EQ(last->getValue<std::string>("role"), "assistant");
  EXPECT_EQ(last->getValue<std::string>("content"), "The quick");
}

TEST_F(ContinuationTest, FailedContinuationReportsTheOriginalFailure) {
  startWithContinuation(true);
  FakeBehaviour refuse;
  refuse.status = 400;
  refuse.body = R"({"error":{"message":"assistant prefill is not supported"}})";
  fake_.script("b", {refuse});
  HttpResult r = chat("mode/smart", true);
  EXPECT_EQ(streamedText(r.body), "The quick");
  EXPECT_EQ(r.body.find("prefill is not supported"), std::string::npos) << r.body;
  EXPECT_NE(ssePayloads(r.body).back().find("\"error\""), std::string::npos);
  EXPECT_NE(r.body.find("cut"), std::string::npos) << r.body;
}

TEST_F(ContinuationTest, OffByDefault) {
  startWithContinuation(false);
  HttpResult r = chat("mode/smart", true);
  EXPECT_EQ(streamedText(r.body), "The quick");
  EXPECT_EQ(fake_.requests("b"), 0);
}

class AccountingTest : public FailoverFixture {};

TEST_F(AccountingTest, FailedAttemptsAreRecordedWithReasonsAndNeverBilled) {
  start({engine("a"), engine("b")}, {mode("smart", {"a", "b"})});
  FakeBehaviour down;
  down.status = 503;
  fake_.script("a", {down});
  HttpResult r = chat("mode/smart", false, R"("stream_options":{"include_usage":true})");
  ASSERT_EQ(r.status, 200);
  Poco::JSON::Object::Ptr usage = parseObject(r.body)->getObject("usage");
  EXPECT_EQ(usage->getValue<int>("prompt_tokens"), 7) << "usage is the answering engine's";
  EXPECT_EQ(usage->getValue<int>("completion_tokens"), 2);

  const std::vector<std::string> rows =
      attemptRows("engine_id, outcome, billed, upstream_status, completion_tokens");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], "a:failed:0:503:0");
  EXPECT_EQ(rows[1], "b:answered:1:0:2");
  const std::vector<std::string> reasons = attemptRows("reason");
  EXPECT_NE(reasons[0].find("503"), std::string::npos) << reasons[0];
}

}  // namespace
}  // namespace manifold::test
