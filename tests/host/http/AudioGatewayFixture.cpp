#include "host/http/AudioGatewayFixture.h"

#include <stdlib.h>

#include <fstream>

#include "host/media/SpeechSamples.h"
#include "media/AudioConverter.h"
#include "support/CommandOnPath.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

void writeFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

config::EngineConfig engine(const std::string& id, const std::string& provider,
                            const std::string& model, const std::string& baseUrl,
                            const std::string& keyEnv, const std::string& options = "{}") {
  config::EngineConfig e;
  e.id = id;
  e.provider = provider;
  e.model = model;
  e.baseUrl = baseUrl;
  e.keyEnv = keyEnv;
  e.optionsJson = options;
  return e;
}

}  // namespace

void AudioGatewayFixture::SetUp() {
  for (const char* tool : {"sox", "node"})
    if (!commandOnPath(tool)) GTEST_SKIP() << tool << " is not installed (install-deps.sh --test)";
  std::optional<std::string> wav = spokenWav("Hello from the speech test.");
  if (!wav) GTEST_SKIP() << "espeak-ng is not installed: no speech to test with";
  wav_ = *wav;
  std::string why;
  for (const auto& [ext, format] : std::vector<std::pair<std::string, media::AudioFormat>>{
           {"mp3", media::AudioFormat::Mp3}, {"opus", media::AudioFormat::Opus}}) {
    const std::optional<std::string> bytes =
        media::AudioConverter::convert(wav_, "audio/wav", format, why);
    ASSERT_TRUE(bytes) << why;
    writeFile(audioDir_ / ("speech." + ext), *bytes);
  }
  writeFile(audioDir_ / "speech.wav", wav_);
  const std::string wavPath = (audioDir_ / "speech.wav").string();
  const std::string pcmPath = (audioDir_ / "speech.pcm").string();
  ASSERT_EQ(std::system(
                ("sox '" + wavPath + "' -r 24000 -b 16 -e signed -c 1 -L -t raw '" + pcmPath + "'")
                    .c_str()),
            0);
  fake_ = std::make_unique<FakeToolServer>(
      "speech",
      std::vector<std::string>{"--audio-dir", audioDir_.str(), "--transcript", kTranscript});
  setenv("SPEECH_TEST_OPENAI", "sk-openai-test", 1);
  setenv("SPEECH_TEST_GROQ", "gsk-groq-test", 1);
  setenv("SPEECH_TEST_GEMINI", "gemini-test-key", 1);
  setenv("SPEECH_TEST_CLOUDFLARE", kCloudflareKey, 1);
}

void AudioGatewayFixture::startGateway(const std::vector<std::string>& speechChain,
                                       const std::vector<std::string>& transcriptionChain) {
  config::GatewayConfig c;
  c.server.host = "127.0.0.1";
  c.server.port = 0;
  c.egress.allow = {"127.0.0.1:" + std::to_string(fake_->port())};
  const std::string cloudflare = fake_->url("/client/v4");
  const std::string preset = R"({"preset":"cloudflare"})";
  c.engines = {
      engine("openai-tts", "openai-compatible", "tts-1", fake_->url("/v1"), "SPEECH_TEST_OPENAI"),
      engine("cf-melotts", "openai-compatible", "@cf/myshell-ai/melotts", cloudflare,
             "SPEECH_TEST_CLOUDFLARE", preset),
      engine("gemini-tts", "gemini", "gemini-2.5-flash-preview-tts", fake_->url(""),
             "SPEECH_TEST_GEMINI"),
      engine("groq-whisper", "openai-compatible", "whisper-large-v3", fake_->url("/openai/v1"),
             "SPEECH_TEST_GROQ", R"({"preset":"groq"})"),
      engine("cf-whisper", "openai-compatible", "@cf/openai/whisper", cloudflare,
             "SPEECH_TEST_CLOUDFLARE", preset),
      engine("openai-whisper", "openai-compatible", "whisper-1", fake_->url("/v1"),
             "SPEECH_TEST_OPENAI"),
  };
  c.modes = {config::ModeConfig{"smart", {"openai-tts"}}};
  c.media.speechChain = speechChain;
  c.media.transcriptionChain = transcriptionChain;
  gateway_ = std::make_unique<TestGateway>(
      c, std::vector<std::string>{pluginOutputDir() + "/openai-compatible.so",
                                  pluginOutputDir() + "/gemini.so"});
}

HttpResult AudioGatewayFixture::speech(const std::string& body) const {
  return gateway_->client().post("/v1/audio/speech", body, {{"Content-Type", "application/json"}});
}

HttpResult AudioGatewayFixture::transcribe(
    const std::string& file, const std::string& filename,
    const std::vector<std::pair<std::string, std::string>>& fields) const {
  return gateway_->client().post("/v1/audio/transcriptions", multipartBody(file, filename, fields),
                                 {{"Content-Type", kMultipartType}});
}

std::string multipartBody(const std::string& file, const std::string& filename,
                          const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [name, value] : fields)
    body += "--AudioTestBoundary\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
            value + "\r\n";
  body += "--AudioTestBoundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
          filename + "\"\r\nContent-Type: audio/wav\r\n\r\n" + file +
          "\r\n--AudioTestBoundary--\r\n";
  return body;
}

}  // namespace manifold::test
