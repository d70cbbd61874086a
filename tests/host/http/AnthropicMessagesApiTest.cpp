// POST /v1/messages: the Anthropic Messages contract, served by OpenAI-format
// engines on a fault-injecting fake, through the same routing and failover as
// /v1/chat/completions.
#include <Poco/JSON/Parser.h>

#include "../failover/FailoverFixture.h"

namespace manifold::test {
namespace {

using Poco::JSON::Object;

std::string messagesBody(const std::string& model, bool stream, const std::string& extra = "") {
  return R"({"model":")" + model + R"(","max_tokens":256,"stream":)" + (stream ? "true" : "false") +
         R"(,"messages":[{"role":"user","content":"hello"}])" + (extra.empty() ? "" : ",") + extra +
         "}";
}

class AnthropicMessagesApiTest : public FailoverFixture {
 protected:
  void SetUp() override {
    start({engine("first"), engine("second")}, {mode("smart", {"first", "second"})});
  }

  HttpResult messages(const std::string& body) const {
    return gateway_->client().post("/v1/messages", body);
  }
};

TEST_F(AnthropicMessagesApiTest, NonStreamingAnswerIsAMessageObject) {
  const HttpResult r = messages(messagesBody(
      "mode/smart", false, R"("system":[{"type":"text","text":"Be brief."}],"temperature":0.5)"));
  ASSERT_EQ(r.status, 200) << r.body;
  Object::Ptr message = parseObject(r.body);
  EXPECT_EQ(message->getValue<std::string>("type"), "message");
  EXPECT_EQ(message->getValue<std::string>("role"), "assistant");
  EXPECT_EQ(message->getValue<std::string>("model"), "first");
  EXPECT_EQ(message->getValue<std::string>("id").rfind("msg_", 0), 0u);
  Object::Ptr block = message->getArray("content")->getObject(0);
  EXPECT_EQ(block->getValue<std::string>("type"), "text");
  EXPECT_EQ(block->getValue<std::string>("text"), "Hello world");
  EXPECT_EQ(message->getValue<std::string>("stop_reason"), "end_turn");
  EXPECT_EQ(message->getObject("usage")->getValue<int>("input_tokens"), 7);
  EXPECT_EQ(message->getObject("usage")->getValue<int>("output_tokens"), 2);

  Object::Ptr sent = parseObject(fake_.bodies("first").at(0));
  Poco::JSON::Array::Ptr upstream = sent->getArray("messages");
  ASSERT_EQ(upstream->size(), 2u);
  EXPECT_EQ(upstream->getObject(0)->getValue<std::string>("role"), "system");
  EXPECT_EQ(upstream->getObject(1)->getValue<std::string>("role"), "user");
  EXPECT_EQ(sent->getValue<int>("max_tokens"), 256);
  EXPECT_DOUBLE_EQ(sent->getValue<double>("temperature"), 0.5);
}

TEST_F(AnthropicMessagesApiTest, StreamingFollowsTheEventSequence) {
  const HttpResult r = messages(messagesBody("mode/smart", true));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type").rfind("text/event-stream", 0), 0u);
  const std::vector<SseEvent> events = sseEvents(r.body);
  std::vector<std::string> names;
  std::string text;
  for (const SseEvent& e : events) {
    names.push_back(e.name);
    Object::Ptr data = parseObject(e.data);
    EXPECT_EQ(data->getValue<std::string>("type"), e.name) << "the data names its own event";
    if (e.name == "content_block_delta")
      text += data->getObject("delta")->getValue<std::string>("text");
  }
  const std::vector<std::string> expected = {"message_start",       "ping",
                                             "content_block_start", "content_block_delta",
                                             "content_block_delta", "content_block_stop",
                                             "message_delta",       "message_stop"};
  EXPECT_EQ(names, expected) << r.body;
  EXPECT_EQ(text, "Hello world");
  Object::Ptr delta = parseObject(events[6].data);
  EXPECT_EQ(delta->getObject("delta")->getValue<std::string>("stop_reason"), "end_turn");
  EXPECT_EQ(delta->getObject("usage")->getValue<int>("output_tokens"), 2);
}

TEST_F(AnthropicMessagesApiTest, FailureBeforeTheFirstTokenIsInvisible) {
  FakeBehaviour down;
  down.status = 503;
  fake_.script("first", {down});
  const HttpResult r = messages(messagesBody("mode/smart", true));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "second");
  EXPECT_EQ(r.header("x-manifold-attempts"), "2");
  EXPECT_EQ(sseEvents(r.body).back().name, "message_stop");
}

TEST_F(AnthropicMessagesApiTest, CutAfterCommitEndsWithAnErrorEventAndNoMessageStop) {
  FakeBehaviour cut;
  cut.tokens = {"one ", "two ", "three"};
  cut.cutAfterTokens = 1;
  fake_.script("first", {cut});
  const HttpResult r = messages(messagesBody("mode/smart", true));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<SseEvent> events = sseEvents(r.body);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().name, "error") << r.body;
  EXPECT_EQ(r.body.find("message_stop"), std::string::npos);
  Object::Ptr error = parseObject(events.back().data)->getObject("error");
  EXPECT_FALSE(error->getValue<std::string>("type").empty());
}

