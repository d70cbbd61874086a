// The openai-compatible provider, loaded through the real plugin loader and
// driven through its C API, against byte-exact fixtures in OpenAI's
// documented formats (tests/fixtures/openai/).
#include <gtest/gtest.h>
#include <manifold/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "chat/CanonicalEvent.h"
#include "plugins/AbiStrings.h"
#include "support/ProviderHarness.h"
#include "support/TestPaths.h"

namespace manifold {
namespace {

namespace json = manifold::json;
using plugins::fromAbi;
using plugins::toAbi;

std::string pluginPath() {
  return test::pluginOutputDir() + "/openai-compatible.so";
}

std::string fixture(const std::string& name) {
  return test::readFixture("openai", name);
}

using test::BuiltRequest;
using test::Events;
using test::StreamResult;

class OpenAiCompatibleProviderTest : public ::testing::Test, public test::ProviderHarness {
 protected:
  OpenAiCompatibleProviderTest() : test::ProviderHarness(pluginPath(), "openai-compatible") {
    engineId_ = "fast-groq";
    model_ = "llama-3.3-70b-versatile";
    options_ = R"({"preset":"groq"})";
  }
  void SetUp() override { ASSERT_TRUE(loaded()) << problem(); }
};

const char* kHello = R"({"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]})";

// ---------------------------------------------------------------------------
// Presets, URL and headers
// ---------------------------------------------------------------------------

TEST_F(OpenAiCompatibleProviderTest, EveryPresetPostsToItsChatCompletionsUrl) {
  const std::vector<std::pair<std::string, std::string>> presets = {
      {"openai", "https://api.openai.com/v1/chat/completions"},
      {"groq", "https://api.groq.com/openai/v1/chat/completions"},
      {"cerebras", "https://api.cerebras.ai/v1/chat/completions"},
      {"sambanova", "https://api.sambanova.ai/v1/chat/completions"},
      {"openrouter", "https://openrouter.ai/api/v1/chat/completions"},
      {"github", "https://models.github.ai/inference/chat/completions"},
      {"mistral", "https://api.mistral.ai/v1/chat/completions"},
      {"deepseek", "https://api.deepseek.com/v1/chat/completions"},
      {"ollama", "http://127.0.0.1:11434/v1/chat/completions"},
  };
  for (const auto& [preset, url] : presets) {
    options_ = R"({"preset":")" + preset + "\"}";
    const BuiltRequest r = build(kHello);
    ASSERT_EQ(r.rc, MF_OK) << preset << ": " << plugins::errorMessage(r.error);
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.url, url);
    EXPECT_EQ(r.header("Content-Type"), "application/json");
  }
}

TEST_F(OpenAiCompatibleProviderTest, WithoutAPresetTheEngineIsOpenAi) {
  options_ = "{}";
  EXPECT_EQ(build(kHello).url, "https://api.openai.com/v1/chat/completions");
}

TEST_F(OpenAiCompatibleProviderTest, EngineBaseUrlOverridesThePresetAndPathIsConfigurable) {
  baseUrl_ = "http://10.0.0.5:8000/v1///";
  EXPECT_EQ(build(kHello).url, "http://10.0.0.5:8000/v1/chat/completions");
  options_ = R"({"preset":"groq","path":"/openai/deployments/x/chat/completions"})";
  EXPECT_EQ(build(kHello).url, "http://10.0.0.5:8000/v1/openai/deployments/x/chat/completions");
  options_ = R"({"path":"completions"})";
  EXPECT_EQ(build(kHello).url, "http://10.0.0.5:8000/v1/completions");
}

TEST_F(OpenAiCompatibleProviderTest, BearerAuthOnlyWithAKeyAndNeverForOllama) {
  EXPECT_EQ(build(kHello).header("Authorization"), "Bearer sk-test-secret-0123");
  apiKey_.clear();
  EXPECT_EQ(build(kHello).header("Authorization"), "<absent>");
  apiKey_ = "ignored";
  options_ = R"({"preset":"ollama"})";
  EXPECT_EQ(build(kHello).header("Authorization"), "<absent>");
}

