// The cohere provider, loaded through the real plugin loader and driven
// through its C API, against byte-exact fixtures in Cohere's documented v2
// formats (tests/fixtures/cohere/).
#include <gtest/gtest.h>
#include <manifold/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "plugins/AbiStrings.h"
#include "support/ProviderHarness.h"
#include "support/TestPaths.h"

namespace manifold {
namespace {

namespace json = manifold::json;
using test::BuiltRequest;
using test::Events;
using test::StreamResult;

std::string pluginPath() {
  return test::pluginOutputDir() + "/cohere.so";
}

std::string fixture(const std::string& name) {
  return test::readFixture("cohere", name);
}

json::Value jsonFixture(const std::string& name) {
  const std::optional<json::Value> v = json::parse(fixture(name));
  EXPECT_TRUE(v.has_value()) << name << " is not JSON";
  return v.value_or(json::Value());
}

class CohereProviderTest : public ::testing::Test, public test::ProviderHarness {
 protected:
  CohereProviderTest() : test::ProviderHarness(pluginPath(), "cohere") {
    engineId_ = "cohere-a";
    model_ = "command-a-03-2025";
  }
  void SetUp() override { ASSERT_TRUE(loaded()) << problem(); }

  // The body built for a request of `messages` plus `extra` top-level fields.
  json::Value body(const std::string& extra,
                   const std::string& messages = R"([{"role":"user","content":"Hi"}])") {
    const BuiltRequest r = build(R"({"messages":)" + messages + extra + "}");
    EXPECT_EQ(r.rc, MF_OK) << plugins::errorMessage(r.error);
    return r.json();
  }
};

const std::map<std::string, Events>& expectedStreams() {
  static const std::map<std::string, Events> expected = {
      {"text.sse",
       {"text:Bonjour",
        "text:, \xC3\xA7"
        "a va",
        "text: ?\n\nOui.", "usage:71:9:-1:-1", "finish:1"}},
      {"tool_calls.sse",
       {"reasoning:I will", "reasoning: look up the weather in Madrid and Brasilia.",
        "tool:0:get_weather_p0dage9q1nv4:get_weather:", "tool:0:::{\n    \"", "tool:0:::location",
        "tool:0:::\": \"Madrid\"\n}", "tool:1:get_weather_vdkm1xa7qpm2:get_weather:",
        "tool:1:::{\"location\": \"Bras", "tool:1:::ilia\"}", "usage:913:83:-1:-1", "finish:3"}},
      {"usage_billed_units.sse", {"text:The answer is", "usage:12:4:-1:-1", "finish:2"}},
      {"error_finish.sse",
       {"text:Partial", "usage:74:1:-1:-1",
        "error:5:retryable:cohere: internal server error, this has been reported to our "
        "developers"}},
      {"thinking.sse",
       {"reasoning:The user asks 2+2.", "reasoning: That is 4.", "text:4", "usage:512:30:-1:-1",
        "finish:1"}},
      {"unknown_events.sse",
       {"text:Emperor penguins are the tallest.", "usage:640:8:-1:-1", "finish:1"}},
  };
  return expected;
}

const Events kResponseEvents = {
    "text:LLMs, or Large Language Models, are neural networks trained on large amounts of text.",
    "usage:71:18:-1:-1", "finish:1"};

// ---------------------------------------------------------------------------
// Canonical request -> Cohere request
// ---------------------------------------------------------------------------

TEST_F(CohereProviderTest, PostsToV2ChatWithTheKeyAsABearerToken) {
  const char* hello = R"({"messages":[{"role":"user","content":"Hi"}],"stream":true})";
  BuiltRequest r = build(hello);
  ASSERT_EQ(r.rc, MF_OK) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://api.cohere.com/v2/chat");
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.header("Accept"), "text/event-stream");
  EXPECT_EQ(r.header("Authorization"), "Bearer sk-test-secret-0123");

