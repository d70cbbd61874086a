// The gemini provider, loaded through the real plugin loader and driven
// through its C API, against byte-exact fixtures in Gemini's documented
// formats (tests/fixtures/gemini/).
#include <gtest/gtest.h>
#include <manifold/json.hpp>

#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "plugins/AbiStrings.h"
#include "support/ProviderHarness.h"
#include "support/TestPaths.h"

namespace manifold {
namespace {

namespace json = manifold::json;

std::string pluginPath() {
  return test::pluginOutputDir() + "/gemini.so";
}

std::string fixture(const std::string& name) {
  return test::readFixture("gemini", name);
}

json::Value jsonFixture(const std::string& name) {
  const std::optional<json::Value> v = json::parse(fixture(name));
  EXPECT_TRUE(v) << name << " is not JSON";
  return v.value_or(json::Value());
}

// Equality that ignores the order of object members, as JSON does.
bool sameJson(const json::Value& a, const json::Value& b) {
  if (a.type() != b.type()) return false;
  if (a.isArray()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (a.isObject()) {
    if (a.size() != b.size()) return false;
    for (const json::Member& m : a.asObject())
      if (!b.contains(m.first) || !sameJson(m.second, b[m.first])) return false;
    return true;
  }
  return a == b;
}

using test::BuiltRequest;
using test::Events;
using test::StreamResult;

constexpr const char* kKey = "AIzaSyD-test-secret-0123";

class GeminiProviderTest : public ::testing::Test, public test::ProviderHarness {
 protected:
  GeminiProviderTest() : test::ProviderHarness(pluginPath(), "gemini") {
    engineId_ = "smart-gemini";
    model_ = "gemini-2.5-flash";
    apiKey_ = kKey;
  }
  void SetUp() override { ASSERT_TRUE(loaded()) << problem(); }

  // The events of one data payload, framed as Gemini frames it.
  Events eventsOf(const std::string& payload) {
    const StreamResult r = streamWhole("data: " + payload + "\r\n\r\n");
    EXPECT_TRUE(r.ok) << payload << ": " << plugins::errorMessage(r.error);
    return r.events;
  }
};

const char* kHello = R"({"messages":[{"role":"user","content":"Hi"}]})";

// ---------------------------------------------------------------------------
// Streaming
// ---------------------------------------------------------------------------

const std::map<std::string, Events>& expectedStreams() {
  static const std::map<std::string, Events> expected = {
      {"text.sse",
       {"text:Bonjour",
        "text:, \xC3\xA7"
        "a va",
        "text: \xF0\x9F\x91\x8B?", "usage:9:6:0:0", "finish:1"}},
      {"function_call.sse",
       {"tool:0:call_0:get_weather:{\"city\":\"Paris\"}",
        "tool:1:call_1:get_time:{\"tz\":\"Europe/Paris\"}", "usage:41:77:0:47", "finish:3"}},
      {"thinking.sse",
       {"reasoning:**Adding the numbers**\n\nThe user asks for 2+2. ", "reasoning:That is 4.",
        "text:2 + 2 = 4", "usage:12:31:0:24", "finish:1"}},
      {"cached_usage.sse",
       {"text:The contract ends", "text: on 30 June 2026.", "usage:2150:11:2048:0", "finish:1"}},
      {"safety.sse", {"text:Here is how", "usage:15:3:0:0", "finish:4"}},
      {"prompt_blocked.sse", {"error:9:final:gemini: the prompt was blocked (PROHIBITED_CONTENT)"}},
      {"error_after_200.sse",
       {"text:The answer is",
        "error:5:retryable:gemini: upstream error 503 (UNAVAILABLE): The model is overloaded. "
        "Please try again later."}},
      {"json_mode.sse",
       {"text:{\"city\": \"Paris\",", "text: \"temp_c\": 18}", "usage:24:12:0:0", "finish:1"}},
  };
  return expected;
}

TEST_F(GeminiProviderTest, FixturesAreFramedAsGeminiFramesThem) {
  for (const auto& [name, events] : expectedStreams()) {
    const std::string bytes = fixture(name);
    ASSERT_GE(bytes.size(), 4u) << name;
    EXPECT_EQ(bytes.substr(0, 6), "data: ") << name;
    EXPECT_EQ(bytes.substr(bytes.size() - 4), "\r\n\r\n") << name;
    for (size_t at = bytes.find('\n'); at != std::string::npos; at = bytes.find('\n', at + 1))
      ASSERT_EQ(bytes[at - 1], '\r') << name << ": a bare LF at " << at;
  }
}

// Whole, split at every offset, and one byte at a time.
TEST_F(GeminiProviderTest, EveryStreamFixtureGivesItsEventsHoweverItIsSplit) {
  for (const auto& [name, events] : expectedStreams()) {
    expectEveryFeedingGives(name, fixture(name), events);
  }
}

TEST_F(GeminiProviderTest, LfLineEndingsGiveTheSameEvents) {
  for (const char* name : {"text.sse", "function_call.sse"}) {
    std::string lf = fixture(name);
    for (size_t at; (at = lf.find("\r\n")) != std::string::npos;) lf.erase(at, 1);
    EXPECT_EQ(streamWhole(lf).events, expectedStreams().at(name)) << name;
  }
}

TEST_F(GeminiProviderTest, UsageAndFinishWaitForTheEndOfTheBody) {
  // The finish comes from stream_finish: a last event without its blank line
  // is still read, and an answer that never said why it stopped has no finish.
  const std::string bytes = fixture("text.sse");
  EXPECT_EQ(streamWhole(bytes.substr(0, bytes.size() - 4)).events,
            expectedStreams().at("text.sse"));
  EXPECT_EQ(eventsOf(R"({"candidates": [{"content": {"parts": [{"text": "Hal"}]}}],)"
                     R"("usageMetadata": {"promptTokenCount": 3,"candidatesTokenCount": 1}})"),
            (Events{"text:Hal", "usage:3:1:0:0"}));
}

TEST_F(GeminiProviderTest, FunctionCallsCountAcrossTheStreamAndKeepTheirIds) {
  const std::string first =
      R"({"candidates": [{"content": {"parts": [{"text": "Checking."},)"
      R"({"functionCall": {"name": "lookup","args": {"q": "a"}}}],"role": "model"}}]})";
  const std::string second =
      R"({"candidates": [{"content": {"parts": [{"functionCall": {"id": "fc_9x","name": "lookup",)"
      R"("args": {"q": "b"}}},{"functionCall": {"name": "noop"}}],"role": "model"},)"
      R"("finishReason": "STOP"}]})";
  const StreamResult r = streamWhole("data: " + first + "\r\n\r\ndata: " + second + "\r\n\r\n");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events,
            (Events{"text:Checking.", "tool:0:call_0:lookup:{\"q\":\"a\"}",
                    "tool:1:fc_9x:lookup:{\"q\":\"b\"}", "tool:2:call_2:noop:{}", "finish:3"}));
}

TEST_F(GeminiProviderTest, FinishReasons) {
  auto finishing = [&](const std::string& reason) {
    return eventsOf(R"({"candidates": [{"content": {"parts": [{"text": "x"}]},"finishReason": ")" +
                    reason + "\"}]}");
  };
  EXPECT_EQ(finishing("STOP"), (Events{"text:x", "finish:1"}));
  EXPECT_EQ(finishing("MAX_TOKENS"), (Events{"text:x", "finish:2"}));
  for (const char* filtered :
       {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY"})
    EXPECT_EQ(finishing(filtered), (Events{"text:x", "finish:4"})) << filtered;
  for (const char* failed : {"MALFORMED_FUNCTION_CALL", "OTHER", "FUTURE_REASON"})
    EXPECT_EQ(finishing(failed),
              (Events{"text:x", "error:5:retryable:gemini: the answer ended with finishReason " +
                                    std::string(failed)}))
        << failed;
}

TEST_F(GeminiProviderTest, UnknownFieldsAndPartsAreIgnored) {
  EXPECT_EQ(
      eventsOf(R"({"candidates": [{"content": {"parts": [{"text": "Hi","future": {"a": [1]}},)"
               R"({"inlineData": {"mimeType": "image/png","data": "iVBO"}},)"
               R"({"executableCode": {"language": "PYTHON","code": "x = 1"}},)"
               R"({"thoughtSignature": "c2ln"}],"role": "model"},"novel": true,)"
               R"("citationMetadata": {"citationSources": []},"finishReason": "STOP"}],)"
               R"("promptFeedback": {"safetyRatings": []},"newTopLevel": [null]})"),
      (Events{"text:Hi", "finish:1"}));
  EXPECT_EQ(eventsOf("{}"), Events{});
  EXPECT_EQ(eventsOf(R"({"candidates": []})"), Events{});
}

TEST_F(GeminiProviderTest, AnErrorAfter200IsClassifiedAsAnErrorResponseWouldBe) {
  EXPECT_EQ(
      eventsOf(R"({"error": {"code": 429,"message": "Quota","status": "RESOURCE_EXHAUSTED"}})"),
      Events{"error:4:retryable:gemini: upstream error 429 (RESOURCE_EXHAUSTED): Quota"});
  EXPECT_EQ(eventsOf(R"({"error": {"code": 500,"message": "Internal error encountered.",)"
                     R"("status": "INTERNAL"}})"),
            Events{"error:5:retryable:gemini: upstream error 500 (INTERNAL): Internal error "
                   "encountered."});
  // Nothing after the error is read.
  const StreamResult r = streamWhole(fixture("error_after_200.sse") + fixture("text.sse"));
  EXPECT_EQ(r.events, expectedStreams().at("error_after_200.sse"));
}

TEST_F(GeminiProviderTest, AnEventThatIsNotJsonFailsAsInternal) {
  const std::string bytes =
      fixture("text.sse").substr(0, fixture("text.sse").find("\r\n\r\n") + 4) +
      "data: {\"candidates\": [\r\n\r\n";
  for (size_t at = 0; at <= bytes.size(); ++at) {
    const StreamResult r = stream({bytes.substr(0, at), bytes.substr(at)});
    ASSERT_FALSE(r.ok) << "split at " << at;
    EXPECT_EQ(r.events, Events{"text:Bonjour"}) << "split at " << at;
    EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
    EXPECT_EQ(r.error.retryable, 1);
    EXPECT_EQ(plugins::errorMessage(r.error),
              "gemini: upstream sent an event that is not a JSON object");
  }
  for (const char* data : {"data: 42\r\n\r\n", "data: [1]\r\n\r\n", "data: \r\n\r\n"}) {
    const StreamResult r = streamWhole(data);
    EXPECT_FALSE(r.ok) << data;
    EXPECT_EQ(r.error.code, MF_ERR_INTERNAL) << data;
  }
}

TEST_F(GeminiProviderTest, ATruncatedLastEventFailsAtFinish) {
  const StreamResult r =
      streamWhole(R"(data: {"candidates": [{"content": {"parts": [{"text": "cut)");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.events, Events{});
  EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
}

TEST_F(GeminiProviderTest, AFiftyMegabyteLineHitsTheCap) {
  std::vector<std::string> pieces = {R"(data: {"candidates": [{"content": {"parts": [{"text": ")"};
  for (int i = 0; i < 50; ++i) pieces.emplace_back(1024 * 1024, 'a');
  const StreamResult r = stream(pieces);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.events, Events{});
  EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
  EXPECT_EQ(r.error.retryable, 1);
  EXPECT_EQ(plugins::errorMessage(r.error), "gemini: upstream sent an event larger than 8 MiB");

  // An event just under the cap (an inline image, say) is read.
  const std::string text(7 * 1024 * 1024, 'b');
  EXPECT_EQ(eventsOf(R"({"candidates": [{"content": {"parts": [{"text": ")" + text + "\"}]}}]}"),
            Events{"text:" + text});
}

TEST_F(GeminiProviderTest, TheSinkRefusingEventsStopsTheParser) {
  for (int stopAfter = 1; stopAfter <= 4; ++stopAfter) {
    const Events& all = expectedStreams().at("thinking.sse");
    const StreamResult r = stream({fixture("thinking.sse")}, stopAfter);
    EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
    EXPECT_EQ(r.events, Events(all.begin(), all.begin() + stopAfter)) << stopAfter;
  }
  // Byte by byte too: nothing more arrives once the sink said stop.
  std::vector<std::string> bytewise;
  for (char c : fixture("text.sse")) bytewise.emplace_back(1, c);
  EXPECT_EQ(stream(bytewise, 2).events, (Events{"text:Bonjour",
                                                "text:, \xC3\xA7"
                                                "a va"}));
}

// ---------------------------------------------------------------------------
// Non-streamed responses
// ---------------------------------------------------------------------------

TEST_F(GeminiProviderTest, ParsesAGenerateContentResponse) {
  const StreamResult r = parse(fixture("response.json"));
  EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.events,
            (Events{"reasoning:**Recalling the capital**\n\nThe question is about France.",
                    "text:Paris is the capital of France.", "usage:8:37:0:30", "finish:1"}));
}