TEST_F(OpenAiCompatibleProviderTest, PresetHeadersAreSentAndEngineHeadersOverrideThem) {
  options_ = R"({"preset":"openrouter"})";
  BuiltRequest r = build(kHello);
  EXPECT_EQ(r.header("HTTP-Referer"), "https://manifold.local");
  EXPECT_EQ(r.header("X-Title"), "Manifold");

  options_ = R"({"preset":"openrouter","headers":{"x-title":"My App","X-Extra":"1"}})";
  r = build(kHello);
  EXPECT_EQ(r.header("X-Title"), "My App");  // same header, case-insensitively
  EXPECT_EQ(r.header("x-title"), "<absent>");
  EXPECT_EQ(r.header("X-Extra"), "1");
}

TEST_F(OpenAiCompatibleProviderTest, UnknownPresetIsAnInvalidRequestNamingIt) {
  options_ = R"({"preset":"acme-ai"})";
  const BuiltRequest r = build(kHello);
  EXPECT_EQ(r.rc, MF_FAILED);
  EXPECT_EQ(r.error.code, MF_ERR_INVALID);
  EXPECT_EQ(r.error.retryable, 0);
  const std::string message = plugins::errorMessage(r.error);
  EXPECT_NE(message.find("unknown preset \"acme-ai\""), std::string::npos) << message;
  EXPECT_NE(message.find("groq"), std::string::npos) << "lists the known presets: " << message;
  EXPECT_EQ(message.find(apiKey_), std::string::npos);
}

TEST_F(OpenAiCompatibleProviderTest, MalformedOptionsAreAnInvalidRequest) {
  for (const char* options : {"not json", "[1]", R"({"preset":7})", R"({"headers":{"a":1}})"}) {
    options_ = options;
    const BuiltRequest r = build(kHello);
    EXPECT_EQ(r.rc, MF_FAILED) << options;
    EXPECT_EQ(r.error.code, MF_ERR_INVALID) << options;
  }
}

// ---------------------------------------------------------------------------
// Canonical request -> OpenAI body
// ---------------------------------------------------------------------------

TEST_F(OpenAiCompatibleProviderTest, TranslatesAFullRequestByteExactly) {
  const BuiltRequest r = build(R"({
    "model": "smart",
    "messages": [
      {"role": "system", "content": [{"type": "text", "text": "Be brief."}]},
      {"role": "user", "name": "ada", "content": [{"type": "text", "text": "Weather?"}]}
    ],
    "tools": [{"name": "get_weather", "description": "Current weather",
               "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}],
    "tool_choice": "auto",
    "response_format": {"type": "json_object"},
    "temperature": 0.7, "top_p": 1, "max_tokens": 100, "stop": ["\n\n"], "seed": 1,
    "stream": true,
    "metadata": {"user": "u-1", "demo_fault": "status:503"}
  })");
  ASSERT_EQ(r.rc, MF_OK) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.body, R"({"model":"llama-3.3-70b-versatile","messages":[)"
                    R"({"role":"system","content":"Be brief."},)"
                    R"({"role":"user","content":"Weather?","name":"ada"}],)"
                    R"("tools":[{"type":"function","function":{"name":"get_weather",)"
                    R"("description":"Current weather","parameters":{"type":"object",)"
                    R"("properties":{"city":{"type":"string"}}}}}],"tool_choice":"auto",)"
                    R"("response_format":{"type":"json_object"},"temperature":0.7,"top_p":1,)"
                    R"("max_tokens":100,"stop":["\n\n"],"seed":1,"stream":true,)"
                    R"("stream_options":{"include_usage":true}})");
  EXPECT_EQ(r.header("Accept"), "text/event-stream");
}

TEST_F(OpenAiCompatibleProviderTest, ImagesAndSeveralPartsBecomeTypedParts) {
  const BuiltRequest r = build(R"({"messages":[{"role":"user","content":[
    {"type":"text","text":"What is this?"},
    {"type":"image","url":"https://example.com/cat.png","detail":"low"},
    {"type":"image","url":"data:image/png;base64,iVBORw0KGgo="}]}]})");
  ASSERT_EQ(r.rc, MF_OK) << plugins::errorMessage(r.error);
  EXPECT_EQ(
      json::stringify(r.json()["messages"][0]["content"]),
      R"([{"type":"text","text":"What is this?"},)"
      R"({"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"low"}},)"
      R"({"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}])");

  const BuiltRequest single = build(
      R"({"messages":[{"role":"user","content":[{"type":"image","url":"https://x/y.jpg"}]}]})");
  EXPECT_TRUE(single.json()["messages"][0]["content"].isArray()) << single.body;

  const BuiltRequest twoTexts = build(
      R"({"messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]})");
  EXPECT_EQ(json::stringify(twoTexts.json()["messages"][0]["content"]),
            R"([{"type":"text","text":"a"},{"type":"text","text":"b"}])");
}