TEST_F(AnthropicMessagesApiTest, ToolUseAndToolResultsTranslateBothWays) {
  FakeBehaviour toolAnswer;
  toolAnswer.toolCallName = "get_weather";
  toolAnswer.tokens = {"{\"city\":", "\"Paris\"}"};
  fake_.script("first", {toolAnswer, toolAnswer});
  const std::string body =
      R"({"model":"mode/smart","max_tokens":100,)"
      R"("tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],)"
      R"("tool_choice":{"type":"tool","name":"get_weather"},)"
      R"("messages":[{"role":"user","content":"weather?"},)"
      R"({"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Rome"}}]},)"
      R"({"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"},{"type":"text","text":"And Paris?"}]}]})";
  const HttpResult r = messages(body);
  ASSERT_EQ(r.status, 200) << r.body;
  Object::Ptr message = parseObject(r.body);
  EXPECT_EQ(message->getValue<std::string>("stop_reason"), "tool_use");
  Object::Ptr use = message->getArray("content")->getObject(0);
  EXPECT_EQ(use->getValue<std::string>("type"), "tool_use");
  EXPECT_EQ(use->getValue<std::string>("id"), "call_1");
  EXPECT_EQ(use->getValue<std::string>("name"), "get_weather");
  EXPECT_EQ(use->getObject("input")->getValue<std::string>("city"), "Paris");

  // Translated to the OpenAI shape and otherwise sent as the client sent it.
  Object::Ptr sent = parseObject(fake_.bodies("first").at(0));
  Poco::JSON::Array::Ptr upstream = sent->getArray("messages");
  ASSERT_EQ(upstream->size(), 4u) << fake_.bodies("first").at(0);
  EXPECT_EQ(upstream->getObject(0)->getValue<std::string>("role"), "user");
  EXPECT_EQ(upstream->getObject(0)->getValue<std::string>("content"), "weather?");
  Object::Ptr call = upstream->getObject(1)->getArray("tool_calls")->getObject(0);
  EXPECT_EQ(call->getValue<std::string>("id"), "toolu_1");
  EXPECT_EQ(call->getObject("function")->getValue<std::string>("arguments"), R"({"city":"Rome"})");
  EXPECT_EQ(upstream->getObject(2)->getValue<std::string>("role"), "tool");
  EXPECT_EQ(upstream->getObject(2)->getValue<std::string>("tool_call_id"), "toolu_1");
  EXPECT_EQ(upstream->getObject(2)->getValue<std::string>("content"), "sunny");
  EXPECT_EQ(upstream->getObject(3)->getValue<std::string>("role"), "user");
  EXPECT_EQ(sent->getObject("tool_choice")->getObject("function")->getValue<std::string>("name"),
            "get_weather");

  // Streaming: one tool_use block whose input arrives as input_json_delta.
  const std::string streamed = std::string(body).insert(1, R"("stream":true,)");
  const HttpResult s = messages(streamed);
  ASSERT_EQ(s.status, 200) << s.body;
  std::string partialJson;
  std::string blockType;
  for (const SseEvent& e : sseEvents(s.body)) {
    Object::Ptr data = parseObject(e.data);
    if (e.name == "content_block_start")
      blockType = data->getObject("content_block")->getValue<std::string>("type");
    if (e.name == "content_block_delta")
      partialJson += data->getObject("delta")->getValue<std::string>("partial_json");
  }
  EXPECT_EQ(blockType, "tool_use");
  EXPECT_EQ(partialJson, R"({"city":"Paris"})");
}

