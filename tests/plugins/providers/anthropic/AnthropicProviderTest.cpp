// The anthropic provider, loaded through the real plugin loader and driven
// through its C API, against byte-exact fixtures in Anthropic's documented
// formats (tests/fixtures/anthropic/).
#include <gtest/gtest.h>
#include <manifold/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>

#include "plugins/AbiStrings.h"
#include "support/ProviderHarness.h"
#include "support/TestPaths.h"

namespace manifold {
namespace {

using test::BuiltRequest;
using test::Events;
using test::StreamResult;

std::string pluginPath() {
  return test::pluginOutputDir() + "/anthropic.so";
}

std::string fixture(const std::string& name) {
  return test::readFixture("anthropic", name);
}

// Object members sorted at every level: Anthropic ignores member order, and
// so do the body comparisons.
json::Value sorted(const json::Value& v) {
  if (v.isArray()) {
    json::Value out = json::Value::array();
    for (const json::Value& item : v.asArray()) out.push(sorted(item));
    return out;
  }
  if (!v.isObject()) return v;
  json::Object members;
  for (const json::Member& m : v.asObject()) members.emplace_back(m.first, sorted(m.second));
  std::sort(members.begin(), members.end(),
            [](const json::Member& a, const json::Member& b) { return a.first < b.first; });
  return json::Value(std::move(members));
}

std::string normalised(const std::string& text) {
  const std::optional<json::Value> v = json::parse(text);
  return v ? json::stringify(sorted(*v)) : "<not JSON: " + text + ">";
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

class AnthropicProviderTest : public ::testing::Test, public test::ProviderHarness {
 protected:
  AnthropicProviderTest() : test::ProviderHarness(pluginPath(), "anthropic") {
    engineId_ = "claude";
    model_ = "claude-sonnet-4-5-20250929";
  }
  void SetUp() override { ASSERT_TRUE(loaded()) << problem(); }

  // The built body, or the failure as text.
  std::string body(const std::string& canonical) const {
    const BuiltRequest r = build(canonical);
    return r.rc == MF_OK ? r.body : "failed: " + plugins::errorMessage(r.error);
  }
  mf_error buildError(const std::string& canonical) const {
    const BuiltRequest r = build(canonical);
    EXPECT_EQ(r.rc, MF_FAILED) << canonical;
    return r.error;
  }
};

const char* kHello = R"({"messages":[{"role":"user","content":"Hi"}]})";

// ---------------------------------------------------------------------------
// Fixtures: the events each answer gives
// ---------------------------------------------------------------------------

const std::map<std::string, Events>& expectedEvents() {
  static const std::map<std::string, Events> expected = {
      {"text.sse",
       {"usage:25:1:-1:-1", "text:Bonjour", "text:, ça va 👋?", "usage:25:15:-1:-1", "finish:1"}},
      {"tool_use.sse",
       {"usage:472:2:-1:-1", "text:Okay", "text:, let me check the weather and the time in Paris:",
        "tool:0:toolu_01T1x1fJ34qAmk2tNTrN7Up6:get_weather:", "tool:0:::{\"location\":",
        "tool:0::: \"Paris, Fr", "tool:0:::ance\"}",
        "tool:1:toolu_01VuTz8kQm3bXWc5Hn2Ra7Ls:get_time:", "tool:1:::{\"tz\": \"Europe/Paris\"}",
        "usage:472:89:-1:-1", "finish:3"}},
      {"thinking.sse",
       {"usage:38:4:0:-1:0",
        "reasoning:I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\n\n"
        "1071 = 2 × 462 + 147",
        "reasoning:\n462 = 3 × 147 + 21\n147 = 7 × 21 + 0\n\nSo GCD(1071, 462) = 21",
        "text:The greatest common divisor of 1071 and 462 is **21**.", "usage:38:136:0:-1:0",
        "finish:1"}},
      {"cache_usage.sse",
       {"usage:4230:1:1800:-1:2400", "text:Chapter two opens in Lyon.",
        "usage:4230:57:1800:-1:2400", "finish:2"}},
      {"overloaded_after_200.sse",
       {"usage:25:1:-1:-1", "error:5:retryable:overloaded_error: Overloaded"}},
      {"ping_and_unknown.sse",
       {"usage:12:1:0:-1:0", "text:Sunny.", "usage:12:9:0:-1:0", "finish:1"}},
      {"message.json", {"text:Hi! My name is Claude.", "usage:3119:503:1024:-1:0", "finish:1"}},
      {"message_tool_use.json",
       {"reasoning:The user wants the weather in Paris. I should call get_weather.",
        "text:I'll check the current weather in Paris for you.",
        "tool:0:toolu_01A09q90qw90lq917835lq9:get_weather:"
        "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}",
        "usage:384:97:0:-1:0", "finish:3"}},
  };
  return expected;
}

bool isStream(const std::string& name) {
  return name.size() > 4 && name.substr(name.size() - 4) == ".sse";
}

// ---------------------------------------------------------------------------
// Round trips: canonical request -> upstream body -> upstream answer -> events
// ---------------------------------------------------------------------------

struct RoundTrip {
  const char* requestFixture;
  const char* canonical;
  const char* options;
  const char* answerFixture;
};

const RoundTrip kRoundTrips[] = {
    {"request_text_system.json",
     R"({"model":"smart","messages":[
       {"role":"system","content":"You are terse."},
       {"role":"user","name":"ada","content":[{"type":"text","text":"Hi"}]},
       {"role":"user","content":"Answer in French."}],
      "stop":["\n\nHuman:"],"temperature":0.2,"top_p":0.9,"max_tokens":300,"seed":7,
      "stream":true,"metadata":{"user":"u-1"}})",
     "{}", "text.sse"},
    {"request_images.json",
     R"({"messages":[{"role":"user","content":[
       {"type":"text","text":"What is in these images?"},
       {"type":"image","url":"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="},
       {"type":"image","url":"https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg","detail":"high"}]}]})",
     "{}", "message.json"},
    {"request_tools.json",
     R"({"messages":[
       {"role":"user","content":"Weather and time in Paris?"},
       {"role":"assistant","content":[{"type":"text","text":"Let me check."}],"tool_calls":[
         {"id":"toolu_01A","name":"get_weather","arguments":"{\"location\":\"Paris, France\"}"},
         {"id":"toolu_01B","name":"get_time","arguments":""}]},
       {"role":"tool","tool_call_id":"toolu_01A","content":"18C, cloudy"},
       {"role":"tool","tool_call_id":"toolu_01B","content":[{"type":"text","text":"14:05"}]},
       {"role":"user","content":"And tomorrow?"}],
      "tools":[
       {"name":"get_weather","description":"Current weather for a place",
        "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}},
       {"name":"get_time","parameters":{"type":"object","properties":{"tz":{"type":"string"}}}}],
      "tool_choice":"required","stream":true})",
     "{}", "tool_use.sse"},
    {"request_prompt_cache.json",
     R"({"messages":[
       {"role":"system","content":"You are a novelist's assistant."},
       {"role":"system","content":[{"type":"text","text":"<manuscript>Chapter one. Ada leaves Paris on the night train.</manuscript>"}]},
       {"role":"user","content":"Summarise chapter one."},
       {"role":"assistant","content":"Chapter one follows Ada from Paris to Lyon."},
       {"role":"user","content":"Draft the opening of chapter two."}],
      "prompt_cache":{"prefix_messages":4,"key":"conv-7f3a"},"stream":true})",
     "{}", "cache_usage.sse"},
    {"request_thinking.json",
     R"({"messages":[{"role":"user","content":"What is the GCD of 1071 and 462?"}],"stream":true})",
     R"({"max_tokens":8000,"thinking_budget":2048})", "thinking.sse"},
};

