// The server-side tool loop and the live pre-step, end to end: a real gateway,
// fault-injecting fake upstreams (openai-compatible engines), and the tool
// probe toolset (tests/plugins/probes/ToolProbe.cpp) as the gateway's tools.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <stdlib.h>

#include "../failover/FailoverFixture.h"
#include "support/TestPaths.h"
#include "trust/BoundaryMarkers.h"

namespace manifold::test {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

FakeBehaviour callsTool(const std::string& name, std::vector<std::string> argumentPieces) {
  FakeBehaviour b;
  b.toolCallName = name;
  b.tokens = std::move(argumentPieces);
  return b;
}

FakeBehaviour says(std::vector<std::string> tokens) {
  FakeBehaviour b;
  b.tokens = std::move(tokens);
  return b;
}

// The messages the gateway sent upstream in one request body.
Array::Ptr messagesOf(const std::string& body) {
  return parseObject(body)->getArray("messages");
}

std::vector<std::string> toolNamesOf(const std::string& body) {
  std::vector<std::string> out;
  const Object::Ptr request = parseObject(body);
  if (!request->has("tools")) return out;
  for (const auto& tool : *request->getArray("tools"))
    out.push_back(
        tool.extract<Object::Ptr>()->getObject("function")->getValue<std::string>("name"));
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string lastMessageText(const std::string& body) {
  const Array::Ptr messages = messagesOf(body);
  return messages->getObject(static_cast<unsigned>(messages->size() - 1))
      ->getValue<std::string>("content");
}

std::string streamedNativeText(const std::vector<SseEvent>& events) {
  std::string text;
  for (const SseEvent& e : events)
    if (e.name == "token") text += parseObject(e.data)->getValue<std::string>("text");
  return text;
}

std::vector<std::string> names(const std::vector<SseEvent>& events) {
  std::vector<std::string> out;
  for (const SseEvent& e : events) out.push_back(e.name);
  return out;
}

class ToolLoopTest : public FailoverFixture {
 protected:
  void SetUp() override {
    extraPluginFiles_ = {testPlugin("tool_probe")};
    tools_.callTimeoutMs = 500;
  }

  void startWith(std::vector<std::string> tools, int maxToolSteps = -1) {
    config::ModeConfig toolsy = mode("toolsy", {"a", "b"});
    toolsy.tools = std::move(tools);
    toolsy.maxToolSteps = maxToolSteps;
    config::ModeConfig live = mode("live", {"a"});
    start({engine("a"), engine("b")}, {toolsy, live, mode("plain", {"a"})});
  }

  HttpResult ask(const std::string& mode, bool stream, const std::string& text,
                 const std::string& extra = "") const {
    return gateway_->client().post(
        "/v1/chat/completions",
        R"({"model":"mode/)" + mode + R"(","stream":)" + (stream ? "true" : "false") +
            R"(,"messages":[{"role":"user","content":)" + json::quoted(text) + "}]" +
            (extra.empty() ? "" : "," + extra) + "}");
  }

  HttpResult native(const std::string& mode, const std::string& text) const {
    return gateway_->client().post("/api/chat", R"({"mode":")" + mode +
                                                    R"(","messages":[{"role":"user","content":)" +
                                                    json::quoted(text) + "}]}");
  }
};

TEST_F(ToolLoopTest, TheGatewayRunsTheToolItOffersAndTheModelAnswersFromItsResult) {
  startWith({"probe.add", "probe.echo"});
  fake_.script("a", {callsTool("probe__add", {"{\"a\":2,", "\"b\":3}"}), says({"It is ", "5."})});
  const HttpResult r = ask("toolsy", false, "what is 2+3?");
  ASSERT_EQ(r.status, 200) << r.body;
  const Object::Ptr answer = parseObject(r.body);
  const Object::Ptr choice = answer->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getObject("message")->getValue<std::string>("content"), "It is 5.");
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "stop");
  EXPECT_FALSE(choice->getObject("message")->has("tool_calls"));
  // Both model rounds count: 7 prompt tokens and 2 completion tokens each.
  EXPECT_EQ(answer->getObject("usage")->getValue<int>("prompt_tokens"), 14);
  EXPECT_EQ(answer->getObject("usage")->getValue<int>("completion_tokens"), 4);

