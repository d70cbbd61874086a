// A request that needs images, tools or JSON mode goes only to engines whose
// metadata says they can serve it; the others are skipped without a request.
#include "FailoverFixture.h"

namespace manifold::test {
namespace {

class CapabilityRoutingTest : public FailoverFixture {
 protected:
  void SetUp() override {
    config::EngineConfig plain = engine("plain");
    plain.capabilities = config::EngineCapabilities{};  // no vision, tools or JSON mode
    config::EngineConfig capable = engine("capable");
    capable.capabilities.jsonMode = true;
    start({plain, capable}, {mode("smart", {"plain", "capable"})});
  }

  void expectSkippedThenAnswered(const HttpResult& r, const std::string& reason) {
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("x-manifold-engine"), "capable");
    EXPECT_EQ(fake_.requests("plain"), 0) << "a skip costs no request";
    const std::vector<std::string> rows = attemptRows("engine_id, outcome, reason");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0], "plain:skipped:" + reason);
    EXPECT_EQ(rows[1].rfind("capable:answered", 0), 0u) << rows[1];
  }
};

TEST_F(CapabilityRoutingTest, ImagesGoOnlyToVisionEngines) {
  expectSkippedThenAnswered(
      gateway_->client().post(
          "/v1/chat/completions",
          R"({"model":"mode/smart","messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]})"),
      "cannot read images");
}

TEST_F(CapabilityRoutingTest, ToolsGoOnlyToToolEngines) {
  expectSkippedThenAnswered(
      chat(
          "mode/smart", false,
          R"("tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}])"),
      "does not support tools");
}

TEST_F(CapabilityRoutingTest, JsonModeGoesOnlyToJsonEngines) {
  expectSkippedThenAnswered(
      chat("mode/smart", false, R"("response_format":{"type":"json_object"})"), "has no JSON mode");
}

TEST_F(CapabilityRoutingTest, PlainRequestsUseThePlainEngine) {
  const HttpResult r = chat("mode/smart", false, R"("response_format":{"type":"text"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "plain");
}

}  // namespace
}  // namespace manifold::test
