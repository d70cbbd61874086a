// POST /api/chat: the native typed event stream, routed by the intent router
// or by the request's own choice, and read by a client that predates most of
// its event types.
#include <Poco/JSON/Parser.h>

#include "../failover/FailoverFixture.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

using Poco::JSON::Object;

std::vector<std::string> names(const std::vector<SseEvent>& events) {
  std::vector<std::string> out;
  for (const SseEvent& e : events) out.push_back(e.name);
  return out;
}

/// A client written against the first version of the protocol, which knew
/// only token, done and error. It follows the documented rule: an event type
/// it does not know is skipped.
struct FirstVersionReader {
  std::string text;
  bool done = false;
  std::string error;
  int skipped = 0;

  void read(const std::string& body) {
    for (const SseEvent& e : sseEvents(body)) {
      Object::Ptr data = Poco::JSON::Parser().parse(e.data).extract<Object::Ptr>();
      const std::string type = data->getValue<std::string>("type");
      if (type == "token")
        text += data->getValue<std::string>("text");
      else if (type == "done")
        done = true;
      else if (type == "error")
        error = data->getValue<std::string>("message");
      else
        ++skipped;
    }
  }
};

std::string nativeBody(const std::string& text, const std::string& extra = "") {
  return R"({"messages":[{"role":"user","content":)" + json::stringify(json::Value(text)) + "}]" +
         (extra.empty() ? "" : ",") + extra + "}";
}

class NativeChatApiTest : public FailoverFixture {
 protected:
  void SetUp() override {
    start(
        {engine("smart-1"), engine("coder-1"), engine("fast-1"), engine("live-1"),
         engine("reasoner-1"), engine("backup")},
        {mode("smart", {"smart-1"}), mode("coder", {"coder-1", "backup"}), mode("fast", {"fast-1"}),
         mode("live", {"live-1"}), mode("reasoner", {"reasoner-1"}), mode("team", {"backup"})});
  }

  HttpResult native(const std::string& body) const {
    return gateway_->client().post("/api/chat", body);
  }
};

TEST_F(NativeChatApiTest, TheRouterPicksTheModeAndTheStreamSaysHow) {
  const HttpResult r =
      native(nativeBody("Why does this throw?\nTraceback (most recent call last):\n  File "
                        "\"app.py\", line 3, in <module>\nKeyError: 'user'"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type").rfind("text/event-stream", 0), 0u);
  const std::vector<SseEvent> events = sseEvents(r.body);
  expectDocumentedEvents(events);
  const std::vector<std::string> expected = {"auto_routed", "backend", "token",
                                             "token",       "usage",   "done"};
  EXPECT_EQ(names(events), expected);
  Object::Ptr routed = parseObject(events[0].data);
  EXPECT_EQ(routed->getValue<std::string>("mode"), "coder");
  EXPECT_GT(routed->getValue<double>("confidence"), 0.0);
  EXPECT_FALSE(routed->getValue<std::string>("rule").empty());
  Object::Ptr backend = parseObject(events[1].data);
  EXPECT_EQ(backend->getValue<std::string>("engine"), "coder-1");
  EXPECT_EQ(backend->getValue<int>("attempts"), 1);
  EXPECT_EQ(backend->getValue<std::string>("provider"), "openai-compatible");
  EXPECT_EQ(parseObject(events[5].data)->getValue<std::string>("finish_reason"), "stop");
  EXPECT_EQ(r.header("x-manifold-mode"), "coder");
}

TEST_F(NativeChatApiTest, DifferentMessagesGoToDifferentModes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"What's the weather in Lisbon today?", "live-1"},
      {"hi!", "fast-1"},
      {"Prove that the square root of 2 is irrational.", "reasoner-1"},
      {"Write a warm thank-you email to my team for shipping the release on time.", "smart-1"}};
  for (const auto& [text, engineId] : cases) {
    const HttpResult r = native(nativeBody(text));
    ASSERT_EQ(r.status, 200) << text << ": " << r.body;
    EXPECT_EQ(r.header("x-manifold-engine"), engineId) << text;
  }
}

