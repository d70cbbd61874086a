// The built-in rules: each mode's signals, mixed signals, odd input, overrides.
#include <gtest/gtest.h>

#include <string>

#include "chat/ChatRequest.h"
#include "router/RequestText.h"
#include "router/RuleBasedRouter.h"

namespace manifold::router {
namespace {

class RuleBasedRouterTest : public ::testing::Test {
 protected:
  RouteDecision route(const std::string& text, bool image = false) {
    return router_.route(RouterInput{text, image});
  }
  std::string modeOf(const std::string& text, bool image = false) {
    return std::string(modeName(route(text, image).mode));
  }

  RuleBasedRouter router_;
};

TEST_F(RuleBasedRouterTest, ModeNamesRoundTrip) {
  for (size_t m = 0; m < kModeCount; ++m) {
    const Mode mode = static_cast<Mode>(m);
    EXPECT_EQ(modeFromName(modeName(mode)), mode);
  }
  EXPECT_FALSE(modeFromName("Coder"));
  EXPECT_FALSE(modeFromName("voice"));
}

TEST_F(RuleBasedRouterTest, CodeFenceIsCoder) {
  const RouteDecision d = route("what is wrong here?\n```\nx = [1, 2\nprint(x)\n```");
  EXPECT_EQ(d.mode, Mode::Coder);
  EXPECT_EQ(d.rule, "code_fence");
  EXPECT_GT(d.confidence, 0.6);
}

TEST_F(RuleBasedRouterTest, StackTracesAreCoder) {
  const RouteDecision java = route(
      "Exception in thread \"main\" java.lang.IllegalStateException: closed\n"
      "\tat com.acme.Pool.take(Pool.java:41)\n\tat com.acme.Main.main(Main.java:12)");
  EXPECT_EQ(java.mode, Mode::Coder);
  EXPECT_EQ(java.rule, "stack_trace");
  const RouteDecision node =
      route("TypeError: x is not a function\n    at run (/srv/app/index.js:10:5)");
  EXPECT_EQ(node.mode, Mode::Coder);
  EXPECT_EQ(node.rule, "stack_trace");
  EXPECT_EQ(modeOf("got this: HttpClientTimeoutException, no idea why"), "coder");
}

TEST_F(RuleBasedRouterTest, CodeRequestsAreCoder) {
  EXPECT_EQ(modeOf("write a python function that removes duplicates from a list"), "coder");
  EXPECT_EQ(modeOf("how do I rebase my branch onto main"), "coder");
  EXPECT_EQ(modeOf("my useEffect runs twice, why?"), "coder");
}

TEST_F(RuleBasedRouterTest, MathsProofsAndPuzzlesAreReasoner) {
  EXPECT_EQ(modeOf("solve 2x + 7 = 19"), "reasoner");
  EXPECT_EQ(modeOf("Prove that the sum of the angles of a triangle is 180 degrees"), "reasoner");
  EXPECT_EQ(modeOf("what's the probability of drawing two aces from a deck?"), "reasoner");
  EXPECT_EQ(modeOf("Help me plan a strategy to grow my newsletter from 500 to 5000 readers"),
            "reasoner");
}

TEST_F(RuleBasedRouterTest, CurrentDataIsLive) {
  EXPECT_EQ(modeOf("weather in Oslo tomorrow?"), "live");
  EXPECT_EQ(modeOf("latest news about the Mars mission"), "live");
  EXPECT_EQ(modeOf("EUR to USD exchange rate"), "live");
  EXPECT_EQ(modeOf("who won the Celtics game last night"), "live");
  const RouteDecision container = route("where is MSKU7654321?");
  EXPECT_EQ(container.mode, Mode::Live);
  EXPECT_EQ(container.rule, "tracking_id");
}

TEST_F(RuleBasedRouterTest, GreetingsAndLookupsAreFast) {
  EXPECT_EQ(modeOf("hello!"), "fast");
  EXPECT_EQ(modeOf("define entropy"), "fast");
  EXPECT_EQ(modeOf("translate 'thank you' to Korean"), "fast");
  EXPECT_EQ(modeOf("what is the capital of Kenya"), "fast");
}

TEST_F(RuleBasedRouterTest, WritingAndAnalysisAreSmart) {
  EXPECT_EQ(modeOf("Write an email to my team about the new holiday policy"), "smart");
  EXPECT_EQ(modeOf("Summarize the main arguments of this op-ed in three bullet points"), "smart");
  EXPECT_EQ(modeOf("Compare the leadership of Lincoln and Churchill during wartime"), "smart");
}

TEST_F(RuleBasedRouterTest, AnAttachedImageIsVision) {
  const RouteDecision d = route("what is this?", true);
  EXPECT_EQ(d.mode, Mode::Vision);
  EXPECT_EQ(d.rule, "image_attached");
  EXPECT_EQ(modeOf("what's the weather like in this photo's city today?", true), "vision");
  EXPECT_EQ(modeOf("turn this UI mockup into React code", true), "vision");
  EXPECT_EQ(modeOf("", true), "vision");
}

TEST_F(RuleBasedRouterTest, AnImageLinkIsVision) {
  const RouteDecision d = route("what is in https://example.org/a/b/photo.JPG ?");
  EXPECT_EQ(d.mode, Mode::Vision);
  EXPECT_EQ(d.rule, "image_link");
}

TEST_F(RuleBasedRouterTest, DrawingAndGeneratingPicturesIsImage) {
  EXPECT_EQ(modeOf("draw a lighthouse in a storm"), "image");
  EXPECT_EQ(modeOf("generate a picture of a red panda eating noodles"), "image");
  EXPECT_EQ(modeOf("create a logo for a bike shop"), "image");
}

TEST_F(RuleBasedRouterTest, EditingAnAttachedPictureIsImage) {
  const RouteDecision d = route("remove the background from this", true);
  EXPECT_EQ(d.mode, Mode::Image);
  EXPECT_EQ(modeOf("can you make this photo look like a pencil sketch?", true), "image");
}

TEST_F(RuleBasedRouterTest, MixedSignalsGoToTheChainThatServesBoth) {
  // Code that fetches live data: the coder chain writes it.
  EXPECT_EQ(modeOf("write Python that fetches today's weather"), "coder");
  // Code that draws a chart is code, not a picture.
  EXPECT_EQ(modeOf("generate a matplotlib chart of my monthly expenses"), "coder");
  // Code that solves maths is code.
  EXPECT_EQ(modeOf("write a JavaScript function that solves quadratic equations"), "coder");
  // Writing about current events needs the live chain, which also writes.
  EXPECT_EQ(modeOf("write a short summary of today's news"), "live");
}

TEST_F(RuleBasedRouterTest, EmptyTextIsALowConfidenceFastDecision) {
  for (const std::string text : {"", "   ", "\n\t", "?!..."}) {
    const RouteDecision d = route(text);
    EXPECT_EQ(d.mode, Mode::Fast) << '"' << text << '"';
    EXPECT_EQ(d.rule, "empty");
    EXPECT_LT(d.confidence, 0.3);
  }
}

TEST_F(RuleBasedRouterTest, InvalidUtf8IsALowConfidenceSmartDecision) {
  const RouteDecision d = route(std::string("write a poem \xFF\xFE about \xC3"));
  EXPECT_EQ(d.mode, Mode::Smart);
  EXPECT_EQ(d.rule, "invalid_utf8");
  EXPECT_LT(d.confidence, 0.3);
}

TEST_F(RuleBasedRouterTest, HugeInputIsReadFromItsPrefix) {
  std::string huge = "```cpp\nint main() { return 0; }\n```\n";
  while (huge.size() < 8 * 1024 * 1024) huge += "lorem ipsum dolor sit amet ";
  EXPECT_EQ(route(huge).rule, "code_fence");
  std::string late(64 * 1024, ' ');
  late += "weather forecast for Paris";
  EXPECT_EQ(route(late).rule, "empty") << "only the first 2 KB is read";
}

TEST_F(RuleBasedRouterTest, BinaryGarbageNeverCrashes) {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 131 + 7) % 256);
  const RouteDecision d = route(bytes);
  EXPECT_GE(d.confidence, 0.0);
  EXPECT_LE(d.confidence, 1.0);
  EXPECT_FALSE(d.rule.empty());
}