TEST_F(OpenAiCompatibleProviderTest, AssistantToolCallsAndToolResults) {
  const BuiltRequest r = build(R"({"messages":[
    {"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
    {"role":"assistant","content":[],"tool_calls":[
      {"id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}"}]},
    {"role":"tool","tool_call_id":"call_1","content":[{"type":"text","text":"18C"}]}]})");
  ASSERT_EQ(r.rc, MF_OK) << plugins::errorMessage(r.error);
  const json::Value messages = r.json()["messages"];
  EXPECT_EQ(json::stringify(messages[1]),
            R"({"role":"assistant","tool_calls":[{"id":"call_1","type":"function",)"
            R"("function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]})");
  EXPECT_EQ(json::stringify(messages[2]),
            R"({"role":"tool","content":"18C","tool_call_id":"call_1"})");
}

TEST_F(OpenAiCompatibleProviderTest, ToolChoiceForms) {
  for (const char* choice : {"auto", "none", "required"}) {
    const BuiltRequest r = build(R"({"messages":[{"role":"user","content":"x"}],"tool_choice":")" +
                                 std::string(choice) + "\"}");
    EXPECT_EQ(r.json()["tool_choice"].asString(), choice);
  }
  const BuiltRequest named =
      build(R"({"messages":[{"role":"user","content":"x"}],"tool_choice":{"name":"get_weather"}})");
  EXPECT_EQ(json::stringify(named.json()["tool_choice"]),
            R"({"type":"function","function":{"name":"get_weather"}})");
}

TEST_F(OpenAiCompatibleProviderTest, ResponseFormatJsonSchemaIsCopiedAsGiven) {
  const BuiltRequest r = build(R"({"messages":[{"role":"user","content":"x"}],
    "response_format":{"type":"json_schema","json_schema":{"name":"p","strict":true,
    "schema":{"type":"object"}}}})");
  EXPECT_EQ(
      json::stringify(r.json()["response_format"]),
      R"({"type":"json_schema","json_schema":{"name":"p","strict":true,"schema":{"type":"object"}}})");
}

TEST_F(OpenAiCompatibleProviderTest, NonStreamingRequestAsksForJsonAndNoStreamOptions) {
  const BuiltRequest r = build(kHello);
  EXPECT_FALSE(r.json().contains("stream"));
  EXPECT_FALSE(r.json().contains("stream_options"));
  EXPECT_FALSE(r.json().contains("metadata"));
  EXPECT_EQ(r.header("Accept"), "application/json");
}

TEST_F(OpenAiCompatibleProviderTest, StreamUsageCanBeTurnedOffPerEngine) {
  options_ = R"({"preset":"ollama","stream_usage":false})";
  const BuiltRequest r = build(R"({"messages":[{"role":"user","content":"x"}],"stream":true})");
  EXPECT_TRUE(r.json()["stream"].asBool());
  EXPECT_FALSE(r.json().contains("stream_options"));
}

TEST_F(OpenAiCompatibleProviderTest, PrefillIsSentLastAndMarkedForMistralAndDeepSeek) {
  const std::string prefill = R"({"messages":[
    {"role":"user","content":[{"type":"text","text":"Write JSON"}]},
    {"role":"assistant","content":[{"type":"text","text":"{\"a\":"}]}]})";
  for (const char* preset : {"mistral", "deepseek"}) {
    options_ = R"({"preset":")" + std::string(preset) + "\"}";
    const json::Value last = build(prefill).json()["messages"][1];
    EXPECT_EQ(json::stringify(last), R"({"role":"assistant","content":"{\"a\":","prefix":true})")
        << preset;
  }
  options_ = R"({"preset":"openai"})";
  EXPECT_EQ(json::stringify(build(prefill).json()["messages"][1]),
            R"({"role":"assistant","content":"{\"a\":"})");
  options_ = R"({"preset":"mistral"})";
  EXPECT_FALSE(build(kHello).json()["messages"][0].contains("prefix"));
}

