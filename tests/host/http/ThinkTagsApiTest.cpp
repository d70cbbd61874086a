// Inline <think> spans through a real gateway: whatever way the upstream cuts
// them, the client gets the reasoning as reasoning_content and never as
// content, streaming or not.
#include "../failover/FailoverFixture.h"

namespace manifold::test {
namespace {

// The concatenated delta.reasoning_content of an OpenAI chunk stream.
std::string streamedReasoning(const std::string& body) {
  std::string text;
  for (const std::string& payload : ssePayloads(body)) {
    if (payload == "[DONE]") continue;
    Poco::JSON::Array::Ptr choices = parseObject(payload)->getArray("choices");
    if (!choices || choices->size() == 0) continue;
    Poco::JSON::Object::Ptr delta = choices->getObject(0)->getObject("delta");
    if (delta && delta->has("reasoning_content"))
      text += delta->getValue<std::string>("reasoning_content");
  }
  return text;
}

std::vector<std::string> oneBytePerToken(const std::string& text) {
  std::vector<std::string> tokens;
  for (char c : text) tokens.emplace_back(1, c);
  return tokens;
}

class ThinkTagsApiTest : public FailoverFixture {
 protected:
  void SetUp() override {
    config::ModeConfig matchClient = mode("direct", {"r1"});
    matchClient.alwaysStreamUpstream = false;
    start({engine("r1"), engine("a"), engine("b")},
          {mode("reasoner", {"r1"}), matchClient, mode("pair", {"a", "b"})});
  }

  void script(std::vector<std::string> tokens) {
    FakeBehaviour b;
    b.tokens = std::move(tokens);
    fake_.script("r1", {b});
  }

  void expectSplitWhenStreamed(const std::string& why) {
    SCOPED_TRACE(why);
    HttpResult r = chat("mode/reasoner", true);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(streamedText(r.body), "Answer");
    EXPECT_EQ(streamedReasoning(r.body), "secret plan");
    EXPECT_EQ(r.body.find("think"), std::string::npos) << r.body;
    EXPECT_EQ(ssePayloads(r.body).back(), "[DONE]");
  }

  void expectSplitWhole(const std::string& model) {
    SCOPED_TRACE(model);
    HttpResult r = chat(model, false);
    ASSERT_EQ(r.status, 200) << r.body;
    Poco::JSON::Object::Ptr message =
        parseObject(r.body)->getArray("choices")->getObject(0)->getObject("message");
    EXPECT_EQ(message->getValue<std::string>("content"), "Answer");
    EXPECT_EQ(message->getValue<std::string>("reasoning_content"), "secret plan");
  }
};

TEST_F(ThinkTagsApiTest, TagsSplitAcrossChunksNeverReachTheContent) {
  script({"<thi", "nk>secret plan</th", "ink>Answer"});
  expectSplitWhenStreamed("tags split over two chunks each");
  script(oneBytePerToken("<think>secret plan</think>Answer"));
  expectSplitWhenStreamed("one byte per chunk");
}

TEST_F(ThinkTagsApiTest, NonStreamingAnswersKeepReasoningOutOfTheContent) {
  script({"<thi", "nk>secret plan</th", "ink>Answer"});
  expectSplitWhole("mode/reasoner");  // the upstream is still read as a stream
  expectSplitWhole("mode/direct");    // one whole upstream answer: "<think>...</think>Answer"
  EXPECT_FALSE(parseObject(fake_.bodies("r1").back())->optValue<bool>("stream", false))
      << "the second answer came upstream whole";
}

TEST_F(ThinkTagsApiTest, AHeldBackTagPrefixIsNoFirstToken) {
  // "<thi" could still become a tag, so nothing was committed when the
  // stream broke: the client never hears of the first engine.
  FakeBehaviour cut;
  cut.tokens = {"<thi", "nk>plan</think>Answer"};
  cut.cutAfterTokens = 1;
  fake_.script("a", {cut});
  HttpResult r = chat("mode/pair", true);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "b");
  EXPECT_EQ(r.header("x-manifold-attempts"), "2");
  EXPECT_EQ(streamedText(r.body), "Hello world");
  EXPECT_EQ(streamedReasoning(r.body), "");
}

TEST_F(ThinkTagsApiTest, TheAnthropicAndNativeApisNeverShowReasoningAsAnswerText) {
  const std::vector<std::string> tokens = {"<thi", "nk>secret plan</th", "ink>Answer"};
  script(tokens);
  // Anthropic: reasoning is a thinking block only when the client asked for it.
  HttpResult r = gateway_->client().post(
      "/v1/messages",
      R"({"model":"mode/reasoner","max_tokens":50,"messages":[{"role":"user","content":"q"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  Poco::JSON::Array::Ptr content = parseObject(r.body)->getArray("content");
  ASSERT_EQ(content->size(), 1u) << r.body;
  EXPECT_EQ(content->getObject(0)->getValue<std::string>("text"), "Answer");

  script(tokens);
  r = gateway_->client().post(
      "/v1/messages",
      R"({"model":"mode/reasoner","max_tokens":50,"stream":true,"thinking":{"type":"enabled","budget_tokens":20},"messages":[{"role":"user","content":"q"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("type":"thinking_delta","thinking":"secret plan")"), std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find(R"("type":"text_delta","text":"Answer")"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("think>"), std::string::npos) << r.body;

  // Native: thinking events, and the tokens are the answer alone.
  script(oneBytePerToken("<think>secret plan</think>Answer"));
  r = gateway_->client().post("/api/chat",
                              R"({"mode":"reasoner","messages":[{"role":"user","content":"q"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  std::string thinking, answer;
  for (const std::string& payload : ssePayloads(r.body)) {
    Poco::JSON::Object::Ptr event = parseObject(payload);
    const std::string type = event->getValue<std::string>("type");
    if (type == "thinking") thinking += event->getValue<std::string>("text");
    if (type == "token") answer += event->getValue<std::string>("text");
  }
  EXPECT_EQ(thinking, "secret plan");
  EXPECT_EQ(answer, "Answer");
}

}  // namespace
}  // namespace manifold::test