  apiKey_.clear();
  baseUrl_ = "http://10.0.0.5:8080///";
  r = build(R"({"messages":[{"role":"user","content":"Hi"}]})");
  EXPECT_EQ(r.url, "http://10.0.0.5:8080/v2/chat");
  EXPECT_EQ(r.header("Authorization"), "<absent>");
  EXPECT_EQ(r.header("Accept"), "application/json");
}

// Each request fixture is built, compared as JSON, and answered by the
// upstream fixture that belongs with it.
TEST_F(CohereProviderTest, RoundTripFromCanonicalRequestToEvents) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"system_text", "text.sse"},
      {"tools", "tool_calls.sse"},
      {"json_schema", "usage_billed_units.sse"},
      {"images", "response.json"},
  };
  for (const auto& [request, answer] : pairs) {
    const BuiltRequest r = build(fixture("requests/" + request + ".canonical.json"));
    ASSERT_EQ(r.rc, MF_OK) << request << ": " << plugins::errorMessage(r.error);
    EXPECT_EQ(r.url, "https://api.cohere.com/v2/chat");
    EXPECT_EQ(r.header("Authorization"), "Bearer " + apiKey_);
    EXPECT_EQ(r.json(), jsonFixture("requests/" + request + ".upstream.json"))
        << request << " sent " << r.body;
    const bool streamed = r.json()["stream"].asBool();
    EXPECT_EQ(r.header("Accept"), streamed ? "text/event-stream" : "application/json");

    const StreamResult result = streamed ? streamWhole(fixture(answer)) : parse(fixture(answer));
    EXPECT_TRUE(result.ok) << answer << ": " << plugins::errorMessage(result.error);
    EXPECT_EQ(result.events, streamed ? expectedStreams().at(answer) : kResponseEvents) << answer;
  }
}

TEST_F(CohereProviderTest, ToolChoiceForms) {
  const std::string tools =
      R"(,"tools":[{"name":"get_weather","parameters":{"type":"object"}},{"name":"get_time"}])";
  EXPECT_FALSE(body(tools + R"(,"tool_choice":"auto")").contains("tool_choice"));
  EXPECT_EQ(body(tools + R"(,"tool_choice":"none")")["tool_choice"], json::Value("NONE"));
  EXPECT_EQ(body(tools + R"(,"tool_choice":"required")")["tool_choice"], json::Value("REQUIRED"));

  // Cohere cannot name a tool: REQUIRED, with only that tool on offer.
  const json::Value named = body(tools + R"(,"tool_choice":{"name":"get_time"})");
  EXPECT_EQ(named["tool_choice"], json::Value("REQUIRED"));
  EXPECT_EQ(json::stringify(named["tools"]),
            R"([{"type":"function","function":{"name":"get_time"}}])");

  const BuiltRequest unknown = build(R"({"messages":[{"role":"user","content":"Hi"}])" + tools +
                                     R"(,"tool_choice":{"name":"get_moon"}})");
  EXPECT_EQ(unknown.rc, MF_FAILED);
  EXPECT_EQ(unknown.error.code, MF_ERR_INVALID);
}

TEST_F(CohereProviderTest, APrefillIsSentAsAnOrdinaryAssistantMessage) {
  const json::Value sent =
      body("", R"([{"role":"user","content":"Say hi"},{"role":"assistant","content":"Bonjour"}])");
  EXPECT_EQ(json::stringify(sent["messages"][1]), R"({"role":"assistant","content":"Bonjour"})");
}

TEST_F(CohereProviderTest, ResponseFormats) {
  EXPECT_EQ(
      json::stringify(body(R"(,"response_format":{"type":"json_object"})")["response_format"]),
      R"({"type":"json_object"})");
  EXPECT_FALSE(body(R"(,"response_format":{"type":"text"})").contains("response_format"));
}

TEST_F(CohereProviderTest, AMalformedCanonicalRequestIsInvalid) {
  for (
      const std::string& request : {
          std::string("not json"),
          std::string(R"({"messages":[]})"),
          std::string(R"({"messages":[{"role":"chatbot","content":"x"}]})"),
          std::string(R"({"messages":[{"role":"user","content":[{"type":"audio"}]}]})"),
          std::string(
              R"({"messages":[{"role":"user","content":[{"type":"image"},{"type":"text","text":"x"}]}]})"),
          std::string(R"({"messages":[{"role":"user","content":7}]})"),
          std::string(
              R"({"messages":[{"role":"user","content":"x"}],"tools":[{"description":"no name"}]})"),
          std::string(R"({"messages":[{"role":"user","content":"x"}],"tool_choice":7})"),
          std::string(R"({"messages":[{"role":"user","content":"x"}],"tool_choice":"sometimes"})"),
          std::string(
              R"({"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"n"}}})"),
          std::string(
              R"({"messages":[{"role":"user","content":"x"}],"response_format":{"type":"yaml"}})"),
      }) {
    const BuiltRequest r = build(request);
    EXPECT_EQ(r.rc, MF_FAILED) << request;
    EXPECT_EQ(r.error.code, MF_ERR_INVALID) << request;
    EXPECT_EQ(r.error.retryable, 0) << request;
    EXPECT_EQ(plugins::errorMessage(r.error).find(apiKey_), std::string::npos);
  }
}