TEST_F(OpenAiCompatibleProviderTest, MalformedCanonicalRequestsAreInvalid) {
  for (const char* request :
       {"not json", "[]", R"({"messages":[]})", R"({"messages":[{"role":"robot","content":"x"}]})",
        R"({"messages":[{"role":"user","content":[{"type":"audio","data":"..."}]}]})",
        R"({"messages":[{"role":"user","content":[{"type":"image"}]}]})",
        R"({"messages":[{"role":"user","content":"x"}],"tool_choice":{"type":"x"}})"}) {
    const BuiltRequest r = build(request);
    EXPECT_EQ(r.rc, MF_FAILED) << request;
    EXPECT_EQ(r.error.code, MF_ERR_INVALID) << request;
  }
}

// ---------------------------------------------------------------------------
// Streaming
// ---------------------------------------------------------------------------

const std::map<std::string, Events>& expectedStreams() {
  static const std::map<std::string, Events> expected = {
      {"text.sse",
       {"text:Bonjour",
        "text:, \xC3\xA7"
        "a va",
        "text: \xF0\x9F\x91\x8B", "text:?", "finish:1"}},
      {"tool_calls.sse",
       {"tool:0:call_DdmO9pD3xa9XTPNJ32zg2hcA:get_weather:", "tool:0:::{\"lo",
        "tool:0:::cation\": \"Paris\"}", "tool:1:call_Xe2bq1T0Jm6hX1aVqZ4nE7rS:get_time:",
        "tool:1:::{\"tz\": \"Europe/Paris\"}", "finish:3"}},
      {"reasoning.sse",
       {"reasoning:The user asks 2+2.", "reasoning: That is 4.", "text:4", "usage:12:30:0:24",
        "finish:1"}},
      {"usage_only_final.sse", {"text:Done.", "finish:2", "usage:1117:46:1024:32"}},
      {"keepalive_comments.sse",
       {"reasoning:Greet back.", "text:Hi", "text: there", "finish:1", "usage:14:9:-1:-1"}},
      {"inband_error.sse",
       {"text:Partial", "error:5:retryable:Provider disconnected unexpectedly"}},
      {"inband_rate_limit.sse", {"error:4:retryable:Rate limit exceeded: free-models-per-min."}},
  };
  return expected;
}

// Whole, split at every offset, and one byte at a time.
TEST_F(OpenAiCompatibleProviderTest, EveryStreamFixtureGivesItsEventsHoweverItIsSplit) {
  for (const auto& [name, events] : expectedStreams()) {
    expectEveryFeedingGives(name, fixture(name), events);
  }
}

TEST_F(OpenAiCompatibleProviderTest, RandomSplitsGiveTheSameEvents) {
  std::mt19937 random(20240611);
  for (const auto& [name, events] : expectedStreams()) {
    const std::string bytes = fixture(name);
    for (int run = 0; run < 50; ++run) {
      std::vector<std::string> pieces;
      for (size_t at = 0; at < bytes.size();) {
        const size_t n = std::uniform_int_distribution<size_t>(1, 64)(random);
        pieces.push_back(bytes.substr(at, n));
        at += n;
      }
      ASSERT_EQ(stream(pieces).events, events) << name << " run " << run;
    }
  }
}

std::string withLineEnding(const std::string& lf, const std::string& ending) {
  std::string out;
  for (char c : lf) c == '\n' ? out += ending : out += c;
  return out;
}

TEST_F(OpenAiCompatibleProviderTest, CrLfAndCrLineEndingsGiveTheSameEvents) {
  for (const char* name : {"text.sse", "keepalive_comments.sse"}) {
    const Events& expected = expectedStreams().at(name);
    for (const char* ending : {"\r\n", "\r"}) {
      const std::string bytes = withLineEnding(fixture(name), ending);
      EXPECT_EQ(streamWhole(bytes).events, expected) << name;
      for (size_t at = 0; at <= bytes.size(); ++at)
        ASSERT_EQ(stream({bytes.substr(0, at), bytes.substr(at)}).events, expected)
            << name << " split at " << at;
    }
  }
}

TEST_F(OpenAiCompatibleProviderTest, WithoutDoneTheStreamStillFinishesCleanly) {
  const std::string bytes = fixture("text.sse");
  const std::string withoutDone = bytes.substr(0, bytes.find("data: [DONE]"));
  const StreamResult r = streamWhole(withoutDone);
  EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.events, expectedStreams().at("text.sse"));

  // The last event may even lack its blank line: it is delivered at finish.
  const std::string unterminated = withoutDone.substr(0, withoutDone.size() - 2);
  EXPECT_EQ(streamWhole(unterminated).events, expectedStreams().at("text.sse"));
}

