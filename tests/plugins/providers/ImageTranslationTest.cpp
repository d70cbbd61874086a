// The image translators of the openai-compatible and gemini plugins, driven
// through the host's ProviderInstance media calls: which engines do which
// operation, what goes upstream, and how answers and refusals are read.
#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include "plugins/AbiStrings.h"
#include "support/LoadedProvider.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

using plugins::toAbi;

struct Engine {
  std::string model;
  std::string baseUrl = "http://upstream.test/v1";
  std::string apiKey = "sk-test";
  std::string options = "{}";
  mf_engine abi() const {
    mf_engine e{};
    e.struct_size = sizeof(e);
    e.engine_id = toAbi("e");
    e.model = toAbi(model);
    e.base_url = toAbi(baseUrl);
    e.api_key = toAbi(apiKey);
    e.options_json = toAbi(options);
    return e;
  }
};

const char* kPrompt = R"({"prompt":"a red fox","n":1})";

class ImageTranslationTest : public ::testing::Test {
 protected:
  LoadedProvider openai_{pluginOutputDir() + "/openai-compatible.so", "openai-compatible"};
  LoadedProvider gemini_{pluginOutputDir() + "/gemini.so", "gemini"};

  int32_t build(const LoadedProvider& p, const Engine& e, const char* op, const std::string& json,
                upstream::OutboundRequest& out, mf_error& error) {
    return p.instance()->buildMediaRequest(e.abi(), op, json, out, error);
  }
  plugins::AbiCallResult parse(const LoadedProvider& p, const Engine& e, const char* op,
                               const std::string& body) {
    return p.instance()->parseMediaResponse(e.abi(), op, {}, body);
  }
};

TEST_F(ImageTranslationTest, GptImageIsAskedWithoutResponseFormatAndDallEWithB64Json) {
  ASSERT_TRUE(openai_.instance()) << openai_.problem();
  for (const char* model : {"gpt-image-1", "dall-e-3"}) {
    upstream::OutboundRequest out;
    mf_error error{};
    ASSERT_EQ(build(openai_, {model}, MF_MEDIA_IMAGE_GENERATE, kPrompt, out, error), MF_OK);
    EXPECT_EQ(out.url, "http://upstream.test/v1/images/generations");
    const json::Value body = json::parse(out.body).value_or(json::Value());
    EXPECT_EQ(body["model"].asString(), model);
    EXPECT_EQ(body.contains("response_format"), std::string(model) == "dall-e-3") << out.body;
  }
}

TEST_F(ImageTranslationTest, WorkersAiMakesButDoesNotEditAndNeedsAnAccountTokenPair) {
  ASSERT_TRUE(openai_.instance()) << openai_.problem();
  Engine flux{"@cf/black-forest-labs/flux-1-schnell", "https://cf.test/client/v4", "acct:tok",
              R"({"preset":"cloudflare","steps":4})"};
  upstream::OutboundRequest out;
  mf_error error{};
  ASSERT_EQ(build(openai_, flux, MF_MEDIA_IMAGE_GENERATE, kPrompt, out, error), MF_OK);
  EXPECT_EQ(out.url,
            "https://cf.test/client/v4/accounts/acct/ai/run/@cf/black-forest-labs/flux-1-schnell");
  EXPECT_EQ(out.body, R"({"prompt":"a red fox","steps":4})");
  EXPECT_EQ(build(openai_, flux, MF_MEDIA_IMAGE_EDIT, kPrompt, out, error), MF_NOT_FOUND);
  flux.apiKey = "no-colon";
  EXPECT_EQ(build(openai_, flux, MF_MEDIA_IMAGE_GENERATE, kPrompt, out, error), MF_FAILED);
  EXPECT_EQ(error.code, MF_ERR_AUTH);  // this key cannot work: the pool's next one may

  const auto result = parse(openai_, flux, MF_MEDIA_IMAGE_GENERATE,
                            R"({"result":{"image":"/9j/4AA="},"success":true,"errors":[]})");
  ASSERT_EQ(result.rc, MF_OK) << plugins::errorMessage(result.error);
  EXPECT_EQ(result.text, R"({"images":[{"b64":"/9j/4AA=","mime":"image/jpeg"}]})");
  EXPECT_EQ(
      parse(openai_, flux, MF_MEDIA_IMAGE_GENERATE, R"({"result":{},"success":false})").error.code,
      MF_ERR_INTERNAL);
}

TEST_F(ImageTranslationTest, AnOpenAiAnswerWithOnlyAUrlIsTheWrongShape) {
  ASSERT_TRUE(openai_.instance()) << openai_.problem();
  const auto result = parse(openai_, {"dall-e-3"}, MF_MEDIA_IMAGE_GENERATE,
                            R"({"created":1,"data":[{"url":"https://x.test/a.png"}]})");
  EXPECT_EQ(result.rc, MF_FAILED);
  EXPECT_EQ(result.error.code, MF_ERR_INTERNAL);
}

TEST_F(ImageTranslationTest, GeminiReadsInlinePicturesAndRefusals) {
  ASSERT_TRUE(gemini_.instance()) << gemini_.problem();
  const Engine engine{"gemini-2.5-flash-image", "https://g.test"};
  upstream::OutboundRequest out;
  mf_error error{};
  ASSERT_EQ(build(gemini_, engine, MF_MEDIA_IMAGE_GENERATE, kPrompt, out, error), MF_OK);
  EXPECT_EQ(out.url, "https://g.test/v1beta/models/gemini-2.5-flash-image:generateContent");
  EXPECT_EQ(
      out.body,
      R"({"contents":[{"role":"user","parts":[{"text":"a red fox"}]}],"generationConfig":{"responseModalities":["TEXT","IMAGE"]}})");

  const auto ok = parse(
      gemini_, engine, MF_MEDIA_IMAGE_GENERATE,
      R"({"candidates":[{"content":{"parts":[{"text":"Here"},{"inlineData":{"mimeType":"image/png","data":"iVBO"}}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":1290}})");
  ASSERT_EQ(ok.rc, MF_OK) << plugins::errorMessage(ok.error);
  EXPECT_EQ(
      ok.text,
      R"({"images":[{"b64":"iVBO","mime":"image/png"}],"usage":{"input_tokens":9,"output_tokens":1290}})");

  const auto unsafe = parse(
      gemini_, engine, MF_MEDIA_IMAGE_GENERATE,
      R"({"candidates":[{"content":{"parts":[]},"finishReason":"IMAGE_SAFETY","finishMessage":"no"}]})");
  EXPECT_EQ(unsafe.error.code, MF_ERR_CONTENT_FILTER);
  EXPECT_EQ(plugins::errorMessage(unsafe.error), "gemini: picture refused: IMAGE_SAFETY (no)");
  const auto blocked = parse(gemini_, engine, MF_MEDIA_IMAGE_GENERATE,
                             R"({"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"}})");
  EXPECT_EQ(blocked.error.code, MF_ERR_CONTENT_FILTER);
  EXPECT_EQ(plugins::errorMessage(blocked.error), "gemini: prompt blocked: PROHIBITED_CONTENT");
}

}  // namespace
}  // namespace manifold::test