TEST_F(GeminiProviderTest, ABlockedPromptOrAnErrorInA200BodyIsAnErrorEvent) {
  StreamResult r = parse(R"({"promptFeedback": {"blockReason": "SAFETY"}})");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events, Events{"error:9:final:gemini: the prompt was blocked (SAFETY)"});
  r = parse(fixture("unavailable.json"));
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events,
            Events{"error:5:retryable:gemini: upstream error 503 (UNAVAILABLE): The model is "
                   "overloaded. Please try again later."});
}

TEST_F(GeminiProviderTest, ABodyNotInTheDocumentedShapeFailsRetryably) {
  for (const char* body :
       {"", "<html>502 Bad Gateway</html>", "[]", "{\"candidates\": 7}",
        R"({"id":"x","object":"chat.completion"})", "{\"candidates\": [", "null"}) {
    const StreamResult r = parse(body);
    EXPECT_FALSE(r.ok) << body;
    EXPECT_EQ(r.error.code, MF_ERR_UNAVAILABLE) << body;
    EXPECT_EQ(r.error.retryable, 1) << body;
    EXPECT_EQ(r.events, Events{}) << body;
  }
}

// ---------------------------------------------------------------------------
// Canonical request -> Gemini request, and back through a stream
// ---------------------------------------------------------------------------