TEST_F(AnthropicProviderTest, RoundTripsFromCanonicalRequestToCanonicalEvents) {
  for (const RoundTrip& trip : kRoundTrips) {
    options_ = trip.options;
    EXPECT_EQ(normalised(body(trip.canonical)), normalised(fixture(trip.requestFixture)))
        << trip.requestFixture;
    const std::string answer = fixture(trip.answerFixture);
    const StreamResult r = isStream(trip.answerFixture) ? streamWhole(answer) : parse(answer);
    EXPECT_TRUE(r.ok) << trip.answerFixture << ": " << plugins::errorMessage(r.error);
    EXPECT_EQ(r.events, expectedEvents().at(trip.answerFixture)) << trip.answerFixture;
  }
}

// ---------------------------------------------------------------------------
// URL, headers, engine options
// ---------------------------------------------------------------------------

TEST_F(AnthropicProviderTest, PostsToMessagesWithTheDocumentedHeaders) {
  BuiltRequest r = build(kHello);
  ASSERT_EQ(r.rc, MF_OK) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://api.anthropic.com/v1/messages");
  EXPECT_EQ(r.header("x-api-key"), "sk-test-secret-0123");
  EXPECT_EQ(r.header("anthropic-version"), "2023-06-01");
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("accept"), "application/json");
  EXPECT_FALSE(r.json().contains("stream"));

  r = build(R"({"messages":[{"role":"user","content":"Hi"}],"stream":true})");
  EXPECT_EQ(r.header("accept"), "text/event-stream");
  EXPECT_TRUE(r.json()["stream"].asBool());
}