TEST_F(RuleBasedRouterTest, ConfidenceIsBetweenZeroAndOne) {
  for (const char* text : {"hi", "weather", "draw a cat", "x", "prove it", "asdf qwer"}) {
    const RouteDecision d = route(text);
    EXPECT_GT(d.confidence, 0.0) << text;
    EXPECT_LT(d.confidence, 1.0) << text;
  }
}

TEST_F(RuleBasedRouterTest, OverrideByModeName) {
  const RouteResult r = router_.decide(std::string_view("reasoner"), RouterInput{"hi", false});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.decision->mode, Mode::Reasoner);
  EXPECT_EQ(r.decision->rule, "override");
  EXPECT_EQ(r.decision->confidence, 1.0);
  EXPECT_FALSE(r.decision->isPluginIntent());
  EXPECT_EQ(
      router_.decide(std::string_view(" Mode/Coder "), RouterInput{"hi", false}).decision->mode,
      Mode::Coder);
}

TEST_F(RuleBasedRouterTest, NoOverrideOrAutoRoutes) {
  const RouterInput input{"draw a cat", false};
  for (std::optional<std::string_view> asked :
       {std::optional<std::string_view>(), std::optional<std::string_view>(""),
        std::optional<std::string_view>("auto"), std::optional<std::string_view>(" AUTO ")}) {
    const RouteResult r = router_.decide(asked, input);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.decision->mode, Mode::Image);
    EXPECT_NE(r.decision->rule, "override");
  }
}