struct RoundTrip {
  const char* request;  // requests/<name>.canonical.json -> requests/<name>.gemini.json
  const char* options;
  const char* answer;  // the upstream's answer: a .sse stream or a .json body
  Events events;
};

std::vector<RoundTrip> roundTrips() {
  return {
      {"system_text", "{}", "text.sse", expectedStreams().at("text.sse")},
      {"images",
       "{}",
       "response.json",
       {"reasoning:**Recalling the capital**\n\nThe question is about France.",
        "text:Paris is the capital of France.", "usage:8:37:0:30", "finish:1"}},
      {"tools", "{}", "function_call.sse", expectedStreams().at("function_call.sse")},
      {"json_schema", "{}", "json_mode.sse", expectedStreams().at("json_mode.sse")},
      {"thinking", R"({"thinking_budget": 512})", "thinking.sse",
       expectedStreams().at("thinking.sse")},
  };
}

TEST_F(GeminiProviderTest, RoundTripsFromCanonicalRequestToCanonicalEvents) {
  for (const RoundTrip& t : roundTrips()) {
    const std::string name = t.request;
    options_ = t.options;
    const BuiltRequest r = build(fixture("requests/" + name + ".canonical.json"));
    ASSERT_EQ(r.rc, MF_OK) << name << ": " << plugins::errorMessage(r.error);
    const bool streamed = std::string(t.answer).find(".sse") != std::string::npos;
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.url,
              "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash" +
                  std::string(streamed ? ":streamGenerateContent?alt=sse" : ":generateContent"))
        << name;
    EXPECT_EQ(r.header("Content-Type"), "application/json");
    EXPECT_EQ(r.header("x-goog-api-key"), kKey);
    EXPECT_EQ(r.url.find(kKey), std::string::npos);
    EXPECT_EQ(r.url.find("key="), std::string::npos);
    EXPECT_EQ(r.body.find(kKey), std::string::npos);
    const json::Value expected = jsonFixture("requests/" + name + ".gemini.json");
    EXPECT_TRUE(sameJson(r.json(), expected))
        << name << "\n  built:    " << r.body << "\n  expected: " << json::stringify(expected);

    const StreamResult answer =
        streamed ? streamWhole(fixture(t.answer)) : parse(fixture(t.answer));
    EXPECT_TRUE(answer.ok) << name << ": " << plugins::errorMessage(answer.error);
    EXPECT_EQ(answer.events, t.events) << name;
  }
}

