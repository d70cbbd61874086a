// POST /v1/audio/speech end to end: the gateway, the real openai-compatible
// and gemini plugins, and the speech fake on loopback. The cascade is
// Cloudflare MeloTTS, then Gemini TTS, then OpenAI TTS; whatever an engine
// gives (MP3, raw PCM, the asked format) reaches the client in its
// response_format, which sox (and opusinfo) confirm is audio.
#include <manifold/json.hpp>

#include "host/http/AudioGatewayFixture.h"
#include "host/media/SpeechSamples.h"
#include "support/CommandOnPath.h"
#include "support/OpenAiAssertions.h"

namespace manifold::test {
namespace {

const std::vector<std::string> kCascade = {"cf-melotts", "gemini-tts", "openai-tts"};

class SpeechApiTest : public AudioGatewayFixture {
 protected:
  // Checks the bytes are valid audio of the format, with sox (or opusinfo).
  void expectAudio(const HttpResult& r, const std::string& format) {
    ASSERT_EQ(r.status, 200) << r.body;
    const std::map<std::string, std::string> types = {
        {"mp3", "audio/mpeg"}, {"wav", "audio/wav"}, {"opus", "audio/ogg"}};
    EXPECT_EQ(r.header("content-type"), types.at(format));
    if (format == "opus") {
      if (!commandOnPath("opusinfo")) GTEST_SKIP() << "opusinfo (opus-tools) is not installed";
      const std::string info = opusInfo(r.body);
      EXPECT_NE(info.find("Opus stream"), std::string::npos) << info;
      return;
    }
    const std::string info = soxInfo(r.body, format);
    EXPECT_NE(info.find("Duration"), std::string::npos) << "sox cannot read the " << format;
  }

  static std::string request(const std::string& format) {
    return R"({"model":"tts-1","input":"Hello from the speech test.","voice":"alloy","response_format":")" +
           format + "\"}";
  }
};

TEST_F(SpeechApiTest, MeloTtsAnswersFirstWithItsMp3) {
  startGateway(kCascade, {});
  const HttpResult r = speech(request("mp3"));
  expectAudio(r, "mp3");
  EXPECT_EQ(r.header("x-manifold-engine"), "cf-melotts");
  const auto calls = fake_->requestsUnder("/client/v4/accounts/acct123/ai/run/");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]["path"].asString(),
            "/client/v4/accounts/acct123/ai/run/@cf/myshell-ai/melotts");
  EXPECT_EQ(calls[0]["headers"]["authorization"].asString(), "Bearer tok456");
  const auto body = json::parse(calls[0]["body"].asString());
  ASSERT_TRUE(body);
  EXPECT_EQ((*body)["prompt"].asString(), "Hello from the speech test.");
  EXPECT_EQ((*body)["lang"].asString(), "en");
}

TEST_F(SpeechApiTest, MeloTtsMp3IsConvertedToWavAndOpus) {
  startGateway({"cf-melotts"}, {});
  expectAudio(speech(request("wav")), "wav");
  expectAudio(speech(request("opus")), "opus");
}

TEST_F(SpeechApiTest, GeminiPcmIsConvertedToEachFormat) {
  startGateway({"gemini-tts"}, {});
  for (const std::string format : {"mp3", "wav", "opus"}) {
    SCOPED_TRACE(format);
    const HttpResult r = speech(request(format));
    expectAudio(r, format);
    EXPECT_EQ(r.header("x-manifold-engine"), "gemini-tts");
  }
  const auto calls = fake_->requestsUnder("/v1beta/models/gemini-2.5-flash-preview-tts");
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0]["headers"]["x-goog-api-key"].asString(), "gemini-test-key");
  const auto body = json::parse(calls[0]["body"].asString());
  ASSERT_TRUE(body);
  EXPECT_EQ((*body)["generationConfig"]["responseModalities"][0].asString(), "AUDIO");
  EXPECT_EQ(
      (*body)["generationConfig"]["speechConfig"]["voiceConfig"]["prebuiltVoiceConfig"]["voiceName"]
          .asString(),
      "Kore");  // "alloy" is not a Gemini voice
}

TEST_F(SpeechApiTest, OpenAiTtsIsAskedForTheFormatItself) {
  startGateway({"openai-tts"}, {});
  for (const std::string format : {"mp3", "wav", "opus"}) {
    SCOPED_TRACE(format);
    expectAudio(speech(request(format)), format);
  }
  const auto calls = fake_->requestsTo("/v1/audio/speech");
  ASSERT_EQ(calls.size(), 3u);
  const auto body = json::parse(calls[2]["body"].asString());
  ASSERT_TRUE(body);
  EXPECT_EQ((*body)["model"].asString(), "tts-1");
  EXPECT_EQ((*body)["voice"].asString(), "alloy");
  EXPECT_EQ((*body)["response_format"].asString(), "opus");
  EXPECT_EQ(calls[2]["headers"]["authorization"].asString(), "Bearer sk-openai-test");
}

TEST_F(SpeechApiTest, FirstEngine503FailsOverToTheNext) {
  startGateway(kCascade, {});
  fake_->fault("503", "/client/v4");
  const HttpResult r = speech(request("wav"));
  expectAudio(r, "wav");
  EXPECT_EQ(r.header("x-manifold-engine"), "gemini-tts");
  EXPECT_EQ(r.header("x-manifold-attempts"), "2");
  EXPECT_EQ(fake_->requestsUnder("/client/v4").size(), 1u);
  EXPECT_TRUE(fake_->requestsTo("/v1/audio/speech").empty());
}

TEST_F(SpeechApiTest, ARefusalIs400WithTheReasonAndNoFailover) {
  startGateway({"openai-tts", "gemini-tts"}, {});
  fake_->fault("content-filter", "/v1/audio/speech");
  const HttpResult r = speech(request("mp3"));
  expectOpenAiError(r, 400, "rejected by the safety system");
  EXPECT_EQ(parseObject(r.body)->getObject("error")->getValue<std::string>("code"),
            "content_policy_violation");
  EXPECT_EQ(fake_->requestsTo("/v1/audio/speech").size(), 1u);
  EXPECT_TRUE(fake_->requestsUnder("/v1beta").empty());
}

TEST_F(SpeechApiTest, EveryEngineDownIs503) {
  startGateway({"cf-melotts", "openai-tts"}, {});
  fake_->fault("503");
  const HttpResult r = speech(request("mp3"));
  expectOpenAiError(r, 503, "");
  EXPECT_EQ(fake_->ledger().size(), 2u);
}

TEST_F(SpeechApiTest, BadRequestsAre400AndReachNoEngine) {
  startGateway(kCascade, {});
  for (const std::string& body :
       {std::string("not json"), std::string(R"({"model":"tts-1","voice":"alloy"})"),
        std::string(R"({"input":"hi","response_format":"flac"})"),
        std::string(R"({"input":"hi","speed":9})"),
        R"({"input":")" + std::string(4097, 'a') + "\"}"}) {
    SCOPED_TRACE(body.substr(0, 60));
    expectOpenAiError(speech(body), 400, "");
  }
  EXPECT_TRUE(fake_->ledger().empty());
  expectAudio(speech(request("mp3")), "mp3");  // and the gateway keeps serving
}

TEST_F(SpeechApiTest, NoSpeechChainIs503NamingTheSetting) {
  startGateway({}, {});
  const HttpResult r = speech(request("mp3"));
  expectOpenAiError(r, 503, "");
  EXPECT_NE(r.body.find("media.speech_chain"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace manifold::test
