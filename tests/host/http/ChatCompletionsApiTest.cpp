// The OpenAI-compatible surface: routing by model name, the response shapes,
// tool calls in both directions, and every kind of bad input.
#include <Poco/JSON/Parser.h>

#include "../failover/FailoverFixture.h"

namespace manifold::test {
namespace {

class ChatCompletionsApiTest : public FailoverFixture {
 protected:
  void SetUp() override {
    start({engine("smart-1"), engine("coder-1"), engine("fast-1"), engine("reasoner-1"),
           engine("vision-1")},
          {mode("smart", {"smart-1"}), mode("coder", {"coder-1"}), mode("fast", {"fast-1"}),
           mode("reasoner", {"reasoner-1"}), mode("vision", {"vision-1"}),
           mode("custom-team", {"fast-1", "smart-1"})});
  }
};

TEST_F(ChatCompletionsApiTest, ModelNamesRouteToModesEnginesAndKeywordRules) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"mode/custom-team", "fast-1"},   {"coder-1", "coder-1"},
      {"qwen2.5-coder-32b", "coder-1"}, {"codestral-latest", "coder-1"},
      {"o3-mini", "reasoner-1"},        {"deepseek-reasoner", "reasoner-1"},
      {"llama-4-scout", "vision-1"},    {"gemini-2.0-flash", "fast-1"},
      {"llama-3.1-8b", "fast-1"},       {"gpt-4o", "smart-1"}};
  for (const auto& [model, engineId] : cases) {
    HttpResult r = chat(model, false);
    ASSERT_EQ(r.status, 200) << model << ": " << r.body;
    EXPECT_EQ(r.header("x-manifold-engine"), engineId) << model;
    EXPECT_EQ(parseObject(r.body)->getValue<std::string>("model"), engineId) << model;
  }
  expectOpenAiError(chat("mode/nonexistent", false), 404, "matches no engine or mode", "model");
}

TEST_F(ChatCompletionsApiTest, StreamingFollowsTheOpenAiContract) {
  HttpResult r = chat("mode/smart", true, R"("stream_options":{"include_usage":true})");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type").rfind("text/event-stream", 0), 0u);
  EXPECT_FALSE(r.header("x-request-id").empty());
  EXPECT_EQ(r.header("x-manifold-attempts"), "1");
  const std::vector<std::string> payloads = ssePayloads(r.body);
  ASSERT_GE(payloads.size(), 5u) << r.body;
  std::string id;
  for (size_t i = 0; i + 1 < payloads.size(); ++i) {
    Poco::JSON::Object::Ptr chunk = parseObject(payloads[i]);
    EXPECT_EQ(chunk->getValue<std::string>("object"), "chat.completion.chunk");
    if (id.empty()) id = chunk->getValue<std::string>("id");
    EXPECT_EQ(chunk->getValue<std::string>("id"), id) << "one id for the whole stream";
  }
  Poco::JSON::Object::Ptr first = parseObject(payloads[0]);
  EXPECT_EQ(
      first->getArray("choices")->getObject(0)->getObject("delta")->getValue<std::string>("role"),
      "assistant");
  EXPECT_NE(payloads[payloads.size() - 3].find("\"finish_reason\":\"stop\""), std::string::npos);
  Poco::JSON::Object::Ptr usage = parseObject(payloads[payloads.size() - 2]);
  EXPECT_EQ(usage->getArray("choices")->size(), 0u);
  EXPECT_EQ(usage->getObject("usage")->getValue<int>("total_tokens"), 9);
  EXPECT_EQ(payloads.back(), "[DONE]");
  EXPECT_EQ(streamedText(r.body), "Hello world");
}

