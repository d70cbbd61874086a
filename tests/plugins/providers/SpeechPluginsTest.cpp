// The speech side of the openai-compatible and gemini plugins, loaded through
// the real loader and called through the ABI: which engines decline which
// operation, and how keys and answers of the wrong shape are classified.
// (The requests and answers that work are proven end to end in
// tests/host/http/SpeechApiTest.cpp and TranscriptionApiTest.cpp.)
#include <gtest/gtest.h>

#include "plugins/AbiStrings.h"
#include "support/LoadedProvider.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

using plugins::toAbi;

struct EngineStrings {
  std::string model, baseUrl = "http://127.0.0.1:9", apiKey = "key", options = "{}";
  mf_engine abi() const {
    return {sizeof(mf_engine), toAbi("e"),    toAbi(model),
            toAbi(baseUrl),    toAbi(apiKey), toAbi(options)};
  }
};

const std::string kSpeech = R"({"input":"Hello.","voice":"alloy","response_format":"mp3"})";
const std::string kTranscription =
    R"({"audio_b64":"UklGRg==","filename":"a.wav","mime":"audio/wav","response_format":"json"})";

class SpeechPluginsTest : public ::testing::Test {
 protected:
  LoadedProvider openai_{pluginOutputDir() + "/openai-compatible.so", "openai-compatible"};
  LoadedProvider gemini_{pluginOutputDir() + "/gemini.so", "gemini"};

  static int32_t build(const LoadedProvider& p, const EngineStrings& e, const std::string& op,
                       const std::string& json, upstream::OutboundRequest& out, mf_error& error) {
    return p.instance()->buildMediaRequest(e.abi(), op, json, out, error);
  }
};

TEST_F(SpeechPluginsTest, BothPluginsMakeMedia) {
  ASSERT_TRUE(openai_.instance()) << openai_.problem();
  ASSERT_TRUE(gemini_.instance()) << gemini_.problem();
  EXPECT_TRUE(openai_.instance()->makesMedia());
  EXPECT_TRUE(gemini_.instance()->makesMedia());
}

TEST_F(SpeechPluginsTest, CloudflareModelsDeclineWhatTheyDoNotDo) {
  ASSERT_TRUE(openai_.instance()) << openai_.problem();
  upstream::OutboundRequest out;
  mf_error error{};
  EngineStrings melotts{"@cf/myshell-ai/melotts"};
  melotts.apiKey = "acct:tok";
  melotts.options = R"({"preset":"cloudflare"})";
  EXPECT_EQ(build(openai_, melotts, MF_MEDIA_TRANSCRIPTION, kTranscription, out, error),
            MF_NOT_FOUND);
  EngineStrings whisper = melotts;
  whisper.model = "@cf/openai/whisper";
  EXPECT_EQ(build(openai_, whisper, MF_MEDIA_SPEECH, kSpeech, out, error), MF_NOT_FOUND);
  EXPECT_EQ(build(openai_, whisper, MF_MEDIA_TRANSCRIPTION, kTranscription, out, error), MF_OK);
  EXPECT_EQ(out.url, "http://127.0.0.1:9/accounts/acct/ai/run/@cf/openai/whisper");
  EXPECT_EQ(out.body, "RIFF");  // the audio itself, decoded
}

TEST_F(SpeechPluginsTest, ACloudflareKeyWithoutAnAccountIsAnAuthFailure) {
  ASSERT_TRUE(openai_.instance()) << openai_.problem();
  EngineStrings melotts{"@cf/myshell-ai/melotts"};
  melotts.apiKey = "only-a-token";
  melotts.options = R"({"preset":"cloudflare"})";
  upstream::OutboundRequest out;
  mf_error error{};
  EXPECT_EQ(build(openai_, melotts, MF_MEDIA_SPEECH, kSpeech, out, error), MF_FAILED);
  EXPECT_EQ(error.code, MF_ERR_AUTH);
  EXPECT_NE(plugins::errorMessage(error).find("account_id:token"), std::string::npos);
}

TEST_F(SpeechPluginsTest, SpeechAnswersThatAreNotAudioAreInternalErrors) {
  ASSERT_TRUE(openai_.instance()) << openai_.problem();
  const EngineStrings tts{"tts-1"};
  const auto json = openai_.instance()->parseMediaResponse(
      tts.abi(), MF_MEDIA_SPEECH, {{"content-type", "application/json"}}, R"({"ok":true})");
  EXPECT_EQ(json.rc, MF_FAILED);
  EXPECT_EQ(json.error.code, MF_ERR_INTERNAL);
  EngineStrings melotts{"@cf/myshell-ai/melotts"};
  melotts.options = R"({"preset":"cloudflare"})";
  const auto failed = openai_.instance()->parseMediaResponse(
      melotts.abi(), MF_MEDIA_SPEECH, {}, R"({"success":false,"errors":[{"code":3040}]})");
  EXPECT_EQ(failed.error.code, MF_ERR_INTERNAL);
}

TEST_F(SpeechPluginsTest, GeminiDoesSpeechOnlyAndReportsABlockAsAContentFilter) {
  ASSERT_TRUE(gemini_.instance()) << gemini_.problem();
  const EngineStrings tts{"gemini-2.5-flash-preview-tts"};
  upstream::OutboundRequest out;
  mf_error error{};
  EXPECT_EQ(build(gemini_, tts, MF_MEDIA_TRANSCRIPTION, kTranscription, out, error), MF_NOT_FOUND);
  const auto blocked = gemini_.instance()->parseMediaResponse(
      tts.abi(), MF_MEDIA_SPEECH, {}, R"({"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"}})");
  EXPECT_EQ(blocked.error.code, MF_ERR_CONTENT_FILTER);
  EXPECT_NE(plugins::errorMessage(blocked.error).find("PROHIBITED_CONTENT"), std::string::npos);
  const auto silent = gemini_.instance()->parseMediaResponse(
      tts.abi(), MF_MEDIA_SPEECH, {},
      R"({"candidates":[{"content":{"parts":[{"text":"no audio"}]},"finishReason":"STOP"}]})");
  EXPECT_EQ(silent.error.code, MF_ERR_INTERNAL);
}

}  // namespace
}  // namespace manifold::test