// ---------------------------------------------------------------------------
// Streams
// ---------------------------------------------------------------------------

// Whole, split at every offset, and one byte at a time.
TEST_F(CohereProviderTest, EveryStreamFixtureGivesItsEventsHoweverItIsSplit) {
  for (const auto& [name, events] : expectedStreams()) {
    expectEveryFeedingGives(name, fixture(name), events);
  }
}

TEST_F(CohereProviderTest, CrLfLineEndingsGiveTheSameEvents) {
  std::string crlf;
  for (char c : fixture("tool_calls.sse")) c == '\n' ? crlf += "\r\n" : crlf += c;
  EXPECT_EQ(streamWhole(crlf).events, expectedStreams().at("tool_calls.sse"));
}

TEST_F(CohereProviderTest, TheDataTypeDecidesAndTheEventNameIsAFallback) {
  const StreamResult r = streamWhole(
      "event: content-delta\n"
      R"(data: {"type":"debug","delta":{"message":{"content":{"text":"hidden"}}}})"
      "\n\n"
      "event: content-delta\n"
      R"(data: {"delta":{"message":{"content":{"text":"shown"}}}})"
      "\n\n");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events, Events{"text:shown"});
}

TEST_F(CohereProviderTest, ToolIndexesCountToolCallsOnly) {
  // Cohere numbers content blocks and tool calls together; canonical indexes
  // count tool calls from 0.
  const StreamResult r = streamWhole(
      R"(data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Let me check."}}}})"
      "\n\n"
      R"(data: {"type":"tool-call-start","index":1,"delta":{"message":{"tool_calls":{"id":"t1","type":"function","function":{"name":"f","arguments":"{}"}}}}})"
      "\n\n");
  EXPECT_EQ(r.events, (Events{"text:Let me check.", "tool:0:t1:f:{}"}));
}

TEST_F(CohereProviderTest, FinishReasons) {
  auto ending = [&](const std::string& delta) {
    return streamWhole(R"(data: {"type":"message-end","delta":)" + delta + "}\n\n").events;
  };
  EXPECT_EQ(ending(R"({"finish_reason":"STOP_SEQUENCE"})"), Events{"finish:1"});
  EXPECT_EQ(ending(R"({"finish_reason":"SOMETHING_NEW"})"), Events{"finish:1"});
  EXPECT_EQ(ending(R"({"finish_reason":"TIMEOUT"})"),
            Events{"error:5:retryable:cohere ended the answer with finish_reason \"TIMEOUT\""});
  EXPECT_EQ(ending("{}"), Events{});
}

TEST_F(CohereProviderTest, WithoutMessageEndTheStreamEndsWithoutAFinish) {
  const std::string bytes = fixture("text.sse");
  const std::string cut = bytes.substr(0, bytes.find("event: message-end"));
  const Events& all = expectedStreams().at("text.sse");
  const Events textOnly(all.begin(), all.end() - 2);  // no usage, no finish
  StreamResult r = streamWhole(cut);
  EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.events, textOnly);

  // A last event without its blank line is still delivered at finish.
  r = streamWhole(bytes.substr(0, bytes.size() - 2));
  EXPECT_EQ(r.events, expectedStreams().at("text.sse"));
}

TEST_F(CohereProviderTest, NothingAfterMessageEndIsRead) {
  const StreamResult r = streamWhole(fixture("text.sse") + "data: not json at all\n\n");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events, expectedStreams().at("text.sse"));
}