TEST_F(AnthropicProviderTest, NoKeyHeaderWithoutAKeyAndBaseUrlReplacesTheHost) {
  apiKey_.clear();
  baseUrl_ = "http://127.0.0.1:8089//";
  const BuiltRequest r = build(kHello);
  EXPECT_EQ(r.header("x-api-key"), "<absent>");
  EXPECT_EQ(r.url, "http://127.0.0.1:8089/v1/messages");
}

TEST_F(AnthropicProviderTest, MaxTokensFromTheRequestElseTheEngineElse4096) {
  EXPECT_EQ(build(kHello).json()["max_tokens"].asInt(), 4096);
  options_ = R"({"max_tokens":1000})";
  EXPECT_EQ(build(kHello).json()["max_tokens"].asInt(), 1000);
  EXPECT_EQ(build(R"({"messages":[{"role":"user","content":"Hi"}],"max_tokens":20})")
                .json()["max_tokens"]
                .asInt(),
            20);
}

// Anthropic refuses max_tokens <= budget_tokens with a 400; the adapter
// raises max_tokens to budget + the client's max_tokens instead, capped at
// max_output_tokens, and shrinks the budget (to 1024 at least) when the cap
// leaves it no room.
TEST_F(AnthropicProviderTest, ASmallMaxTokensIsRaisedAboveTheThinkingBudget) {
  struct Case {
    const char* options;
    const char* canonical;
    int64_t maxTokens;
    int64_t budget;
  };
  const char* kSmall = R"({"messages":[{"role":"user","content":"Hi"}],"max_tokens":500})";
  const Case cases[] = {
      {R"({"thinking_budget":4096})", kHello, 8192, 4096},  // engine default 4096
      {R"({"thinking_budget":2048})", kSmall, 2548, 2048},
      {R"({"thinking_budget":2048,"max_tokens":2048})", kHello, 4096, 2048},
      {R"({"thinking_budget":31800})", kSmall, 32000, 31800},  // default cap 32000
      {R"({"thinking_budget":16000,"max_output_tokens":16000})", kSmall, 16000, 15500},
      {R"({"thinking_budget":4096,"max_output_tokens":1200})", kSmall, 1200, 1024},
      {R"({"thinking_budget":2048})",
       R"({"messages":[{"role":"user","content":"Hi"}],"max_tokens":2049})", 2049,
       2048},  // already enough: untouched
  };
  for (const Case& c : cases) {
    options_ = c.options;
    const BuiltRequest r = build(c.canonical);
    ASSERT_EQ(r.rc, MF_OK) << c.options << ": " << plugins::errorMessage(r.error);
    EXPECT_EQ(r.json()["max_tokens"].asInt(), c.maxTokens) << c.options << " " << c.canonical;
    EXPECT_EQ(r.json()["thinking"]["budget_tokens"].asInt(), c.budget)
        << c.options << " " << c.canonical;
  }
}