TEST_F(ChatCompletionsApiTest, ToolCallsPassThroughBothWays) {
  FakeBehaviour toolAnswer;
  toolAnswer.toolCallName = "get_weather";
  toolAnswer.tokens = {"{\"city\":", "\"Paris\"}"};
  fake_.script("smart-1", {toolAnswer});
  const std::string extra =
      R"("tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],)"
      R"("tool_choice":{"type":"function","function":{"name":"get_weather"}})";
  const std::string body =
      R"({"model":"mode/smart","stream":false,"messages":[{"role":"user","content":"weather?"},)"
      R"({"role":"assistant","content":null,"tool_calls":[{"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]},)"
      R"({"role":"tool","tool_call_id":"call_0","content":"sunny"}],)" +
      extra + "}";
  HttpResult r = gateway_->client().post("/v1/chat/completions", body);
  ASSERT_EQ(r.status, 200) << r.body;
  Poco::JSON::Object::Ptr choice = parseObject(r.body)->getArray("choices")->getObject(0);
  EXPECT_EQ(choice->getValue<std::string>("finish_reason"), "tool_calls");
  Poco::JSON::Object::Ptr call = choice->getObject("message")->getArray("tool_calls")->getObject(0);
  EXPECT_EQ(call->getObject("function")->getValue<std::string>("name"), "get_weather");
  EXPECT_EQ(call->getObject("function")->getValue<std::string>("arguments"),
            "{\"city\":\"Paris\"}");

  Poco::JSON::Object::Ptr sent = parseObject(fake_.bodies("smart-1").at(0));
  EXPECT_EQ(
      sent->getArray("tools")->getObject(0)->getObject("function")->getValue<std::string>("name"),
      "get_weather");
  // The client's messages arrive as sent: no system message added.
  Poco::JSON::Array::Ptr messages = sent->getArray("messages");
  EXPECT_EQ(messages->getObject(0)->getValue<std::string>("role"), "user");
  EXPECT_EQ(
      messages->getObject(1)->getArray("tool_calls")->getObject(0)->getValue<std::string>("id"),
      "call_0");
  EXPECT_EQ(messages->getObject(2)->getValue<std::string>("tool_call_id"), "call_0");
  EXPECT_EQ(messages->getObject(2)->getValue<std::string>("content"), "sunny");
  EXPECT_EQ(sent->getObject("tool_choice")->getObject("function")->getValue<std::string>("name"),
            "get_weather");
}

struct BadInput {
  std::string name;
  std::string body;
  std::string messagePart;
  std::string param;
};

TEST_F(ChatCompletionsApiTest, BadInputGetsA400NamingTheProblem) {
  const std::vector<BadInput> cases = {
      {"malformed JSON", R"({"model":"gpt-4o","messages":[)", "not valid JSON", ""},
      {"not an object", R"([1,2])", "must be a JSON object", ""},
      {"missing model", R"({"messages":[{"role":"user","content":"hi"}]})", "model is required",
       "model"},
      {"missing messages", R"({"model":"gpt-4o"})", "messages is required", "messages"},
      {"messages not an array", R"({"model":"gpt-4o","messages":"hi"})", "must be an array",
       "messages"},
      {"empty messages", R"({"model":"gpt-4o","messages":[]})", "must not be empty", "messages"},
      {"unknown role", R"({"model":"gpt-4o","messages":[{"role":"wizard","content":"hi"}]})",
       "must be one of", "messages[0].role"},
      {"content wrong type", R"({"model":"gpt-4o","messages":[{"role":"user","content":42}]})",
       "must be a string or an array", "messages[0].content"},
      {"temperature wrong type", chatBody("gpt-4o", false, R"("temperature":"hot")"),
       "must be a number", "temperature"},
      {"temperature out of range", chatBody("gpt-4o", false, R"("temperature":7)"), "between",
       "temperature"},
      {"stream wrong type", chatBody("gpt-4o", false, R"("stream":"yes")"),
       "stream must be a boolean", "stream"},
      {"max_tokens zero", chatBody("gpt-4o", false, R"("max_tokens":0)"), "at least 1",
       "max_tokens"},
      {"n above one", chatBody("gpt-4o", false, R"("n":2)"), "only n=1", "n"},
      {"logprobs", chatBody("gpt-4o", false, R"("logprobs":true)"), "logprobs", "logprobs"},
      {"bad tool", chatBody("gpt-4o", false, R"("tools":[{"type":"retrieval"}])"),
       "type \"function\"", "tools[0]"},
      {"bad tool_choice", chatBody("gpt-4o", false, R"("tool_choice":"sometimes")"),
       "tool_choice must be", "tool_choice"},
      {"tool message without id",
       R"({"model":"gpt-4o","messages":[{"role":"tool","content":"x"}]})", "tool_call_id",
       "messages[0].tool_call_id"},
      {"invalid UTF-8",
       "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"\xC3\x28\"}]}",
       "not valid UTF-8", ""},
  };
  for (const BadInput& c : cases) {
    SCOPED_TRACE(c.name);
    expectOpenAiError(gateway_->client().post("/v1/chat/completions", c.body), 400, c.messagePart,
                      c.param);
  }
  EXPECT_EQ(fake_.requests("smart-1"), 0);
}

TEST_F(ChatCompletionsApiTest, NestingAHundredThousandDeepIsRefusedCleanly) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  expectOpenAiError(gateway_->client().post("/v1/chat/completions",
                                            R"({"model":"gpt-4o","messages":)" + deep + "}"),
                    400, "nesting deeper than");
  EXPECT_EQ(chat("gpt-4o", false).status, 200) << "the process keeps serving";
}

}  // namespace
}  // namespace manifold::test
