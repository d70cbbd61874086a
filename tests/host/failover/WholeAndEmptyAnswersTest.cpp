// What an upstream's 200 really said, on every adapter, through a real
// gateway: a whole JSON completion sent to a streaming request is an answer
// (many OpenAI-compatible servers ignore stream:true), and a 200 that says
// nothing is a failed attempt that fails over, never an empty success.
#include <gtest/gtest.h>

#include "FakeProvider.h"
#include "NamedRoutes.h"
#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

struct AdapterCase {
  std::string provider;      ///< plugin id
  std::string fixtures;      ///< fixture folder
  std::string wholeAnswer;   ///< a non-streamed completion in its format
  std::string expectedText;  ///< the answer text in it
};

void PrintTo(const AdapterCase& c, std::ostream* os) {
  *os << c.provider;
}

class WholeAndEmptyAnswersTest : public ::testing::TestWithParam<AdapterCase> {
 protected:
  WholeAndEmptyAnswersTest() : fake_(options()) {}

  static FakeProvider::Options options() {
    FakeProvider::Options o;
    o.unscripted = [](const std::string& route) {
      return namedRoute(route, std::string(MANIFOLD_SOURCE_DIR) + "/tests/fixtures");
    };
    return o;
  }

  void SetUp() override {
    const AdapterCase& c = GetParam();
    const std::string fake = "http://127.0.0.1:" + std::to_string(fake_.port());
    auto engine = [&](const std::string& id, const std::string& provider,
                      const std::string& route) {
      config::EngineConfig e;
      e.id = id;
      e.provider = provider;
      e.model = "model-" + id;
      e.baseUrl = fake + "/" + route + (provider == "openai-compatible" ? "/v1" : "");
      return e;
    };
    config::GatewayConfig cfg;
    cfg.server.host = "127.0.0.1";
    cfg.server.port = 0;
    cfg.server.maxThreads = 32;
    cfg.egress.allow = {"127.0.0.1:" + std::to_string(fake_.port())};
    cfg.engines = {engine("whole", c.provider, "raw." + c.fixtures + "." + c.wholeAnswer),
                   engine("empty", c.provider, "raw." + c.fixtures + ".empty_200.sse"),
                   engine("backup", "openai-compatible", "ok"),
                   engine("nofinish", "openai-compatible", "raw.openai.no_finish_reason.sse")};
    for (const auto& [name, chain] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"whole", {"whole"}},
             {"empty", {"empty", "backup"}},
             {"only-empty", {"empty"}},
             {"nofinish", {"nofinish"}}}) {
      config::ModeConfig m;
      m.name = name;
      m.chain = chain;
      m.maxRetries = 0;
      cfg.modes.push_back(m);
    }
    gateway_ = std::make_unique<TestGateway>(
        std::move(cfg), std::vector<std::string>{pluginOutputDir() + "/" + c.provider + ".so",
                                                 pluginOutputDir() + "/openai-compatible.so"});
  }

  FakeProvider fake_;
  std::unique_ptr<TestGateway> gateway_;
};

TEST_P(WholeAndEmptyAnswersTest, AJsonCompletionAnsweringAStreamingRequestIsTheAnswer) {
  const HttpResult r =
      gateway_->client().post("/v1/chat/completions", chatBody("mode/whole", true));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<std::string> payloads = ssePayloads(r.body);
  ASSERT_FALSE(payloads.empty());
  EXPECT_EQ(payloads.back(), "[DONE]");
  EXPECT_EQ(streamedText(r.body), GetParam().expectedText);
  EXPECT_EQ(r.header("x-manifold-attempts"), "1");
}

TEST_P(WholeAndEmptyAnswersTest, AnEmptyTwoHundredFailsOverInvisibly) {
  for (bool stream : {true, false}) {
    const HttpResult r =
        gateway_->client().post("/v1/chat/completions", chatBody("mode/empty", stream));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("x-manifold-engine"), "backup") << "stream " << stream;
    EXPECT_EQ(r.header("x-manifold-attempts"), "2");
  }
}

TEST_P(WholeAndEmptyAnswersTest, AnEmptyTwoHundredOnTheLastStepIsNeverASuccess) {
  const HttpResult r =
      gateway_->client().post("/v1/chat/completions", chatBody("mode/only-empty", true));
  // The adapter or the gateway names why (Anthropic's adapter already knows
  // a stream must end in message_stop); either way it is an error.
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_NE(r.body.find("all_engines_failed"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("finish_reason"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Adapters, WholeAndEmptyAnswersTest,
    ::testing::Values(
        AdapterCase{"openai-compatible", "openai", "completion.json",
                    "The image shows a wooden boardwalk through a lush green meadow."},
        AdapterCase{"anthropic", "anthropic", "message.json", "Hi! My name is Claude."},
        AdapterCase{"gemini", "gemini", "response.json", "Paris is the capital of France."},
        AdapterCase{"cohere", "cohere", "response.json",
                    "LLMs, or Large Language Models, are neural networks trained on large "
                    "amounts of text."}),
    [](const ::testing::TestParamInfo<AdapterCase>& info) {
      std::string name = info.param.fixtures;
      return name;
    });

// The same gateway, for the one case that needs only one upstream format.
class NoFinishReasonTest : public WholeAndEmptyAnswersTest {};

// An upstream that never said why it stopped: the client hears null, not an
// invented "stop". (The upstream is OpenAI-compatible in every case.)
TEST_P(NoFinishReasonTest, AFinishReasonTheUpstreamNeverGaveIsNeverInvented) {
  const HttpResult streamed =
      gateway_->client().post("/v1/chat/completions", chatBody("mode/nofinish", true));
  ASSERT_EQ(streamed.status, 200) << streamed.body;
  EXPECT_EQ(streamedText(streamed.body), "Bonjour");
  EXPECT_EQ(streamed.body.find("\"finish_reason\":\"stop\""), std::string::npos) << streamed.body;
  const HttpResult whole =
      gateway_->client().post("/v1/chat/completions", chatBody("mode/nofinish", false));
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_TRUE(parseObject(whole.body)->getArray("choices")->getObject(0)->isNull("finish_reason"))
      << whole.body;
  const HttpResult native = gateway_->client().post(
      "/api/chat", R"({"mode":"nofinish","messages":[{"role":"user","content":"hi"}]})");
  EXPECT_NE(native.body.find("\"finish_reason\":null"), std::string::npos) << native.body;
}

INSTANTIATE_TEST_SUITE_P(
    OpenAiCompatible, NoFinishReasonTest,
    ::testing::Values(AdapterCase{"openai-compatible", "openai", "completion.json", ""}),
    [](const ::testing::TestParamInfo<AdapterCase>&) { return std::string("openai"); });

}  // namespace
}  // namespace manifold::test