TEST_F(AnthropicProviderTest, AnOutputLimitWithNoRoomForTheMinimumBudgetIsInvalid) {
  options_ = R"({"thinking_budget":2048,"max_output_tokens":1024})";
  const mf_error e =
      buildError(R"({"messages":[{"role":"user","content":"Hi"}],"max_tokens":500})");
  EXPECT_EQ(e.code, MF_ERR_INVALID);
  EXPECT_EQ(plugins::errorMessage(e),
            "anthropic: max_output_tokens (1024) leaves no room for thinking: Anthropic needs "
            "budget_tokens of at least 1024 and max_tokens above it");
}

TEST_F(AnthropicProviderTest, MalformedEngineOptionsAreAnInvalidRequest) {
  for (const char* options : {"not json", "[1]", R"({"max_tokens":"many"})", R"({"max_tokens":0})",
                              R"({"thinking_budget":1.5})", R"({"max_output_tokens":-1})"}) {
    options_ = options;
    EXPECT_EQ(buildError(kHello).code, MF_ERR_INVALID) << options;
  }
}

// ---------------------------------------------------------------------------
// Canonical request -> Messages body
// ---------------------------------------------------------------------------

TEST_F(AnthropicProviderTest, ToolChoiceForms) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"("auto")", R"({"type":"auto"})"},
      {R"("required")", R"({"type":"any"})"},
      {R"("none")", R"({"type":"none"})"},
      {R"({"name":"get_weather"})", R"({"type":"tool","name":"get_weather"})"},
  };
  for (const auto& [choice, expected] : cases) {
    const BuiltRequest r =
        build(R"({"messages":[{"role":"user","content":"x"}],"tool_choice":)" + choice + "}");
    EXPECT_EQ(json::stringify(r.json()["tool_choice"]), expected) << choice;
  }
  EXPECT_EQ(
      buildError(R"({"messages":[{"role":"user","content":"x"}],"tool_choice":"sometimes"})").code,
      MF_ERR_INVALID);
}

TEST_F(AnthropicProviderTest, ToolArgumentsThatAreNotAJsonObjectAreInvalid) {
  for (const char* arguments : {R"({\"city\":)", "[1,2]", "not json"}) {
    const mf_error e = buildError(
        R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[
          {"id":"toolu_9","name":"f","arguments":")" +
        std::string(arguments) + R"("}]}]})");
    EXPECT_EQ(e.code, MF_ERR_INVALID) << arguments;
    EXPECT_EQ(e.retryable, 0);
    EXPECT_EQ(plugins::errorMessage(e),
              "anthropic: the arguments of tool call \"toolu_9\" are not a JSON object");
  }
}

TEST_F(AnthropicProviderTest, AFinalAssistantMessageIsSentAsAPrefill) {
  const json::Value messages = build(R"({"messages":[{"role":"user","content":"Name a colour."},
                            {"role":"assistant","content":"My answer is:"}]})")
                                   .json()["messages"];
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(json::stringify(messages[1]),
            R"({"role":"assistant","content":[{"type":"text","text":"My answer is:"}]})");
}

TEST_F(AnthropicProviderTest, ResponseFormatJsonIsRefusedAndTextIsFine) {
  for (const char* type : {"json_object", "json_schema"}) {
    const mf_error e = buildError(R"({"messages":[{"role":"user","content":"x"}],
                                      "response_format":{"type":")" +
                                  std::string(type) + "\"}}");
    EXPECT_EQ(e.code, MF_ERR_INVALID) << type;
    EXPECT_NE(plugins::errorMessage(e).find("anthropic: response_format is not supported"),
              std::string::npos);
  }
  EXPECT_EQ(
      build(R"({"messages":[{"role":"user","content":"x"}],"response_format":{"type":"text"}})").rc,
      MF_OK);
}

TEST_F(AnthropicProviderTest, NoPromptCacheMeansNoBreakpoints) {
  const std::string canonical = R"({"messages":[{"role":"system","content":"S"},
                                                {"role":"user","content":"U"}]})";
  EXPECT_EQ(body(canonical).find("cache_control"), std::string::npos) << body(canonical);
}

