#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "plugins/tools/FakeToolServer.h"
#include "support/TempDir.h"
#include "support/TestGateway.h"

namespace manifold::test {

/// A gateway whose speech engines are the real openai-compatible and gemini
/// plugins, pointed at the speech fake (tests/fakes/speech) on loopback:
///   openai-tts (tts-1), cf-melotts, gemini-tts       speech
///   groq-whisper, cf-whisper, openai-whisper          transcription
/// The fake speaks real speech made with espeak-ng at set-up; without
/// espeak-ng, sox or node the test is skipped, saying which.
class AudioGatewayFixture : public ::testing::Test {
 protected:
  static constexpr const char* kTranscript = "hello from the speech test";
  static constexpr const char* kCloudflareKey = "acct123:tok456";

  void SetUp() override;
  /// Starts the gateway with these chains (engine ids).
  void startGateway(const std::vector<std::string>& speechChain,
                    const std::vector<std::string>& transcriptionChain);

  HttpResult speech(const std::string& body) const;
  /// A multipart upload of `file` as "file" with the given fields.
  HttpResult transcribe(const std::string& file, const std::string& filename,
                        const std::vector<std::pair<std::string, std::string>>& fields) const;

  std::string wav_;  ///< the spoken input, as espeak-ng wrote it
  std::unique_ptr<FakeToolServer> fake_;
  std::unique_ptr<TestGateway> gateway_;

 private:
  TempDir audioDir_;
};

/// A multipart/form-data body with boundary "AudioTestBoundary".
std::string multipartBody(const std::string& file, const std::string& filename,
                          const std::vector<std::pair<std::string, std::string>>& fields);
inline const char* kMultipartType = "multipart/form-data; boundary=AudioTestBoundary";

}  // namespace manifold::test
