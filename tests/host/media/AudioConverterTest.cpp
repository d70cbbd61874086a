// media::AudioConverter with Debian's libsndfile: real speech (espeak-ng)
// converted to each response format comes back as audio that sox (and
// opusinfo, for Ogg Opus) reads; bytes that are not audio are refused.
#include "media/AudioConverter.h"

#include <gtest/gtest.h>

#include "host/media/SpeechSamples.h"
#include "support/CommandOnPath.h"

namespace manifold::media {
namespace {

using test::soxInfo;

class AudioConverterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<std::string> wav = test::spokenWav("Hello from the converter test.");
    if (!wav) GTEST_SKIP() << "espeak-ng is not installed: no speech to convert";
    wav_ = *wav;
  }
  std::string wav_;
};

TEST_F(AudioConverterTest, ProbeReadsSpeech) {
  std::string why;
  const std::optional<AudioInfo> info = AudioConverter::probe(wav_, why);
  ASSERT_TRUE(info) << why;
  EXPECT_EQ(info->channels, 1);
  EXPECT_EQ(info->sampleRate, 22050);  // espeak-ng's rate
  EXPECT_GT(info->frames, 22050 / 2);
}

TEST_F(AudioConverterTest, ProbeRefusesText) {
  std::string why;
  EXPECT_FALSE(AudioConverter::probe("this is plain text, not a recording", why));
  EXPECT_NE(why.find("not audio"), std::string::npos) << why;
  EXPECT_FALSE(AudioConverter::probe("", why));
}

TEST_F(AudioConverterTest, WavToMp3IsAnMp3SoxReads) {
  std::string why;
  const std::optional<std::string> mp3 =
      AudioConverter::convert(wav_, "audio/wav", AudioFormat::Mp3, why);
  ASSERT_TRUE(mp3) << why;
  const std::string info = soxInfo(*mp3, "mp3");
  EXPECT_NE(info.find("Sample Rate    : 22050"), std::string::npos) << info;
  EXPECT_NE(info.find("MPEG audio"), std::string::npos) << info;
}

TEST_F(AudioConverterTest, Mp3ToWavKeepsTheSpeech) {
  std::string why;
  const std::optional<std::string> mp3 =
      AudioConverter::convert(wav_, "audio/wav", AudioFormat::Mp3, why);
  ASSERT_TRUE(mp3) << why;
  const std::optional<std::string> wav =
      AudioConverter::convert(*mp3, "audio/mpeg", AudioFormat::Wav, why);
  ASSERT_TRUE(wav) << why;
  const std::string info = soxInfo(*wav, "wav");
  EXPECT_NE(info.find("16-bit Signed Integer PCM"), std::string::npos) << info;
  const std::optional<AudioInfo> back = AudioConverter::probe(*wav, why);
  ASSERT_TRUE(back) << why;
  const std::optional<AudioInfo> original = AudioConverter::probe(wav_, why);
  // MP3 pads the start and end with up to a couple of frames
  EXPECT_NEAR(back->frames, original->frames, 22050 / 5);
}

TEST_F(AudioConverterTest, RawPcmBecomesAWavAtItsRate) {
  // 0.5 s of a 24 kHz 16-bit little-endian ramp, as Gemini TTS sends PCM
  std::string pcm;
  for (int i = 0; i < 12000; ++i) {
    const int16_t s = static_cast<int16_t>((i % 200) * 100 - 10000);
    pcm.push_back(static_cast<char>(s & 0xff));
    pcm.push_back(static_cast<char>((s >> 8) & 0xff));
  }
  std::string why;
  const std::optional<std::string> wav =
      AudioConverter::convert(pcm, "audio/L16;codec=pcm;rate=24000", AudioFormat::Wav, why);
  ASSERT_TRUE(wav) << why;
  const std::string info = soxInfo(*wav, "wav");
  EXPECT_NE(info.find("Sample Rate    : 24000"), std::string::npos) << info;
  EXPECT_NE(info.find("12000 samples"), std::string::npos) << info;
}

TEST_F(AudioConverterTest, WavToOpusIsOggOpusAt48k) {
  if (!test::commandOnPath("opusinfo"))
    GTEST_SKIP() << "opusinfo (Debian opus-tools) is not installed: cannot check Ogg Opus";
  std::string why;
  const std::optional<std::string> opus =
      AudioConverter::convert(wav_, "audio/wav", AudioFormat::Opus, why);
  ASSERT_TRUE(opus) << why;
  const std::string info = test::opusInfo(*opus);
  EXPECT_NE(info.find("Opus stream"), std::string::npos) << info;
  EXPECT_EQ(info.find("WARNING"), std::string::npos) << info;
}

}  // namespace
}  // namespace manifold::media