TEST_F(OpenAiCompatibleProviderTest, NothingAfterDoneIsRead) {
  const StreamResult r = streamWhole(fixture("text.sse") + "data: not json at all\n\n");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events, expectedStreams().at("text.sse"));
}

TEST_F(OpenAiCompatibleProviderTest, EventThatIsNotJsonFailsAsARetryableInternalError) {
  const std::string bytes = fixture("malformed.sse");
  for (size_t at = 0; at <= bytes.size(); ++at) {
    const StreamResult r = stream({bytes.substr(0, at), bytes.substr(at)});
    ASSERT_FALSE(r.ok) << "split at " << at;
    EXPECT_EQ(r.events, Events{"text:Hel"});
    EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
    EXPECT_EQ(r.error.retryable, 1);
    EXPECT_EQ(plugins::errorMessage(r.error),
              "openai-compatible: upstream sent an event that is not a JSON object");
  }
  for (const char* data : {"data: 42\n\n", "data: [1,2]\n\n", "data: \"s\"\n\n"}) {
    const StreamResult r = streamWhole(data);
    EXPECT_FALSE(r.ok) << data;
    EXPECT_EQ(r.error.code, MF_ERR_INTERNAL) << data;
  }
}

TEST_F(OpenAiCompatibleProviderTest, TruncatedLastEventFailsAtFinish) {
  const StreamResult r = streamWhole(R"(data: {"choices":[{"delta":{"content":"cut)");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
}

TEST_F(OpenAiCompatibleProviderTest, AnEventLargerThanOneMegabyteIsRefused) {
  const std::string big(1024 * 1024 + 1, 'a');
  StreamResult r = stream({"data: {\"x\":\"", big});  // no line end in sight
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);
  EXPECT_EQ(r.error.retryable, 1);
  EXPECT_EQ(plugins::errorMessage(r.error),
            "openai-compatible: upstream sent an event larger than 1 MiB");

  // The same through many data lines of one event.
  std::string lines;
  for (int i = 0; i < 1100; ++i) lines += "data: " + std::string(1000, 'b') + "\n";
  r = streamWhole(lines);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.code, MF_ERR_INTERNAL);

  // Just under the cap is fine.
  const std::string text(900 * 1024, 'c');
  r = stream({R"(data: {"choices":[{"delta":{"content":")", text, "\"}}]}\n\n"});
  EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.events, Events{"text:" + text});
}

TEST_F(OpenAiCompatibleProviderTest, StopsEmittingWhenTheHostSaysSo) {
  const StreamResult r = stream({fixture("text.sse")}, /*stopAfter=*/2);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events, (Events{"text:Bonjour",
                              "text:, \xC3\xA7"
                              "a va"}));
}

TEST_F(OpenAiCompatibleProviderTest, UnusualFinishReasons) {
  auto finishing = [&](const std::string& reason) {
    return streamWhole(R"(data: {"choices":[{"delta":{},"finish_reason":")" + reason + "\"}]}\n\n")
        .events;
  };
  EXPECT_EQ(finishing("function_call"), Events{"finish:3"});
  EXPECT_EQ(finishing("content_filter"), Events{"finish:4"});
  EXPECT_EQ(finishing("model_length"), Events{"finish:2"});
  EXPECT_EQ(finishing("eos"), Events{"finish:1"});
  EXPECT_EQ(finishing("error"),
            Events{"error:5:retryable:upstream ended the answer with finish_reason \"error\""});
}

// ---------------------------------------------------------------------------
// Non-streamed responses
// ---------------------------------------------------------------------------

TEST_F(OpenAiCompatibleProviderTest, ParsesACompletion) {
  StreamResult r = parse(fixture("completion.json"));
  EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.events,
            (Events{"text:The image shows a wooden boardwalk through a lush green meadow.",
                    "usage:1117:46:0:0", "finish:1"}));

  r = parse(fixture("completion_tool_calls.json"));
  EXPECT_TRUE(r.ok) << plugins::errorMessage(r.error);
  EXPECT_EQ(r.events, (Events{"reasoning:I need the weather in Paris.",
                              "tool:0:call_abc123:get_weather:{\"location\":\"Paris\"}",
                              "tool:1:call_def456:get_time:{\"tz\":\"Europe/Paris\"}",
                              "usage:210:58:-1:-1", "finish:3"}));
}