TEST_F(CohereProviderTest, AnEventThatIsNotJsonFailsRetryably) {
  const std::string bytes =
      R"(data: {"type":"content-delta","delta":{"message":{"content":{"text":"Hel"}}}})"
      "\n\n"
      "event: content-delta\ndata: {\"type\":\"content-delta\",\"delta\":\n\n"
      R"(data: {"type":"content-delta","delta":{"message":{"content":{"text":"lo"}}}})"
      "\n\n";
  for (size_t at = 0; at <= bytes.size(); ++at) {
    const StreamResult r = stream({bytes.substr(0, at), bytes.substr(at)});
    ASSERT_FALSE(r.ok) << "split at " << at;
    EXPECT_EQ(r.events, Events{"text:Hel"});
    EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
    EXPECT_EQ(r.error.retryable, 1);
    EXPECT_EQ(plugins::errorMessage(r.error),
              "cohere: upstream sent an event that is not a JSON object");
  }
  for (const char* data : {"data: 42\n\n", "data: [1,2]\n\n", "data: \"s\"\n\n"}) {
    const StreamResult r = streamWhole(data);
    EXPECT_FALSE(r.ok) << data;
    EXPECT_EQ(r.error.code, MF_ERR_INTERNAL) << data;
  }
}

TEST_F(CohereProviderTest, ATruncatedJsonFragmentFailsAtFinish) {
  const StreamResult r = streamWhole(
      "event: content-delta\n"
      R"(data: {"type":"content-delta","delta":{"message":{"content":{"text":"cut)");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
  EXPECT_EQ(r.events, Events{});
}

TEST_F(CohereProviderTest, AFiftyMegabyteLineHitsTheCap) {
  const std::string line = "data: {\"x\":\"" + std::string(50 * 1024 * 1024, 'a');
  for (const size_t piece : {size_t(64 * 1024), line.size()}) {
    std::vector<std::string> pieces;
    for (size_t at = 0; at < line.size(); at += piece) pieces.push_back(line.substr(at, piece));
    const StreamResult r = stream(pieces);
    EXPECT_FALSE(r.ok) << "pieces of " << piece;
    EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
    EXPECT_EQ(r.error.retryable, 1);
    EXPECT_EQ(plugins::errorMessage(r.error), "cohere: upstream sent an event larger than 8 MiB");
  }

  // An event just under the cap is fine.
  const std::string text(7 * 1024 * 1024, 'c');
  const StreamResult r =
      stream({R"(data: {"type":"content-delta","delta":{"message":{"content":{"text":")", text,
              "\"}}}}\n\n"});
  EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.events, Events{"text:" + text});
}

TEST_F(CohereProviderTest, TheSinkRefusingEventsStopsTheParser) {
  for (const auto& [name, events] : expectedStreams()) {
    for (size_t n = 1; n <= events.size(); ++n) {
      const StreamResult r = stream({fixture(name)}, static_cast<int>(n));
      EXPECT_TRUE(r.ok) << name;
      EXPECT_EQ(r.events, Events(events.begin(), events.begin() + n)) << name << " stop " << n;
    }
  }
}

// ---------------------------------------------------------------------------
// Non-streamed responses
// ---------------------------------------------------------------------------

TEST_F(CohereProviderTest, ParsesAResponse) {
  StreamResult r = parse(fixture("response.json"));
  EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.events, kResponseEvents);

  r = parse(fixture("response_tool_calls.json"));
  EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.events,
            (Events{"reasoning:I will look up the weather in Madrid and Brasilia.",
                    "tool:0:get_weather_p0dage9q1nv4:get_weather:{\"location\":\"Madrid\"}",
                    "tool:1:get_weather_vdkm1xa7qpm2:get_weather:{\"location\":\"Brasilia\"}",
                    "usage:913:83:-1:-1", "finish:3"}));

  r = parse(R"({"message":{"role":"assistant","content":[{"type":"thinking","thinking":"2+2"},)"
            R"({"type":"text","text":"4"}]},"finish_reason":"MAX_TOKENS"})");
  EXPECT_EQ(r.events, (Events{"reasoning:2+2", "text:4", "finish:2"}));
}

TEST_F(CohereProviderTest, ABodyNotInTheDocumentedShapeFailsRetryably) {
  for (const char* body : {"", "<html>502</html>", "[]", R"({"id":"x"})",
                           R"({"id":"x","message":"invalid api token"})"}) {
    const StreamResult r = parse(body);
    EXPECT_FALSE(r.ok) << body;
    EXPECT_EQ(r.error.code, MF_ERR_UNAVAILABLE) << body;
    EXPECT_EQ(r.error.retryable, 1) << body;
    EXPECT_EQ(r.events, Events{}) << body;
  }
}