TEST_F(GeminiProviderTest, BaseUrlModelPrefixAndKeyHeader) {
  baseUrl_ = "http://127.0.0.1:8089/gemini//";
  model_ = "models/gemini-2.0-flash-001";
  BuiltRequest r = build(kHello);
  EXPECT_EQ(r.url,
            "http://127.0.0.1:8089/gemini/v1beta/models/gemini-2.0-flash-001:generateContent");
  apiKey_.clear();
  r = build(kHello);
  EXPECT_EQ(r.rc, MF_OK);
  EXPECT_EQ(r.header("x-goog-api-key"), "<absent>");
}

TEST_F(GeminiProviderTest, AModelThatCannotGoInAUrlPathIsInvalid) {
  for (const char* model : {"", "gemini?key=x", "../../admin", "models/", "gemini 2"}) {
    model_ = model;
    const BuiltRequest r = build(kHello);
    EXPECT_EQ(r.rc, MF_FAILED) << model;
    EXPECT_EQ(r.error.code, MF_ERR_INVALID) << model;
    EXPECT_EQ(plugins::errorMessage(r.error).find(kKey), std::string::npos);
  }
}

TEST_F(GeminiProviderTest, ToolChoiceForms) {
  const std::map<std::string, std::string> forms = {
      {R"("auto")", R"({"functionCallingConfig":{"mode":"AUTO"}})"},
      {R"("none")", R"({"functionCallingConfig":{"mode":"NONE"}})"},
      {R"("required")", R"({"functionCallingConfig":{"mode":"ANY"}})"},
      {R"({"name":"get_weather"})",
       R"({"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}})"},
  };
  for (const auto& [choice, config] : forms) {
    const BuiltRequest r =
        build(R"({"messages":[{"role":"user","content":"x"}],"tool_choice":)" + choice + "}");
    EXPECT_EQ(json::stringify(r.json()["toolConfig"]), config) << choice;
  }
}

