// What a turn does after its answer: follow-up suggestions on the native
// stream and the memory extractor, each an internal completion on the
// "cheap" mode (fake route cheap-1) billed to the caller's key.
#include "MemoryGatewayFixture.h"
#include "support/CapturedLog.h"

namespace manifold::test {
namespace {

class FollowUpsTest : public MemoryGatewayFixture {
 protected:
  void startWithSuggestions() {
    config::ModeConfig smart = mode("smart", {"chat-1"});
    smart.suggestions = config::SuggestionsConfig{"cheap", 3000};
    startGateway(std::move(smart));
    alice_ = createKey("alice");
  }
  FakeBehaviour cheapSays(std::vector<std::string> tokens) const {
    FakeBehaviour b;
    b.tokens = std::move(tokens);
    return b;
  }
  std::string alice_;
};

TEST_F(FollowUpsTest, ThreeSuggestionsFollowDoneAndAreBilledToTheKey) {
  startWithSuggestions();
  fake_.script("cheap-1",
               {cheapSays({"How do I start?\n", "What does it cost?\n", "Is there a free tier?"})});
  const HttpResult r = nativeAs(alice_, "Tell me about beekeeping");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<SseEvent> events = sseEvents(r.body);
  expectDocumentedEvents(events);
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[events.size() - 2].name, "done");
  ASSERT_EQ(events.back().name, "suggestions") << r.body;
  const json::Value suggestions = parsed(events.back().data)["suggestions"];
  ASSERT_EQ(suggestions.size(), 3u);
  EXPECT_EQ(suggestions[0].asString(), "How do I start?");
  EXPECT_EQ(suggestions[1].asString(), "What does it cost?");
  EXPECT_EQ(suggestions[2].asString(), "Is there a free tier?");

  // The cheap mode read the exchange, fenced, under the fixed prompt.
  const json::Value asked = lastUpstreamMessages("cheap-1");
  ASSERT_EQ(asked.size(), 2u);
  const std::string quoted = asked[1]["content"].isString() ? asked[1]["content"].asString() : "";
  EXPECT_NE(quoted.find("Tell me about beekeeping"), std::string::npos) << quoted;
  EXPECT_NE(quoted.find("Hello world"), std::string::npos) << quoted;  // chat-1's answer
  EXPECT_NE(quoted.find("<<untrusted:user id="), std::string::npos) << quoted;

  const std::string requestId = r.header("x-request-id");
  const std::vector<std::string> rows = attemptRows("request_id, engine_id, outcome, billed");
  EXPECT_NE(std::find(rows.begin(), rows.end(), requestId + "/suggestions:cheap-1:answered:1"),
            rows.end());
  const std::string keyId = attemptRows("key_id").back();
  EXPECT_FALSE(keyId.empty());  // alice's key, not the master's ""
  EXPECT_EQ(attemptRows("key_id").front(), keyId);
}

TEST_F(FollowUpsTest, AFailureOrGarbageEmitsNothingAndSaysWhyInTheLog) {
  startWithSuggestions();
  CapturedLog log("turn");
  fake_.script("cheap-1", {cheapSays({"Sure! Here are some ideas: more bees."})});
  HttpResult r = nativeAs(alice_, "Tell me about beekeeping");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(eventNames(sseEvents(r.body)).back(), "done");
  EXPECT_NE(log.text().find("no suggestions: mode cheap did not answer with three lines"),
            std::string::npos)
      << log.text();

  FakeBehaviour down;
  down.status = 503;
  fake_.script("cheap-1", {down});
  r = nativeAs(alice_, "Tell me about beekeeping");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(eventNames(sseEvents(r.body)).back(), "done");
  EXPECT_NE(log.text().find("no suggestions: mode cheap failed"), std::string::npos) << log.text();
  EXPECT_EQ(gateway_->client().get("/healthz").status, 200);
}

TEST_F(FollowUpsTest, ASuggestionModeTooSlowForItsTimeoutEmitsNothing) {
  config::ModeConfig smart = mode("smart", {"chat-1"});
  smart.suggestions = config::SuggestionsConfig{"cheap", 100};
  startGateway(std::move(smart));
  FakeBehaviour slow = cheapSays({"A?\n", "B?\n", "C?"});
  slow.headerDelayMs = 1500;
  fake_.script("cheap-1", {slow});
  const HttpResult r = nativeAs(kMaster, "Tell me about beekeeping");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(eventNames(sseEvents(r.body)).back(), "done");
}

TEST_F(FollowUpsTest, OnlyTheNativeStreamOfAModeWithSuggestionsAsksForThem) {
  startWithSuggestions();
  ASSERT_EQ(chatAs(alice_, "Tell me about beekeeping").status, 200);  // OpenAI API
  EXPECT_EQ(fake_.requests("cheap-1"), 0);
  gateway_.reset();
  startGateway();  // smart without suggestions
  const HttpResult r = nativeAs(kMaster, "Tell me about beekeeping");
  EXPECT_EQ(eventNames(sseEvents(r.body)).back(), "done");
  EXPECT_EQ(fake_.requests("cheap-1"), 0);
}

TEST_F(FollowUpsTest, TheExtractorKeepsTheFactsItFinds) {
  memory_.extractorMode = "cheap";
  startGateway();
  alice_ = createKey("alice");
  fake_.script("cheap-1",
               {cheapSays({"- The user has a cat named Tom.\n", "- The user is a nurse."})});
  ASSERT_EQ(chatAs(alice_, "My cat Tom keeps me awake after night shifts at the ward").status, 200);
  const json::Value facts =
      parsed(gateway_->client().get("/v1/memory", bearer(alice_)).body)["data"];
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[0]["source"].asString(), "extractor");
  std::vector<std::string> texts{facts[0]["text"].asString(), facts[1]["text"].asString()};
  std::sort(texts.begin(), texts.end());
  EXPECT_EQ(texts,
            (std::vector<std::string>{"The user has a cat named Tom.", "The user is a nurse."}));
  const std::string asked = json::stringify(lastUpstreamMessages("cheap-1"));
  EXPECT_NE(asked.find("My cat Tom keeps me awake"), std::string::npos);

  // The next turn has them.
  ASSERT_EQ(chatAs(alice_, "Any tips?").status, 200);
  EXPECT_NE(json::stringify(lastUpstreamMessages("chat-1")).find("The user is a nurse."),
            std::string::npos);
  EXPECT_TRUE(parsed(gateway_->client().get("/v1/memory", bearer(kMaster)).body)["data"].size() ==
              0u);  // nothing for the master key
}

TEST_F(FollowUpsTest, AnExtractorAnswerThatIsNoFactListKeepsNothing) {
  memory_.extractorMode = "cheap";
  startGateway();
  alice_ = createKey("alice");
  fake_.script("cheap-1", {cheapSays({"a\nb\nc\nd\ne\nf\ng"})});
  ASSERT_EQ(chatAs(alice_, "Hello there").status, 200);
  fake_.script("cheap-1", {cheapSays({"NONE"})});
  ASSERT_EQ(chatAs(alice_, "Hello again").status, 200);
  EXPECT_EQ(fake_.requests("cheap-1"), 2);
  EXPECT_TRUE(listed(alice_).empty());
}

}  // namespace
}  // namespace manifold::test