TEST_F(AnthropicProviderTest, ThePrefixBreakpointFollowsSystemExtractionAndMerging) {
  const std::string messages = R"("messages":[
    {"role":"system","content":"S"},
    {"role":"user","content":"U1"},
    {"role":"system","content":"S2"},
    {"role":"user","content":[{"type":"text","text":"U2a"},{"type":"text","text":"U2b"}]},
    {"role":"assistant","content":"A"},
    {"role":"user","content":"U3"}])";
  auto marked = [&](int prefix) {
    const json::Value b = build("{" + messages + R"(,"prompt_cache":{"prefix_messages":)" +
                                std::to_string(prefix) + R"(,"key":"k"}})")
                              .json();
    std::vector<std::string> texts;  // every block that carries a breakpoint
    for (const json::Value& block : b["system"].asArray())
      if (block.contains("cache_control")) texts.push_back("system:" + block["text"].asString());
    for (const json::Value& m : b["messages"].asArray())
      for (const json::Value& block : m["content"].asArray())
        if (block.contains("cache_control"))
          texts.push_back(m["role"].asString() + ":" + block["text"].asString());
    return texts;
  };
  using Texts = std::vector<std::string>;
  // Two system messages become one system array; U1 and U2 one user turn.
  EXPECT_EQ(marked(1), (Texts{"system:S2"}));  // the prefix ends inside the system blocks
  EXPECT_EQ(marked(2), (Texts{"system:S2", "user:U1"}));
  EXPECT_EQ(marked(3), (Texts{"system:S2", "user:U1"}));  // S2 adds no turn block
  EXPECT_EQ(marked(4), (Texts{"system:S2", "user:U2b"}));
  EXPECT_EQ(marked(5), (Texts{"system:S2", "assistant:A"}));
  EXPECT_EQ(marked(99), (Texts{"system:S2", "user:U3"}));
  EXPECT_LE(count(body("{" + messages + R"(,"prompt_cache":{"prefix_messages":4,"key":"k"}})"),
                  "cache_control"),
            4u);
}

TEST_F(AnthropicProviderTest, MalformedRequestsAreInvalid) {
  for (
      const char* canonical : {
          "not json",
          "[]",
          R"({"messages":[]})",
          R"({"messages":[{"role":"system","content":"only a system prompt"}]})",
          R"({"messages":[{"role":"wizard","content":"x"}]})",
          R"({"messages":[{"role":"user","content":{"text":"x"}}]})",
          R"({"messages":[{"role":"user","content":[{"type":"audio","url":"x"}]}]})",
          R"({"messages":[{"role":"user","content":[{"type":"image","url":"ftp://x/y.png"}]}]})",
          R"({"messages":[{"role":"user","content":[{"type":"image","url":"data:image/png,AAAA"}]}]})",
          R"({"messages":[{"role":"system","content":[{"type":"image","url":"https://x/y.png"}]},
                           {"role":"user","content":"x"}]})",
          R"({"messages":[{"role":"user","content":"x"}],"tools":[{"description":"no name"}]})",
      }) {
    const mf_error e = buildError(canonical);
    EXPECT_EQ(e.code, MF_ERR_INVALID) << canonical;
    EXPECT_EQ(plugins::errorMessage(e).rfind("anthropic: ", 0), 0u) << plugins::errorMessage(e);
    EXPECT_EQ(plugins::errorMessage(e).find(apiKey_), std::string::npos);
  }
}

