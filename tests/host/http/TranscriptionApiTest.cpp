// POST /v1/audio/transcriptions end to end, with real speech (espeak-ng): the
// cascade Groq Whisper, Cloudflare Whisper, OpenAI; each fake engine reports
// the SHA-256 of the audio it received, which must be the upload's. Bad
// uploads (not audio, too large, malformed) are refused before any engine is
// asked, and the gateway keeps serving.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <manifold/json.hpp>

#include "host/http/AudioGatewayFixture.h"
#include "host/media/SpeechSamples.h"
#include "support/OpenAiAssertions.h"

namespace manifold::test {
namespace {

const std::vector<std::string> kCascade = {"groq-whisper", "cf-whisper", "openai-whisper"};

class TranscriptionApiTest : public AudioGatewayFixture {
 protected:
  void expectServing() {
    const HttpResult r = transcribe(wav_, "hello.wav", {{"model", "whisper-1"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(parseObject(r.body)->getValue<std::string>("text"), kTranscript);
  }
};

TEST_F(TranscriptionApiTest, GroqWhisperGetsTheUploadByteForByte) {
  startGateway({}, kCascade);
  const HttpResult r = transcribe(wav_, "hello.wav", {{"model", "whisper-1"}, {"language", "en"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.body, std::string(R"({"text":")") + kTranscript + "\"}");
  EXPECT_EQ(r.header("x-manifold-engine"), "groq-whisper");
  const auto calls = fake_->requestsTo("/openai/v1/audio/transcriptions");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]["file_sha256"].asString(), sha256Hex(wav_));
  EXPECT_EQ(calls[0]["file_bytes"].asInt(), static_cast<int64_t>(wav_.size()));
  EXPECT_EQ(calls[0]["filename"].asString(), "hello.wav");
  EXPECT_EQ(calls[0]["file_type"].asString(), "audio/wav");
  EXPECT_EQ(calls[0]["fields"]["model"].asString(), "whisper-large-v3");  // the engine's model
  EXPECT_EQ(calls[0]["fields"]["language"].asString(), "en");
  EXPECT_EQ(calls[0]["fields"]["response_format"].asString(), "json");
  EXPECT_EQ(calls[0]["headers"]["authorization"].asString(), "Bearer gsk-groq-test");
}

TEST_F(TranscriptionApiTest, Groq503FailsOverToCloudflareWhisperWithTheRawAudio) {
  startGateway({}, kCascade);
  fake_->fault("503", "/openai/v1");
  const HttpResult r = transcribe(wav_, "hello.wav", {{"model", "whisper-1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "cf-whisper");
  EXPECT_EQ(r.header("x-manifold-attempts"), "2");
  const auto calls = fake_->requestsTo("/client/v4/accounts/acct123/ai/run/@cf/openai/whisper");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]["file_sha256"].asString(), sha256Hex(wav_));
  EXPECT_EQ(calls[0]["headers"]["authorization"].asString(), "Bearer tok456");
  EXPECT_TRUE(fake_->requestsTo("/v1/audio/transcriptions").empty());
}

TEST_F(TranscriptionApiTest, TwoEnginesDownLeavesOpenAi) {
  startGateway({}, kCascade);
  fake_->fault("503", "/openai/v1");
  fake_->fault("503", "/client/v4");
  const HttpResult r = transcribe(wav_, "hello.wav", {{"model", "whisper-1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "openai-whisper");
  const auto calls = fake_->requestsTo("/v1/audio/transcriptions");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]["file_sha256"].asString(), sha256Hex(wav_));
  EXPECT_EQ(calls[0]["fields"]["model"].asString(), "whisper-1");
}

TEST_F(TranscriptionApiTest, TextAndVerboseJson) {
  startGateway({}, {"openai-whisper"});
  const HttpResult text = transcribe(wav_, "a.wav", {{"response_format", "text"}});
  ASSERT_EQ(text.status, 200) << text.body;
  EXPECT_EQ(text.body, kTranscript);
  EXPECT_EQ(text.header("content-type").rfind("text/plain", 0), 0u);

  const HttpResult verbose = transcribe(wav_, "a.wav", {{"response_format", "verbose_json"}});
  ASSERT_EQ(verbose.status, 200) << verbose.body;
  const auto body = parseObject(verbose.body);
  EXPECT_EQ(body->getValue<std::string>("task"), "transcribe");
  EXPECT_EQ(body->getValue<std::string>("text"), kTranscript);
  EXPECT_EQ(body->getArray("segments")->size(), 1u);
  EXPECT_EQ(body->getArray("words")->size(), 5u);
  EXPECT_EQ(
      fake_->requestsTo("/v1/audio/transcriptions")[1]["fields"]["response_format"].asString(),
      "verbose_json");
}

TEST_F(TranscriptionApiTest, CloudflareWordsMakeVerboseJsonWithTheUploadsDuration) {
  startGateway({}, {"cf-whisper"});
  const HttpResult r = transcribe(wav_, "a.wav", {{"response_format", "verbose_json"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = parseObject(r.body);
  EXPECT_EQ(body->getValue<std::string>("text"), kTranscript);
  EXPECT_EQ(body->getArray("words")->size(), 5u);
  // Workers AI gives no duration: the gateway's, from libsndfile's frame count
  const double expected = static_cast<double>(wav_.size() - 44) / 2 / 22050;
  EXPECT_NEAR(body->getValue<double>("duration"), expected, 0.05);
}

TEST_F(TranscriptionApiTest, NotAudioIs400BeforeAnyEngine) {
  startGateway({}, kCascade);
  const HttpResult r = transcribe("%PDF-1.4 this is a document, not a recording", "talk.wav",
                                  {{"model", "whisper-1"}});
  expectOpenAiError(r, 400, "not audio", "file");
  EXPECT_TRUE(fake_->ledger().empty());
  expectServing();
}

TEST_F(TranscriptionApiTest, MalformedMultipartIs400) {
  startGateway({}, kCascade);
  std::string cut = multipartBody(wav_, "a.wav", {});
  cut.resize(cut.size() / 2);  // no closing boundary
  expectOpenAiError(
      gateway_->client().post("/v1/audio/transcriptions", cut, {{"Content-Type", kMultipartType}}),
      400, "closing boundary");
  expectOpenAiError(gateway_->client().post("/v1/audio/transcriptions", "{\"file\":1}",
                                            {{"Content-Type", "application/json"}}),
                    400, "multipart/form-data");
  expectOpenAiError(transcribe(wav_, "a.wav", {{"response_format", "srt"}}), 400, "srt",
                    "response_format");
  EXPECT_TRUE(fake_->ledger().empty());
  expectServing();
}

// The closing boundary's CRLF (and any epilogue) is read, so a keep-alive
// client's next request is parsed from its first byte.
TEST_F(TranscriptionApiTest, TwoUploadsOnOneKeepAliveConnection) {
  startGateway({}, {"openai-whisper"});
  Poco::Net::HTTPClientSession session("127.0.0.1", gateway_->server().port());
  session.setKeepAlive(true);
  const std::string body = multipartBody(wav_, "a.wav", {{"model", "whisper-1"}}) + "epilogue\r\n";
  for (int i = 0; i < 2; ++i) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/v1/audio/transcriptions",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    request.setContentType(kMultipartType);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    const std::string answer(std::istreambuf_iterator<char>(in), {});
    EXPECT_EQ(response.getStatus(), 200) << "request " << i << ": " << answer;
    EXPECT_TRUE(response.getKeepAlive());
  }
  EXPECT_EQ(fake_->requestsTo("/v1/audio/transcriptions").size(), 2u);
}

TEST_F(TranscriptionApiTest, HundredMegabyteUploadIs413) {
  startGateway({}, kCascade);
  Poco::Net::HTTPClientSession session("127.0.0.1", gateway_->server().port());
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/v1/audio/transcriptions",
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType(kMultipartType);
  request.setContentLength64(100LL * 1024 * 1024);
  std::ostream& body = session.sendRequest(request);
  body << "--AudioTestBoundary\r\nContent-Disposition: form-data; name=\"file\"; "
          "filename=\"big.wav\"\r\n\r\n"
       // A little, as a client does before its first write blocks: the gateway
       // answers by the declared length, and a whole file written after that
       // answer meets a closed socket.
       << wav_.substr(0, 1024);
  body.flush();
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  const std::string answer(std::istreambuf_iterator<char>(in), {});
  EXPECT_EQ(response.getStatus(), 413) << answer;
  EXPECT_NE(answer.find("body_too_large"), std::string::npos) << answer;
  EXPECT_TRUE(fake_->ledger().empty());
  expectServing();
}

}  // namespace
}  // namespace manifold::test