  const std::vector<std::string> bodies = fake_.bodies("a");
  ASSERT_EQ(bodies.size(), 2u);
  const std::vector<std::string> offered = toolNamesOf(bodies[0]);
  EXPECT_EQ(offered, (std::vector<std::string>{"probe__echo", "probe__add"}));  // as declared
  // The second round carries the model's call and the fenced result.
  const Array::Ptr messages = messagesOf(bodies[1]);
  const Object::Ptr call = messages->getObject(static_cast<unsigned>(messages->size() - 2));
  EXPECT_EQ(call->getValue<std::string>("role"), "assistant");
  EXPECT_EQ(call->getArray("tool_calls")
                ->getObject(0)
                ->getObject("function")
                ->getValue<std::string>("name"),
            "probe__add");
  const Object::Ptr result = messages->getObject(static_cast<unsigned>(messages->size() - 1));
  EXPECT_EQ(result->getValue<std::string>("role"), "tool");
  EXPECT_EQ(result->getValue<std::string>("tool_call_id"), "call_1");
  const std::string content = result->getValue<std::string>("content");
  EXPECT_NE(content.find("<<untrusted:tool_result id="), std::string::npos) << content;
  EXPECT_NE(content.find("\"sum\":5"), std::string::npos) << content;
  // The system prompt explains the markers once.
  EXPECT_EQ(messages->getObject(0)->getValue<std::string>("role"), "system");
}

TEST_F(ToolLoopTest, TheNativeStreamTellsTheCallAndItsResultBeforeTheAnswer) {
  startWith({"probe.*"});
  fake_.script("a", {callsTool("probe__echo", {"{\"text\":\"ping\"}"}), says({"pong"})});
  const HttpResult r = native("toolsy", "echo ping");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<SseEvent> events = sseEvents(r.body);
  expectDocumentedEvents(events);
  EXPECT_EQ(names(events), (std::vector<std::string>{"backend", "tool_call", "tool_result", "token",
                                                     "usage", "done"}));
  const Object::Ptr call = parseObject(events[1].data);
  EXPECT_TRUE(call->getValue<bool>("gateway"));
  EXPECT_EQ(call->getValue<std::string>("name"), "probe__echo");
  EXPECT_EQ(call->getValue<std::string>("arguments"), R"({"text":"ping"})");
  const Object::Ptr result = parseObject(events[2].data);
  EXPECT_EQ(result->getValue<std::string>("id"), call->getValue<std::string>("id"));
  EXPECT_FALSE(result->getValue<bool>("is_error"));
  EXPECT_EQ(result->getValue<std::string>("content"), R"({"text":"ping"})");
}

TEST_F(ToolLoopTest, AStreamCutAfterAGatewayToolCallStillFailsOverUnseen) {
  startWith({"probe.*"});
  FakeBehaviour cut = callsTool("probe__echo", {"{\"text\":", "\"x\"}"});
  cut.cutAfterTokens = 1;  // the call's first fragment, then the connection goes
  fake_.script("a", {cut});
  fake_.script("b", {callsTool("probe__echo", {"{\"text\":\"x\"}"}), says({"done"})});
  const HttpResult r = ask("toolsy", true, "echo x");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(streamedText(r.body), "done");
  EXPECT_EQ(r.body.find("\"error\""), std::string::npos) << r.body;
  // b made the call in place of a, then answered the second round.
  EXPECT_EQ(fake_.requests("b"), 2);
}

TEST_F(ToolLoopTest, AFailureOfALaterRoundBeforeVisibleContentFailsOverToo) {
  startWith({"probe.*"});
  FakeBehaviour down;
  down.status = 503;
  fake_.script("a", {callsTool("probe__echo", {"{\"text\":\"x\"}"}), down});
  fake_.script("b", {says({"from b"})});
  const HttpResult r = ask("toolsy", false, "echo x");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(parseObject(r.body)
                ->getArray("choices")
                ->getObject(0)
                ->getObject("message")
                ->getValue<std::string>("content"),
            "from b");
}

TEST_F(ToolLoopTest, AnUnknownToolAndBadArgumentsGetToolErrorsAndTheLoopGoesOn) {
  startWith({"probe.echo"});
  fake_.script("a", {callsTool("probe__nope", {"{}"}), callsTool("probe__echo", {"{\"text\":7}"}),
                     says({"sorry"})});
  const HttpResult r = ask("toolsy", false, "do things");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<std::string> bodies = fake_.bodies("a");
  ASSERT_EQ(bodies.size(), 3u);
  const std::string unknown = lastMessageText(bodies[1]);
  EXPECT_NE(unknown.find("unknown tool \"probe__nope\""), std::string::npos) << unknown;
  const std::string invalid = lastMessageText(bodies[2]);
  EXPECT_NE(invalid.find("do not fit its schema"), std::string::npos) << invalid;
  EXPECT_NE(invalid.find("$.text"), std::string::npos) << invalid;
}

TEST_F(ToolLoopTest, AfterMaxToolStepsTheModelAnswersWithoutTheGatewaysTools) {
  startWith({"probe.*"}, 1);
  fake_.script("a", {callsTool("probe__echo", {"{\"text\":\"1\"}"}), says({"ok"})});
  ASSERT_EQ(ask("toolsy", false, "echo").status, 200);
  const std::vector<std::string> bodies = fake_.bodies("a");
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_TRUE(contains(toolNamesOf(bodies[0]), "probe__echo"));
  EXPECT_TRUE(toolNamesOf(bodies[1]).empty()) << bodies[1];
}