// ---------------------------------------------------------------------------
// Streams
// ---------------------------------------------------------------------------

TEST_F(AnthropicProviderTest, EveryStreamFixtureGivesTheSameEventsHoweverItIsSplit) {
  for (const auto& [name, events] : expectedEvents()) {
    if (!isStream(name)) continue;
    expectEveryFeedingGives(name, fixture(name), events);
  }
}

std::string sse(const std::string& data) {
  return "event: x\ndata: " + data + "\n\n";
}

const std::string kStop = sse(R"({"type":"message_stop"})");

TEST_F(AnthropicProviderTest, StopReasons) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"end_turn", "finish:1"},   {"stop_sequence", "finish:1"}, {"pause_turn", "finish:1"},
      {"max_tokens", "finish:2"}, {"tool_use", "finish:3"},      {"refusal", "finish:4"},
  };
  for (const auto& [reason, finish] : cases) {
    const StreamResult r = streamWhole(
        sse(R"({"type":"message_delta","delta":{"stop_reason":")" + reason + R"("}})") + kStop);
    EXPECT_EQ(r.events, Events{finish}) << reason;
  }
}

TEST_F(AnthropicProviderTest, InBandErrorsAreClassifiedAndEndTheStream) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"rate_limit_error", "error:4:retryable:rate_limit_error: slow down"},
      {"api_error", "error:5:retryable:api_error: slow down"},
      {"invalid_request_error", "error:1:final:invalid_request_error: slow down"},
      {"a_future_error", "error:5:retryable:a_future_error: slow down"},
  };
  for (const auto& [type, event] : cases) {
    const StreamResult r = streamWhole(
        sse(R"({"type":"error","error":{"type":")" + type + R"(","message":"slow down"}})") +
        sse(R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"late"}})"));
    EXPECT_TRUE(r.ok) << type;
    EXPECT_EQ(r.events, Events{event}) << type;
  }
}

TEST_F(AnthropicProviderTest, AStreamWithoutMessageStopWasCut) {
  const std::string bytes = fixture("text.sse");
  const StreamResult r = streamWhole(bytes.substr(0, bytes.find("event: message_stop")));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, MF_ERR_UNAVAILABLE);
  EXPECT_EQ(r.error.retryable, 1);
  EXPECT_EQ(plugins::errorMessage(r.error), "anthropic: the stream ended before message_stop");
  const Events& all = expectedEvents().at("text.sse");
  EXPECT_EQ(r.events, all) << "everything before the cut is still delivered";

  EXPECT_FALSE(streamWhole("").ok);
  // The last event may lack its blank line: it is still read.
  EXPECT_TRUE(streamWhole(bytes.substr(0, bytes.size() - 2)).ok);
}

TEST_F(AnthropicProviderTest, NothingAfterMessageStopIsRead) {
  const StreamResult r = streamWhole(fixture("text.sse") + "data: not json\n\n");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events, expectedEvents().at("text.sse"));
}

TEST_F(AnthropicProviderTest, AnEventThatIsNotJsonFailsTheFeedAsInternal) {
  const std::string start = fixture("text.sse").substr(0, fixture("text.sse").find("event: ping"));
  const std::string bytes =
      start +
      "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
      "\"delta\":{\"type\":\"text_de\n\n" +
      kStop;
  for (size_t at = 0; at <= bytes.size(); ++at) {
    const StreamResult r = stream({bytes.substr(0, at), bytes.substr(at)});
    ASSERT_FALSE(r.ok) << "split at " << at;
    ASSERT_EQ(r.events, Events{"usage:25:1:-1:-1"}) << "split at " << at;
    EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
    EXPECT_EQ(r.error.retryable, 1);
    EXPECT_EQ(plugins::errorMessage(r.error),
              "anthropic: upstream sent an event that is not a JSON object");
  }
  for (const char* data : {"42", "[1,2]", "\"message_stop\""})
    EXPECT_EQ(streamWhole(sse(data)).error.code, MF_ERR_INTERNAL) << data;
}