// ---------------------------------------------------------------------------
// Error classification
// ---------------------------------------------------------------------------

TEST_F(CohereProviderTest, EachErrorFixtureIsClassified) {
  struct Case {
    int32_t status;
    const char* name;
    int32_t code;
    int32_t retryable;
    const char* message;
  };
  for (const Case& c : {
           Case{429, "rate_limit_trial.json", MF_ERR_RATE_LIMITED, 1,
                "cohere: HTTP 429: You are using a Trial key, which is limited to 10 API calls"},
           Case{401, "invalid_token.json", MF_ERR_AUTH, 0, "cohere: HTTP 401: invalid api token"},
           Case{498, "invalid_token.json", MF_ERR_AUTH, 0, "cohere: HTTP 498: invalid api token"},
           Case{403, "invalid_token.json", MF_ERR_AUTH, 0, "cohere: HTTP 403: invalid api token"},
           Case{404, "not_found.json", MF_ERR_NOT_FOUND, 1,
                "cohere: HTTP 404: model 'command-x-99' not found"},
           Case{400, "context_length.json", MF_ERR_CONTEXT_LENGTH, 0,
                "cohere: HTTP 400: too many tokens: total number of tokens"},
           Case{400, "invalid.json", MF_ERR_INVALID, 0, "cohere: HTTP 400: invalid request: all"},
           Case{422, "invalid.json", MF_ERR_INVALID, 0, "cohere: HTTP 422: invalid request"},
           Case{499, "unavailable.json", MF_ERR_UNAVAILABLE, 1, "cohere: HTTP 499: internal"},
           Case{500, "unavailable.json", MF_ERR_UNAVAILABLE, 1, "cohere: HTTP 500: internal"},
           Case{503, "unavailable.json", MF_ERR_UNAVAILABLE, 1, "cohere: HTTP 503: internal"},
           Case{504, "unavailable.json", MF_ERR_UNAVAILABLE, 1, "cohere: HTTP 504: internal"},
       }) {
    const mf_error e = classify(c.status, fixture(c.name));
    const std::string message = plugins::errorMessage(e);
    EXPECT_EQ(e.code, c.code) << c.status << " " << c.name;
    EXPECT_EQ(e.retryable, c.retryable) << c.status << " " << c.name;
    EXPECT_EQ(e.upstream_status, c.status);
    EXPECT_EQ(message.rfind(c.message, 0), 0u) << message;
    EXPECT_EQ(e.retry_after_ms, -1);
  }
}

TEST_F(CohereProviderTest, ARateLimitCarriesTheDelayTheHeadersAskFor) {
  EXPECT_EQ(classify(429, fixture("rate_limit_trial.json"), {{"Retry-After", "60"}}).retry_after_ms,
            60000);
  EXPECT_EQ(classify(429, "{}", {{"retry-after-ms", "1500"}}).retry_after_ms, 1500);
}

TEST_F(CohereProviderTest, ContextLengthMessagesOn422) {
  const mf_error e = classify(
      422, R"({"message":"the prompt exceeds the model's context length of 128000 tokens"})");
  EXPECT_EQ(e.code, MF_ERR_CONTEXT_LENGTH);
  EXPECT_EQ(e.retryable, 0);
}

TEST_F(CohereProviderTest, BodiesThatAreNotCohereJsonAreQuoted) {
  mf_error e = classify(502, "<html>\n<body>Bad gateway</body>\n</html>");
  EXPECT_EQ(e.code, MF_ERR_UNAVAILABLE);
  EXPECT_EQ(plugins::errorMessage(e), "cohere: HTTP 502: <html> <body>Bad gateway</body> </html>");

  e = classify(500, "");
  EXPECT_EQ(plugins::errorMessage(e), "cohere: HTTP 500: no error message");

  e = classify(400, std::string("\xFF\xFE\x00garbage", 10));
  EXPECT_EQ(e.code, MF_ERR_INVALID);

  e = classify(400, R"({"message":")" + std::string(5000, 'z') + "\"}");
  const std::string message = plugins::errorMessage(e);
  EXPECT_LT(message.size(), sizeof(e.message));
  EXPECT_EQ(message.substr(message.size() - 3), "...");
}

}  // namespace
}  // namespace manifold