TEST_F(AnthropicMessagesApiTest, ImagesArriveAsImageParts) {
  const std::string body =
      R"({"model":"mode/smart","max_tokens":10,"messages":[{"role":"user","content":[)"
      R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},)"
      R"({"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},)"
      R"({"type":"text","text":"What is this?"}]}]})";
  const HttpResult r = messages(body);
  ASSERT_EQ(r.status, 200) << r.body;
  Poco::JSON::Array::Ptr sent = parseObject(fake_.bodies("first").at(0))->getArray("messages");
  ASSERT_EQ(sent->size(), 1u) << "the client's one message, nothing added";
  Poco::JSON::Array::Ptr parts = sent->getObject(0)->getArray("content");
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ(parts->getObject(0)->getObject("image_url")->getValue<std::string>("url"),
            "data:image/png;base64,iVBORw0KGgo=");
  EXPECT_EQ(parts->getObject(1)->getObject("image_url")->getValue<std::string>("url"),
            "https://example.com/cat.jpg");
}

TEST_F(AnthropicMessagesApiTest, BadInputGetsA400InBothErrorShapes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"model":"mode/smart","messages":[{"role":"user","content":"hi"}]})", "max_tokens"},
      {R"({"model":"mode/smart","max_tokens":5,"messages":[]})", "messages"},
      {R"({"model":"mode/smart","max_tokens":5,"messages":[{"role":"system","content":"hi"}]})",
       "messages[0].role"},
      {R"({"model":"mode/smart","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"file"}}]}]})",
       "messages[0].content[0].source.type"},
      {R"({"model":"mode/smart","max_tokens":5,"tools":[{"type":"web_search_20250305","name":"web_search"}],"messages":[{"role":"user","content":"hi"}]})",
       "tools[0].type"},
      {R"({"model":"mode/smart","max_tokens":5,"temperature":3,"messages":[{"role":"user","content":"hi"}]})",
       "temperature"},
      {R"({"model":"mode/smart","max_tokens":5,"messages":[{"role":"user","content":"hi"})", ""},
  };
  for (const auto& [body, param] : cases) {
    const HttpResult r = messages(body);
    ASSERT_EQ(r.status, 400) << body << " -> " << r.body;
    Object::Ptr reply = parseObject(r.body);
    EXPECT_EQ(reply->getValue<std::string>("type"), "error") << "Anthropic's shape";
    Object::Ptr error = reply->getObject("error");
    EXPECT_EQ(error->getValue<std::string>("type"), "invalid_request_error");
    EXPECT_FALSE(error->getValue<std::string>("message").empty());
    if (!param.empty()) EXPECT_EQ(error->getValue<std::string>("param"), param) << body;
  }
  EXPECT_EQ(fake_.requests("first"), 0) << "nothing malformed reaches an upstream";
  EXPECT_EQ(messages(messagesBody("mode/smart", false)).status, 200) << "still serving";
}

}  // namespace
}  // namespace manifold::test