TEST_F(ToolLoopTest, TheClientsOwnToolsPassThroughUnchanged) {
  startWith({"probe.*"});
  fake_.script("a", {callsTool("get_time", {"{\"tz\":\"UTC\"}"})});
  const HttpResult r = ask(
      "toolsy", false, "what time is it",
      R"("tools":[{"type":"function","function":{"name":"get_time","parameters":{"type":"object"}}}])");
  ASSERT_EQ(r.status, 200) << r.body;
  const Object::Ptr choice = parseObject(r.body)->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "tool_calls");
  const Object::Ptr call =
      choice->getObject("message")->getArray("tool_calls")->getObject(0)->getObject("function");
  EXPECT_EQ(call->getValue<std::string>("name"), "get_time");
  EXPECT_EQ(call->getValue<std::string>("arguments"), R"({"tz":"UTC"})");
  EXPECT_EQ(fake_.requests("a"), 1);
  // Offered beside the gateway's.
  const std::vector<std::string> offered = toolNamesOf(fake_.bodies("a")[0]);
  EXPECT_EQ(offered.front(), "get_time");
  EXPECT_TRUE(contains(offered, "probe__echo"));
}

TEST_F(ToolLoopTest, AKeyIsOfferedAndRunsOnlyTheToolsItIsAllowed) {
  const std::string master = "mk-tool-loop-master-0123456789";
  ::setenv("MANIFOLD_MASTER_KEY", master.c_str(), 1);
  startWith({"probe.*"});
  ::unsetenv("MANIFOLD_MASTER_KEY");  // read once, at start
  const HttpResult created = gateway_->client().post(
      "/admin/keys", R"({"name":"echo-only","allowed_tools":["probe.echo"]})",
      {{"Authorization", "Bearer " + master}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string secret = parseObject(created.body)->getValue<std::string>("secret");
  // The model calls a tool the key may not use: to this key it does not exist.
  fake_.script("a", {callsTool("probe__add", {"{\"a\":1,\"b\":2}"}), says({"no"})});
  const HttpResult r = gateway_->client().post(
      "/v1/chat/completions",
      R"({"model":"mode/toolsy","messages":[{"role":"user","content":"add"}]})",
      {{"Authorization", "Bearer " + secret}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<std::string> bodies = fake_.bodies("a");
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(toolNamesOf(bodies[0]), std::vector<std::string>{"probe__echo"});
  const std::string refused = lastMessageText(bodies[1]);
  EXPECT_NE(refused.find("unknown tool \"probe__add\""), std::string::npos) << refused;
}

TEST_F(ToolLoopTest, AModeWithoutToolsSendsTheRequestAsTheClientSentIt) {
  startWith({"probe.*"});
  ASSERT_EQ(ask("plain", false, "echo").status, 200);
  const std::string body = fake_.bodies("a")[0];
  EXPECT_FALSE(parseObject(body)->has("tools")) << body;
  EXPECT_EQ(messagesOf(body)->size(), 1u);
}

TEST_F(ToolLoopTest, AToolResultCannotCloseItsFenceNorHideCharacters) {
  startWith({"probe.inject"});
  fake_.script("a", {callsTool("probe__inject", {"{}"}), says({"ok"})});
  ASSERT_EQ(ask("toolsy", false, "inject").status, 200);
  const std::string content = lastMessageText(fake_.bodies("a")[1]);
  EXPECT_EQ(content.find("<</untrusted:tool_result id=0000>>"), std::string::npos) << content;
  EXPECT_NE(content.find("&lt;&lt;/untrusted"), std::string::npos) << content;
  EXPECT_EQ(content.find("\xE2\x80\x8B"), std::string::npos);  // zero-width space
  EXPECT_EQ(content.find("\xE2\x80\xAE"), std::string::npos);  // right-to-left override
}

TEST_F(ToolLoopTest, ASlowToolTimesOutAndTheModelIsToldSo) {
  startWith({"probe.slow"});
  fake_.script("a", {callsTool("probe__slow", {"{\"ms\":3000}"}), says({"too slow"})});
  ASSERT_EQ(ask("toolsy", false, "wait").status, 200);
  const std::string content = lastMessageText(fake_.bodies("a")[1]);
  EXPECT_NE(content.find("did not answer within 500 ms"), std::string::npos) << content;
}

TEST_F(ToolLoopTest, TheLivePreStepGivesTheModelMatchingToolsResultsFenced) {
  startWith({});
  const HttpResult r = native("live", "what is the zorbl index today?");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<SseEvent> events = sseEvents(r.body);
  expectDocumentedEvents(events);
  const std::vector<std::string> order = names(events);
  const size_t backend = std::find(order.begin(), order.end(), "backend") - order.begin();
  ASSERT_LT(backend + 2, order.size()) << r.body;
  EXPECT_EQ(order[backend + 1], "sources");
  EXPECT_EQ(order[backend + 2], "token");
  const Object::Ptr item = parseObject(events[backend + 1].data)->getArray("items")->getObject(0);
  EXPECT_EQ(item->getValue<std::string>("tool"), "probe__lookup");
  EXPECT_TRUE(item->getValue<bool>("ok"));

  const Array::Ptr messages = messagesOf(fake_.bodies("a")[0]);
  // The live data right before the question; with no system prompt of the
  // client's, the markers' explanation joins it.
  ASSERT_EQ(messages->size(), 2u);
  const Object::Ptr live = messages->getObject(0);
  EXPECT_EQ(live->getValue<std::string>("role"), "system");
  const std::string text = live->getValue<std::string>("content");
  EXPECT_NE(text.find("<<untrusted:tool_result id="), std::string::npos) << text;
  EXPECT_NE(text.find("\"zorbl_index\":42"), std::string::npos) << text;
  EXPECT_NE(text.find(trust::BoundaryMarkers::instruction()), std::string::npos) << text;
  EXPECT_EQ(messages->getObject(1)->getValue<std::string>("content"),
            "what is the zorbl index today?");

  // A conversation with its own system prompt keeps it first and unchanged but
  // for the explanation; the live data still sits right before the question.
  const HttpResult again = gateway_->client().post(
      "/api/chat", R"({"mode":"live","messages":[{"role":"system","content":"Be brief."},)"
                   R"({"role":"user","content":"hi"},{"role":"assistant","content":"hello"},)"
                   R"({"role":"user","content":"and the zorbl index?"}]})");
  ASSERT_EQ(again.status, 200) << again.body;
  const Array::Ptr second = messagesOf(fake_.bodies("a")[1]);
  ASSERT_EQ(second->size(), 5u);
  EXPECT_EQ(second->getObject(0)->getValue<std::string>("content").rfind("Be brief.\n\n", 0), 0u);
  EXPECT_EQ(second->getObject(3)->getValue<std::string>("role"), "system");
  EXPECT_NE(second->getObject(3)->getValue<std::string>("content").find("zorbl_index"),
            std::string::npos);
  EXPECT_EQ(second->getObject(4)->getValue<std::string>("content"), "and the zorbl index?");
}

TEST_F(ToolLoopTest, TheLivePreStepLeavesAMessageWithoutALiveIntentAlone) {
  startWith({});
  const HttpResult r = native("live", "tell me a story");
  ASSERT_EQ(r.status, 200) << r.body;
  for (const SseEvent& e : sseEvents(r.body)) EXPECT_NE(e.name, "sources");
  EXPECT_EQ(messagesOf(fake_.bodies("a")[0])->size(), 1u);
}

TEST_F(ToolLoopTest, ALiveToolThatIsTooSlowIsLeftOutAndTheAnswerStillComes) {
  tools_.liveTimeoutMs = 100;
  startWith({});
  const HttpResult r = native("live", "zorbl index, slowly please");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<SseEvent> events = sseEvents(r.body);
  const auto sources = std::find_if(events.begin(), events.end(),
                                    [](const SseEvent& e) { return e.name == "sources"; });
  ASSERT_NE(sources, events.end()) << r.body;
  const Object::Ptr item = parseObject(sources->data)->getArray("items")->getObject(0);
  EXPECT_FALSE(item->getValue<bool>("ok"));
  EXPECT_EQ(item->getValue<std::string>("error_code"), "timeout");
  EXPECT_EQ(streamedNativeText(events), "Hello world");
  // The model was given nothing from it.
  EXPECT_EQ(messagesOf(fake_.bodies("a")[0])->size(), 1u);
}

TEST_F(ToolLoopTest, AModeCanNarrowOrTurnOffTheLivePreStep) {
  config::ModeConfig live = mode("live", {"a"});
  live.liveToolsSet = true;  // live_tools: []
  config::ModeConfig research = mode("research", {"a"});
  research.liveTools = {"probe.lookup"};
  research.liveToolsSet = true;
  start({engine("a")}, {live, research});
  ASSERT_EQ(native("live", "zorbl?").status, 200);
  EXPECT_EQ(messagesOf(fake_.bodies("a")[0])->size(), 1u);
  ASSERT_EQ(native("research", "zorbl?").status, 200);
  EXPECT_EQ(messagesOf(fake_.bodies("a")[1])->size(), 2u);
}

}  // namespace
}  // namespace manifold::test