TEST_F(RuleBasedRouterTest, UnknownOverrideIsAnError) {
  const RouteResult r = router_.decide(std::string_view("turbo"), RouterInput{"hi", false});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error,
            "unknown mode or intent \"turbo\"; known: smart, reasoner, live, fast, coder, vision, "
            "image");
  EXPECT_FALSE(router_.decide(std::string_view("mode/voice"), RouterInput{"hi", false}).ok());
}

TEST_F(RuleBasedRouterTest, DecisionAsEventFields) {
  RouteDecision d;
  d.mode = Mode::Live;
  d.confidence = 0.8333;
  d.rule = "kw:weather";
  EXPECT_EQ(json::stringify(toJson(d)), R"({"mode":"live","confidence":0.83,"rule":"kw:weather"})");
  d.intent = "voice";
  d.pluginId = "acme.voice";
  EXPECT_EQ(d.target(), "acme.voice/voice");
  EXPECT_EQ(json::stringify(toJson(d)),
            R"({"mode":"live","intent":"voice","plugin":"acme.voice","confidence":0.83,)"
            R"("rule":"kw:weather"})");
}

TEST(RequestTextTest, ReadsTheLastUserMessageAndAnyImage) {
  chat::ChatRequest request;
  using Part = chat::ContentPart;
  request.messages.push_back({"system", {{Part::Kind::Text, "You are a coder.", "", ""}}});
  request.messages.push_back(
      {"user", {{Part::Kind::Text, "look", "", ""}, {Part::Kind::Image, "", "data:x", ""}}});
  request.messages.push_back({"assistant", {{Part::Kind::Text, "A cat.", "", ""}}});
  request.messages.push_back(
      {"user", {{Part::Kind::Text, "draw it", "", ""}, {Part::Kind::Text, "in blue", "", ""}}});
  std::string scratch;
  const RouterInput input = routerInputFor(request, scratch);
  EXPECT_EQ(input.text, "draw it\nin blue");
  EXPECT_TRUE(input.imageAttached);

  request.messages.pop_back();
  const RouterInput earlier = routerInputFor(request, scratch);
  EXPECT_EQ(earlier.text, "look");
  EXPECT_EQ(earlier.text.data(), request.messages[1].content[0].text.data())
      << "a single text part is read in place";
}

TEST(RequestTextTest, NoUserMessageIsEmptyText) {
  chat::ChatRequest request;
  request.messages.push_back({"system", {{chat::ContentPart::Kind::Text, "hi", "", ""}}});
  std::string scratch;
  const RouterInput input = routerInputFor(request, scratch);
  EXPECT_TRUE(input.text.empty());
  EXPECT_FALSE(input.imageAttached);
}

TEST(RequestTextTest, JoinedPartsStopAtThePrefix) {
  chat::ChatRequest request;
  const std::string big(RouterInput::kPrefixBytes, 'a');
  request.messages.push_back({"user",
                              {{chat::ContentPart::Kind::Text, big, "", ""},
                               {chat::ContentPart::Kind::Text, big, "", ""}}});
  std::string scratch;
  EXPECT_EQ(routerInputFor(request, scratch).text.size(), RouterInput::kPrefixBytes);
}

}  // namespace
}  // namespace manifold::router