TEST_F(AnthropicProviderTest, ATruncatedLastEventFailsAtFinish) {
  const StreamResult r = streamWhole(
      R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"cu)");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.events, Events{});
  EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
}

TEST_F(AnthropicProviderTest, AFiftyMegabyteLineHitsTheCapWithAClassifiedError) {
  std::vector<std::string> pieces = {
      sse(R"({"type":"message_start","message":{"usage":{"input_tokens":3}}})") +
      "event: content_block_delta\n"
      R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":")"};
  const std::string chunk(64 * 1024, 'a');
  for (size_t sent = 0; sent < 50u * 1024 * 1024; sent += chunk.size()) pieces.push_back(chunk);
  const StreamResult r = stream(pieces);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.events, Events{"usage:3:-1:-1:-1"});
  EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
  EXPECT_EQ(r.error.retryable, 1);
  EXPECT_EQ(plugins::errorMessage(r.error), "anthropic: upstream sent an event larger than 8 MiB");

  // Just under the cap is an ordinary event.
  const std::string text(7 * 1024 * 1024, 'c');
  const StreamResult big = stream(
      {R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":")",
       text, "\"}}\n\n", kStop});
  EXPECT_TRUE(big.ok) << plugins::errorMessage(big.error);
  EXPECT_EQ(big.events, Events{"text:" + text});
}

TEST_F(AnthropicProviderTest, ASinkThatRefusesEventsStopsTheParser) {
  for (int stopAfter : {1, 2, 5}) {
    const StreamResult r = stream({fixture("tool_use.sse")}, stopAfter);
    EXPECT_TRUE(r.ok) << "the host asked to stop: that is no failure";
    const Events& all = expectedEvents().at("tool_use.sse");
    EXPECT_EQ(r.events, Events(all.begin(), all.begin() + stopAfter)) << stopAfter;
  }
}

// ---------------------------------------------------------------------------
// Non-streamed responses
// ---------------------------------------------------------------------------

TEST_F(AnthropicProviderTest, ParsesWholeMessages) {
  for (const char* name : {"message.json", "message_tool_use.json"}) {
    const StreamResult r = parse(fixture(name));
    EXPECT_TRUE(r.ok) << name << ": " << plugins::errorMessage(r.error);
    EXPECT_EQ(r.events, expectedEvents().at(name)) << name;
  }
}

TEST_F(AnthropicProviderTest, ABodyThatIsNotAMessageFailsRetryably) {
  for (const char* body : {"", "<html>502</html>", "[]", R"({"id":"msg_1"})",
                           R"({"type":"message","content":"text"})", R"({"type":"completion"})"}) {
    const StreamResult r = parse(body);
    EXPECT_FALSE(r.ok) << body;
    EXPECT_EQ(r.error.code, MF_ERR_UNAVAILABLE) << body;
    EXPECT_EQ(r.error.retryable, 1) << body;
  }
  const StreamResult r = parse(fixture("overloaded.json"));
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events, Events{"error:5:retryable:overloaded_error: Overloaded"});
}

// ---------------------------------------------------------------------------
// Error classification
// ---------------------------------------------------------------------------

TEST_F(AnthropicProviderTest, ClassifiesEveryErrorFixture) {
  struct Case {
    const char* fixture;
    int32_t status;
    int32_t code;
    int32_t retryable;
  };
  for (const Case& c :
       {Case{"rate_limit.json", 429, MF_ERR_RATE_LIMITED, 1},
        Case{"overloaded.json", 529, MF_ERR_UNAVAILABLE, 1}, Case{"auth.json", 401, MF_ERR_AUTH, 0},
        Case{"context_length.json", 400, MF_ERR_CONTEXT_LENGTH, 0},
        Case{"invalid.json", 400, MF_ERR_INVALID, 0},
        Case{"not_found.json", 404, MF_ERR_NOT_FOUND, 1},
        Case{"proxy_502.html", 502, MF_ERR_UNAVAILABLE, 1}}) {
    const mf_error e = classify(c.status, fixture(c.fixture));
    EXPECT_EQ(e.code, c.code) << c.fixture;
    EXPECT_EQ(e.retryable, c.retryable) << c.fixture;
    EXPECT_EQ(e.upstream_status, c.status) << c.fixture;
    const std::string message = plugins::errorMessage(e);
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(message.find(apiKey_), std::string::npos) << message;
  }
  EXPECT_EQ(plugins::errorMessage(classify(400, fixture("context_length.json"))),
            "anthropic: HTTP 400: invalid_request_error: prompt is too long: 208310 tokens > "
            "200000 maximum");
}