TEST_F(GeminiProviderTest, JsonObjectModeAndThinkingOff) {
  options_ = R"({"thinking_budget": 0, "unrelated": true})";
  const BuiltRequest r = build(
      R"({"messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}})");
  EXPECT_EQ(json::stringify(r.json()["generationConfig"]),
            R"({"responseMimeType":"application/json",)"
            R"("thinkingConfig":{"thinkingBudget":0,"includeThoughts":false}})");
  EXPECT_FALSE(build(R"({"messages":[{"role":"user","content":"x"}],)"
                     R"("response_format":{"type":"text"}})")
                   .json()["generationConfig"]
                   .contains("responseMimeType"));
}

TEST_F(GeminiProviderTest, APrefillIsSentAsTheLastModelContent) {
  const BuiltRequest r = build(R"({"messages":[
    {"role":"user","content":"Write JSON"},
    {"role":"assistant","content":[{"type":"text","text":"{\"a\":"}]}]})");
  EXPECT_EQ(json::stringify(r.json()["contents"]),
            R"([{"role":"user","parts":[{"text":"Write JSON"}]},)"
            R"({"role":"model","parts":[{"text":"{\"a\":"}]}])");
}

TEST_F(GeminiProviderTest, ToolResultsNameTheirFunctionFromTheLatestCallWithThatId) {
  const BuiltRequest r = build(R"({"messages":[
    {"role":"user","content":"go"},
    {"role":"assistant","tool_calls":[{"id":"call_0","name":"first","arguments":""}]},
    {"role":"tool","tool_call_id":"call_0","content":"[1, 2]"},
    {"role":"assistant","content":"again","tool_calls":[{"id":"call_0","name":"second","arguments":"{}"}]},
    {"role":"tool","tool_call_id":"call_0","content":"{\"ok\": true}"}]})");
  ASSERT_EQ(r.rc, MF_OK) << plugins::errorMessage(r.error);
  const json::Value contents = r.json()["contents"];
  EXPECT_EQ(json::stringify(contents[1]["parts"][0]["functionCall"]),
            R"({"name":"first","args":{}})");
  EXPECT_EQ(json::stringify(contents[2]["parts"][0]["functionResponse"]),
            R"({"name":"first","response":{"result":"[1, 2]"}})");
  EXPECT_EQ(json::stringify(contents[3]["parts"]),
            R"([{"text":"again"},{"functionCall":{"name":"second","args":{}},)"
            R"("thoughtSignature":"skip_thought_signature_validator"}])");
  EXPECT_EQ(json::stringify(contents[4]["parts"][0]["functionResponse"]),
            R"({"name":"second","response":{"ok":true}})");
}