TEST_F(OpenAiCompatibleProviderTest, ACompletionThatIsNotOneFailsRetryably) {
  for (const char* body :
       {"", "<html>502</html>", "[]", R"({"id":"x","object":"chat.completion"})"}) {
    const StreamResult r = parse(body);
    EXPECT_FALSE(r.ok) << body;
    EXPECT_EQ(r.error.code, MF_ERR_UNAVAILABLE) << body;
    EXPECT_EQ(r.error.retryable, 1) << body;
  }
}

TEST_F(OpenAiCompatibleProviderTest, AnErrorInsideA200CompletionIsAnErrorEvent) {
  const StreamResult r = parse(R"({"error":{"message":"Upstream overloaded","code":502}})");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events, Events{"error:5:retryable:Upstream overloaded"});
}

// ---------------------------------------------------------------------------
// Error classification
// ---------------------------------------------------------------------------

TEST_F(OpenAiCompatibleProviderTest, RateLimitWithRetryAfterSeconds) {
  const mf_error e = classify(429, fixture("error_rate_limit.json"), {{"retry-after", "2"}});
  EXPECT_EQ(e.code, MF_ERR_RATE_LIMITED);
  EXPECT_EQ(e.retryable, 1);
  EXPECT_EQ(e.upstream_status, 429);
  EXPECT_EQ(e.retry_after_ms, 2000);
  EXPECT_EQ(plugins::errorMessage(e).rfind(
                "openai-compatible: HTTP 429: Rate limit reached for gpt-4o in organization", 0),
            0u)
      << plugins::errorMessage(e);
}

TEST_F(OpenAiCompatibleProviderTest, RetryAfterMsWinsAndMayBeFractional) {
  const mf_error e = classify(429, "{}", {{"Retry-After", "9"}, {"RETRY-AFTER-MS", "1500.2"}});
  EXPECT_EQ(e.retry_after_ms, 1501);
  EXPECT_EQ(classify(429, "").retry_after_ms, -1);
  EXPECT_EQ(classify(429, "", {{"Retry-After", "soon"}}).retry_after_ms, -1);
  EXPECT_EQ(classify(503, "", {{"Retry-After", "0.25"}}).retry_after_ms, 250);
  EXPECT_EQ(classify(503, "", {{"Retry-After", "1e300"}}).retry_after_ms, 7 * 24 * 3600 * 1000);
}

std::string httpDate(std::time_t t, const char* format) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

TEST_F(OpenAiCompatibleProviderTest, RetryAfterHttpDateIsRelativeToNow) {
  const std::time_t inThirty = std::time(nullptr) + 30;
  for (const char* format : {"%a, %d %b %Y %H:%M:%S GMT",  // IMF-fixdate
                             "%A, %d-%b-%y %H:%M:%S GMT",  // RFC 850
                             "%a %b %e %H:%M:%S %Y"}) {    // asctime
    const std::string date = httpDate(inThirty, format);
    const mf_error e = classify(429, "", {{"retry-after", date}});
    EXPECT_GT(e.retry_after_ms, 25000) << date;
    EXPECT_LE(e.retry_after_ms, 30000) << date;
  }
  EXPECT_EQ(classify(503, "", {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}}).retry_after_ms,
            0);
}

TEST_F(OpenAiCompatibleProviderTest, AuthFailuresAreNotRetryable) {
  for (int32_t status : {401, 403}) {
    const mf_error e = classify(status, fixture("error_auth.json"));
    EXPECT_EQ(e.code, MF_ERR_AUTH) << status;
    EXPECT_EQ(e.retryable, 0) << status;
    EXPECT_EQ(e.upstream_status, status);
  }
}

TEST_F(OpenAiCompatibleProviderTest, ContextLengthFromCodeOrMessage) {
  mf_error e = classify(400, fixture("error_context_length.json"));
  EXPECT_EQ(e.code, MF_ERR_CONTEXT_LENGTH);
  EXPECT_EQ(e.retryable, 0);
  EXPECT_EQ(plugins::errorMessage(e),
            "openai-compatible: HTTP 400: This model's maximum context length is 128000 tokens. "
            "However, your messages resulted in 130415 tokens. Please reduce the length of the "
            "messages.");
  e = classify(413, R"({"error":{"message":"Too many tokens in the prompt"}})");
  EXPECT_EQ(e.code, MF_ERR_CONTEXT_LENGTH);
  e = classify(422, R"({"detail":"input exceeds the context window of 8192"})");
  EXPECT_EQ(e.code, MF_ERR_CONTEXT_LENGTH);
  e = classify(
      400, R"({"error":{"message":"Prompt exceeds max length","code":"context_length_exceeded"}})");
  EXPECT_EQ(e.code, MF_ERR_CONTEXT_LENGTH);
}