TEST_F(NativeChatApiTest, TheRequestCanChooseTheModeByFieldOrHeader) {
  const std::string coding = "Refactor this function to use a dict comprehension.";
  HttpResult r = native(nativeBody(coding, R"("mode":"fast")"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "fast-1");
  Object::Ptr routed = parseObject(sseEvents(r.body)[0].data);
  EXPECT_EQ(routed->getValue<std::string>("rule"), "override");
  EXPECT_DOUBLE_EQ(routed->getValue<double>("confidence"), 1.0);

  // An operator's own mode is honoured too.
  r = native(nativeBody(coding, R"("mode":"team")"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "backup");
  EXPECT_EQ(sseEvents(r.body)[0].name, "backend") << "nothing was auto-routed";

  // On the OpenAI API, model "auto" asks the router and the header overrides it.
  r = gateway_->client().post("/v1/chat/completions",
                              R"({"model":"auto","messages":[{"role":"user","content":)" +
                                  json::stringify(json::Value(coding)) + "}]}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "coder-1");
  EXPECT_FALSE(r.header("x-manifold-route-rule").empty());
  r = gateway_->client().post("/v1/chat/completions", chatBody("auto", false),
                              {{"x-manifold-mode", "reasoner"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "reasoner-1");
  EXPECT_EQ(r.header("x-manifold-route-rule"), "override");
}

TEST_F(NativeChatApiTest, AnUnknownChoiceIsA400ThatListsTheChoices) {
  const HttpResult r = native(nativeBody("hello", R"("mode":"wizard")"));
  expectOpenAiError(r, 400, "wizard", "mode");
  EXPECT_NE(r.body.find("coder"), std::string::npos) << "the message lists what may be asked for";
  expectOpenAiError(native(nativeBody("hello", R"("mode":42)")), 400, "mode must be a string",
                    "mode");
  expectOpenAiError(native(R"({"messages":"hi"})"), 400, "must be an array", "messages");
  expectOpenAiError(native("\xff\xfe{}"), 400, "not valid UTF-8", "");
  EXPECT_EQ(native(nativeBody("hello")).status, 200) << "still serving";
}

TEST_F(NativeChatApiTest, EmptyAndHugeMessagesGetADecision) {
  HttpResult r = native(nativeBody(""));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(sseEvents(r.body)[0].name, "auto_routed");
  r = native(nativeBody(std::string(3 * 1024 * 1024, 'a')));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(sseEvents(r.body)[0].name, "auto_routed");
}

TEST_F(NativeChatApiTest, FailoverBeforeTheFirstTokenIsInvisibleAndACutIsAnError) {
  FakeBehaviour down;
  down.status = 503;
  fake_.script("coder-1", {down});
  HttpResult r = native(nativeBody("debug my segfault", R"("mode":"coder")"));
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<SseEvent> events = sseEvents(r.body);
  expectDocumentedEvents(events);
  EXPECT_EQ(parseObject(events[1].data)->getValue<std::string>("engine"), "backup");
  EXPECT_EQ(parseObject(events[1].data)->getValue<int>("attempts"), 2);
  EXPECT_EQ(events.back().name, "done");

  FakeBehaviour cut;
  cut.tokens = {"one ", "two ", "three"};
  cut.cutAfterTokens = 1;
  fake_.script("fast-1", {cut});
  r = native(nativeBody("hi", R"("mode":"fast")"));
  ASSERT_EQ(r.status, 200) << r.body;
  events = sseEvents(r.body);
  expectDocumentedEvents(events);
  EXPECT_EQ(events.back().name, "error");
  for (const SseEvent& e : events) EXPECT_NE(e.name, "done");

  FakeBehaviour allDown;
  allDown.status = 503;
  fake_.script("fast-1", {allDown});
  expectOpenAiError(native(nativeBody("hi", R"("mode":"fast")")), 503, "every engine failed", "");
}

TEST_F(NativeChatApiTest, AttemptsBeforeTheAnswerAreReportedOnlyWhenAskedFor) {
  FakeBehaviour down;
  down.status = 503;
  fake_.script("coder-1", {down});
  HttpResult r =
      native(nativeBody("debug my segfault", R"("mode":"coder","report_attempts":true)"));
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<SseEvent> events = sseEvents(r.body);
  expectDocumentedEvents(events);
  ASSERT_GE(events.size(), 3u) << r.body;
  EXPECT_EQ(events[0].name, "auto_routed");
  ASSERT_EQ(events[1].name, "attempt") << r.body;
  Object::Ptr attempt = parseObject(events[1].data);
  EXPECT_EQ(attempt->getValue<std::string>("engine"), "coder-1");
  EXPECT_EQ(attempt->getValue<std::string>("outcome"), "failed");
  EXPECT_NE(attempt->getValue<std::string>("reason").find("503"), std::string::npos)
      << events[1].data;
  EXPECT_EQ(events[2].name, "backend");
  EXPECT_EQ(parseObject(events[2].data)->getValue<std::string>("engine"), "backup");
  EXPECT_EQ(events.back().name, "done");

  r = native(nativeBody("debug my segfault", R"("mode":"coder","report_attempts":false)"));
  ASSERT_EQ(r.status, 200) << r.body;
  for (const SseEvent& e : sseEvents(r.body)) EXPECT_NE(e.name, "attempt");

  expectOpenAiError(native(nativeBody("hi", R"("report_attempts":"yes")")), 400,
                    "report_attempts must be true or false", "report_attempts");
}

TEST_F(NativeChatApiTest, ToolCallsAreTypedEvents) {
  FakeBehaviour toolAnswer;
  toolAnswer.toolCallName = "get_weather";
  toolAnswer.tokens = {"{\"city\":", "\"Paris\"}"};
  fake_.script("smart-1", {toolAnswer});
  const HttpResult r = native(nativeBody(
      "Plan my week",
      R"("mode":"smart","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}])"));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<SseEvent> events = sseEvents(r.body);
  expectDocumentedEvents(events);
  std::string arguments;
  std::string name;
  for (const SseEvent& e : events) {
    if (e.name != "tool_call") continue;
    Object::Ptr call = parseObject(e.data);
    if (call->has("name")) name = call->getValue<std::string>("name");
    arguments += call->getValue<std::string>("arguments");
  }
  EXPECT_EQ(name, "get_weather");
  EXPECT_EQ(arguments, R"({"city":"Paris"})");
  EXPECT_EQ(parseObject(events.back().data)->getValue<std::string>("finish_reason"), "tool_calls");
}

TEST_F(NativeChatApiTest, AFirstVersionReaderIgnoresEventTypesItDoesNotKnow) {
  const HttpResult r = native(nativeBody("hello there"));
  ASSERT_EQ(r.status, 200) << r.body;
  FirstVersionReader reader;
  reader.read(r.body);
  EXPECT_EQ(reader.text, "Hello world");
  EXPECT_TRUE(reader.done);
  EXPECT_TRUE(reader.error.empty());
  EXPECT_EQ(reader.skipped, 3) << "auto_routed, backend and usage are newer than the reader";

  // And types added after today: a future server may send anything.
  FirstVersionReader future;
  future.read(
      "event: citation\ndata: {\"type\":\"citation\",\"span\":[0,5],\"source\":1}\n\n"
      "event: token\ndata: {\"type\":\"token\",\"text\":\"Hi\",\"confidence\":0.9}\n\n"
      "event: hologram\ndata: {\"type\":\"hologram\",\"frames\":[{}]}\n\n"
      "event: done\ndata: {\"type\":\"done\",\"finish_reason\":\"stop\"}\n\n");
  EXPECT_EQ(future.text, "Hi");
  EXPECT_TRUE(future.done);
  EXPECT_EQ(future.skipped, 2);
}

TEST_F(NativeChatApiTest, PluginIntentsReachTheDecision) {
  installFile(testPlugin("intents_probe"), gateway_->pluginDir() / "intents_probe.so");
  ASSERT_TRUE(eventually([&] {
    const HttpResult r = native(nativeBody("Please read this aloud for me"));
    return r.body.find("\"intent\":\"voice\"") != std::string::npos;
  }));
  const HttpResult r = native(nativeBody("Please read this aloud for me"));
  Object::Ptr routed = parseObject(sseEvents(r.body)[0].data);
  EXPECT_EQ(routed->getValue<std::string>("plugin"), "test.intents-probe");
  EXPECT_EQ(routed->getValue<std::string>("intent"), "voice");
  EXPECT_FALSE(routed->getValue<std::string>("mode").empty()) << "a mode still serves it";
  const HttpResult chosen = native(nativeBody("anything", R"("mode":"workflow")"));
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  EXPECT_EQ(parseObject(sseEvents(chosen.body)[0].data)->getValue<std::string>("intent"),
            "workflow");
}

}  // namespace
}  // namespace manifold::test