TEST_F(GeminiProviderTest, MalformedCanonicalRequestsAreInvalid) {
  for (
      const char* request : {
          "not json",
          "[]",
          R"({"messages":[]})",
          R"({"messages":[{"role":"robot","content":"x"}]})",
          R"({"messages":[{"role":"system","content":"only a system prompt"}]})",
          R"({"messages":[{"role":"user","content":[{"type":"audio","data":"..."}]}]})",
          R"({"messages":[{"role":"user","content":[{"type":"image"}]}]})",
          R"({"messages":[{"role":"user","content":[{"type":"image","url":"ftp://x/y.png"}]}]})",
          R"({"messages":[{"role":"user","content":[{"type":"image","url":"data:image/png,abc"}]}]})",
          R"({"messages":[{"role":"user","content":7}]})",
          R"({"messages":[{"role":"user","content":"x"}],"tool_choice":{"type":"x"}})",
          R"({"messages":[{"role":"user","content":"x"}],"tools":[{"description":"no name"}]})",
          R"({"messages":[{"role":"user","content":"x"}],"response_format":{"type":"yaml"}})",
          R"({"messages":[{"role":"assistant","tool_calls":[{"id":"a","name":"f","arguments":"{oops"}]}]})",
          R"({"messages":[{"role":"assistant","tool_calls":[{"id":"a","name":"f","arguments":"[1]"}]}]})",
          R"({"messages":[{"role":"tool","tool_call_id":"nobody","content":"x"}]})",
      }) {
    const BuiltRequest r = build(request);
    EXPECT_EQ(r.rc, MF_FAILED) << request;
    EXPECT_EQ(r.error.code, MF_ERR_INVALID) << request;
    EXPECT_EQ(r.error.retryable, 0) << request;
  }
}

TEST_F(GeminiProviderTest, MalformedEngineOptionsAreInvalid) {
  for (const char* options :
       {"not json", "[1]", R"({"thinking_budget":"high"})", R"({"thinking_budget":1.5})"}) {
    options_ = options;
    const BuiltRequest r = build(kHello);
    EXPECT_EQ(r.rc, MF_FAILED) << options;
    EXPECT_EQ(r.error.code, MF_ERR_INVALID) << options;
  }
}

// ---------------------------------------------------------------------------
// Error classification
// ---------------------------------------------------------------------------

TEST_F(GeminiProviderTest, EveryErrorFixtureIsClassified) {
  struct Case {
    const char* fixture;
    int32_t status;
    int32_t code;
    int32_t retryable;
  };
  for (const Case& c : {Case{"rate_limit.json", 429, MF_ERR_RATE_LIMITED, 1},
                        Case{"unavailable.json", 503, MF_ERR_UNAVAILABLE, 1},
                        Case{"api_key_invalid.json", 400, MF_ERR_AUTH, 0},
                        Case{"permission_denied.json", 403, MF_ERR_AUTH, 0},
                        Case{"not_found.json", 404, MF_ERR_NOT_FOUND, 1},
                        Case{"context_length.json", 400, MF_ERR_CONTEXT_LENGTH, 0},
                        Case{"invalid_argument.json", 400, MF_ERR_INVALID, 0}}) {
    const mf_error e = classify(c.status, fixture(c.fixture));
    EXPECT_EQ(e.code, c.code) << c.fixture;
    EXPECT_EQ(e.retryable, c.retryable) << c.fixture;
    EXPECT_EQ(e.upstream_status, c.status) << c.fixture;
    const std::string message = plugins::errorMessage(e);
    EXPECT_EQ(message.rfind("gemini: HTTP " + std::to_string(c.status) + " (", 0), 0u) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
  EXPECT_EQ(plugins::errorMessage(classify(400, fixture("context_length.json"))),
            "gemini: HTTP 400 (INVALID_ARGUMENT): The input token count (1310821) exceeds the "
            "maximum number of tokens allowed (1048576).");
}

TEST_F(GeminiProviderTest, RetryDelayComesFromRetryInfoElseTheHeader) {
  EXPECT_EQ(classify(429, fixture("rate_limit.json")).retry_after_ms, 37000);
  EXPECT_EQ(classify(429, fixture("rate_limit.json"), {{"Retry-After", "5"}}).retry_after_ms,
            37000);
  const std::string fractional =
      R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"slow down","details":[)"
      R"({"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}})";
  EXPECT_EQ(classify(429, fractional).retry_after_ms, 1500);
  EXPECT_EQ(classify(429, fixture("unavailable.json"), {{"retry-after", "2"}}).retry_after_ms,
            2000);
  EXPECT_EQ(classify(503, fixture("unavailable.json")).retry_after_ms, -1);
  const std::string unreadable =
      R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[)"
      R"({"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"soon"}]}})";
  EXPECT_EQ(classify(429, unreadable, {{"retry-after", "3"}}).retry_after_ms, 3000);
}