TEST_F(OpenAiCompatibleProviderTest, ContentFilterIsFinal) {
  mf_error e = classify(400, fixture("error_content_filter.json"));
  EXPECT_EQ(e.code, MF_ERR_CONTENT_FILTER);
  EXPECT_EQ(e.retryable, 0);
  e = classify(
      400,
      R"({"error":{"message":"Your request was rejected as a result of our safety system.","code":"content_policy_violation"}})");
  EXPECT_EQ(e.code, MF_ERR_CONTENT_FILTER);
  e = classify(400, R"({"error":{"message":"This request violates our content policy."}})");
  EXPECT_EQ(e.code, MF_ERR_CONTENT_FILTER);
}

TEST_F(OpenAiCompatibleProviderTest, StatusClassesWithoutAnythingMoreSpecific) {
  struct Case {
    int32_t status;
    int32_t code;
    int32_t retryable;
  };
  for (const Case& c :
       {Case{404, MF_ERR_NOT_FOUND, 1}, Case{408, MF_ERR_TIMEOUT, 1}, Case{400, MF_ERR_INVALID, 0},
        Case{413, MF_ERR_INVALID, 0}, Case{422, MF_ERR_INVALID, 0}, Case{409, MF_ERR_INVALID, 0},
        Case{500, MF_ERR_UNAVAILABLE, 1}, Case{502, MF_ERR_UNAVAILABLE, 1},
        Case{503, MF_ERR_UNAVAILABLE, 1}, Case{504, MF_ERR_UNAVAILABLE, 1},
        Case{529, MF_ERR_UNAVAILABLE, 1}}) {
    const mf_error e = classify(c.status, R"({"error":{"message":"nope","type":"x"}})");
    EXPECT_EQ(e.code, c.code) << c.status;
    EXPECT_EQ(e.retryable, c.retryable) << c.status;
    EXPECT_EQ(e.upstream_status, c.status);
    EXPECT_EQ(plugins::errorMessage(e),
              "openai-compatible: HTTP " + std::to_string(c.status) + ": nope");
  }
  EXPECT_EQ(classify(404, fixture("error_not_found.json")).code, MF_ERR_NOT_FOUND);
}

TEST_F(OpenAiCompatibleProviderTest, ToleratesAnyBody) {
  mf_error e = classify(429, fixture("error_gemini_array.json"));
  EXPECT_EQ(e.code, MF_ERR_RATE_LIMITED);
  EXPECT_EQ(plugins::errorMessage(e),
            "openai-compatible: HTTP 429: Resource has been exhausted (e.g. check quota).");

  e = classify(502, fixture("error_overloaded.html"));
  EXPECT_EQ(e.code, MF_ERR_UNAVAILABLE);
  EXPECT_EQ(plugins::errorMessage(e).find('\n'), std::string::npos);

  e = classify(500, "");
  EXPECT_EQ(plugins::errorMessage(e), "openai-compatible: HTTP 500: no error message");

  e = classify(400, std::string("\xFF\xFE\x00garbage", 10));
  EXPECT_EQ(e.code, MF_ERR_INVALID);

  const std::string longMessage(5000, 'z');
  e = classify(400, R"({"error":{"message":")" + longMessage + "\"}}");
  const std::string message = plugins::errorMessage(e);
  EXPECT_LT(message.size(), sizeof(e.message));
  EXPECT_EQ(message.substr(message.size() - 3), "...");
}

TEST_F(OpenAiCompatibleProviderTest, RateLimitCodeOnAnotherStatusIsARateLimit) {
  // Groq answers 413 when one request exceeds the tokens-per-minute budget.
  const mf_error e = classify(413, fixture("error_groq_tpm.json"));
  EXPECT_EQ(e.code, MF_ERR_RATE_LIMITED);
  EXPECT_EQ(e.retryable, 1);
}

// ---------------------------------------------------------------------------
// The library itself
// ---------------------------------------------------------------------------

}  // namespace
}  // namespace manifold