TEST_F(AnthropicProviderTest, RateLimitCarriesRetryAfter) {
  const mf_error e = classify(429, fixture("rate_limit.json"), {{"retry-after", "12"}});
  EXPECT_EQ(e.retry_after_ms, 12000);
  EXPECT_EQ(
      plugins::errorMessage(e).rfind(
          "anthropic: HTTP 429: rate_limit_error: This request would exceed the rate limit", 0),
      0u);
  EXPECT_EQ(classify(429, fixture("rate_limit.json")).retry_after_ms, -1);
}

TEST_F(AnthropicProviderTest, ErrorTypesWithoutAFixture) {
  struct Case {
    int32_t status;
    const char* type;
    int32_t code;
    int32_t retryable;
  };
  for (const Case& c :
       {Case{403, "permission_error", MF_ERR_AUTH, 0}, Case{402, "billing_error", MF_ERR_AUTH, 0},
        Case{413, "request_too_large", MF_ERR_INVALID, 0},
        Case{500, "api_error", MF_ERR_UNAVAILABLE, 1},
        Case{504, "timeout_error", MF_ERR_TIMEOUT, 1},
        Case{418, "a_future_error", MF_ERR_INVALID, 0},
        Case{503, "a_future_error", MF_ERR_UNAVAILABLE, 1}}) {
    const mf_error e = classify(c.status, R"({"type":"error","error":{"type":")" +
                                              std::string(c.type) + R"(","message":"m"}})");
    EXPECT_EQ(e.code, c.code) << c.type;
    EXPECT_EQ(e.retryable, c.retryable) << c.type;
  }
}

TEST_F(AnthropicProviderTest, BodiesThatAreNotAnthropicErrorsFallBackOnTheStatus) {
  EXPECT_EQ(classify(429, "Too Many Requests").code, MF_ERR_RATE_LIMITED);
  EXPECT_EQ(classify(529, "").code, MF_ERR_UNAVAILABLE);
  EXPECT_EQ(classify(401, "<html>denied</html>").code, MF_ERR_AUTH);
  EXPECT_EQ(plugins::errorMessage(classify(500, "")), "anthropic: HTTP 500: no error message");
  EXPECT_EQ(classify(400, std::string("\xFF\xFE\x00garbage", 10)).code, MF_ERR_INVALID);
  const std::string message = plugins::errorMessage(
      classify(400, R"({"type":"error","error":{"type":"invalid_request_error","message":")" +
                        std::string(5000, 'z') + "\"}}"));
  EXPECT_LT(message.size(), sizeof(mf_error::message));
}

TEST_F(AnthropicProviderTest, AKeyEchoedByTheUpstreamIsMasked) {
  const std::string key = "sk-ant-api03-AbC_dEf-123456";
  std::string message = plugins::errorMessage(
      classify(401, R"({"type":"error","error":{"type":"authentication_error","message":"key )" +
                        key + R"( is disabled"}})"));
  EXPECT_EQ(message, "anthropic: HTTP 401: authentication_error: key sk-ant-*** is disabled");
  const StreamResult r = streamWhole(
      sse(R"({"type":"error","error":{"type":"permission_error","message":")" + key + "\"}}"));
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].find(key), std::string::npos) << r.events[0];
}

// ---------------------------------------------------------------------------
// The library itself
// ---------------------------------------------------------------------------

}  // namespace
}  // namespace manifold