TEST_F(GeminiProviderTest, StatusNamesWithoutAFixture) {
  struct Case {
    int32_t status;
    const char* name;
    int32_t code;
    int32_t retryable;
  };
  for (const Case& c : {Case{500, "INTERNAL", MF_ERR_UNAVAILABLE, 1},
                        Case{504, "DEADLINE_EXCEEDED", MF_ERR_TIMEOUT, 1},
                        Case{401, "UNAUTHENTICATED", MF_ERR_AUTH, 0},
                        Case{400, "FAILED_PRECONDITION", MF_ERR_INVALID, 0},
                        Case{400, "INVALID_ARGUMENT", MF_ERR_INVALID, 0},
                        Case{200, "RESOURCE_EXHAUSTED", MF_ERR_RATE_LIMITED, 1}}) {
    const mf_error e = classify(c.status, R"({"error":{"code":)" + std::to_string(c.status) +
                                              R"(,"message":"m","status":")" + c.name + "\"}}");
    EXPECT_EQ(e.code, c.code) << c.name;
    EXPECT_EQ(e.retryable, c.retryable) << c.name;
  }
}

TEST_F(GeminiProviderTest, ToleratesAnyBody) {
  // The OpenAI-compatible endpoint wraps the error in an array.
  mf_error e = classify(429, "[" + fixture("rate_limit.json") + "]");
  EXPECT_EQ(e.code, MF_ERR_RATE_LIMITED);
  EXPECT_EQ(e.retry_after_ms, 37000);

  e = classify(502, "<html>\n<body>502 Bad Gateway</body>\n</html>");
  EXPECT_EQ(e.code, MF_ERR_UNAVAILABLE);
  EXPECT_EQ(e.retryable, 1);
  EXPECT_EQ(plugins::errorMessage(e),
            "gemini: HTTP 502: <html> <body>502 Bad Gateway</body> </html>");

  e = classify(500, "");
  EXPECT_EQ(plugins::errorMessage(e), "gemini: HTTP 500: no error message");
  e = classify(400, std::string("\xFF\xFE\x00garbage", 10));
  EXPECT_EQ(e.code, MF_ERR_INVALID);
  e = classify(404, R"({"unexpected": true})");
  EXPECT_EQ(e.code, MF_ERR_NOT_FOUND);

  const std::string longMessage(5000, 'z');
  e = classify(400, R"({"error":{"code":400,"message":")" + longMessage + "\"}}");
  const std::string message = plugins::errorMessage(e);
  EXPECT_LT(message.size(), sizeof(e.message));
  EXPECT_EQ(message.substr(message.size() - 3), "...");
}

// ---------------------------------------------------------------------------
// The library itself
// ---------------------------------------------------------------------------

}  // namespace
}  // namespace manifold
