// POST /v1/images/generations and /v1/images/edits, and the pictures served
// for URLs, on a real gateway whose image engines (openai-compatible for
// OpenAI and Workers AI FLUX, gemini) call the fake images upstream.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <Poco/Base64Decoder.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <sstream>

#include "FakeImages.h"
#include "support/AttemptRows.h"
#include "support/MasterKeyEnv.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

std::string decodeBase64(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in);
  return std::string(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
}

std::string sha256(const std::string& bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes);
  return Poco::DigestEngine::digestToHex(engine.digest());
}

json::Value parse(const std::string& text) {
  std::optional<json::Value> value = json::parse(text);
  EXPECT_TRUE(value) << text;
  return value ? std::move(*value) : json::Value();
}

class ImagesApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string missing = FakeImages::missingTool(); !missing.empty())
      GTEST_SKIP() << missing;
    fake_ = std::make_unique<FakeImages>(std::vector<std::string>{"acct-two:token-two"});
    ::setenv("MANIFOLD_TEST_CLOUDFLARE_AI", "acct-one:revoked-token", 1);
    ::setenv("MANIFOLD_TEST_CLOUDFLARE_AI_2", "acct-two:token-two", 1);
  }
  void TearDown() override {
    ::unsetenv("MANIFOLD_TEST_CLOUDFLARE_AI");
    ::unsetenv("MANIFOLD_TEST_CLOUDFLARE_AI_2");
  }

  config::EngineConfig engine(const std::string& id, const std::string& provider,
                              const std::string& model, const std::string& baseUrl) {
    config::EngineConfig e;
    e.id = id;
    e.provider = provider;
    e.model = model;
    e.baseUrl = baseUrl;
    return e;
  }

  void start(std::vector<std::string> imageChain, int64_t maxUploadBytes = 1024 * 1024) {
    config::GatewayConfig c;
    c.server.host = "127.0.0.1";
    c.server.port = 0;
    c.server.maxThreads = 32;
    c.egress.allow = {"127.0.0.1:" + std::to_string(fake_->port())};
    c.engines.push_back(
        engine("openai-images", "openai-compatible", "gpt-image-1", fake_->baseUrl("openai")));
    c.engines.push_back(
        engine("dall-e", "openai-compatible", "dall-e-3", fake_->baseUrl("openai")));
    config::EngineConfig flux =
        engine("flux", "openai-compatible", "@cf/black-forest-labs/flux-1-schnell",
               fake_->baseUrl("cloudflare"));
    flux.optionsJson = R"({"preset":"cloudflare"})";
    flux.keyEnv = "MANIFOLD_TEST_CLOUDFLARE_AI";
    c.engines.push_back(flux);
    c.engines.push_back(
        engine("gemini-images", "gemini", "gemini-2.5-flash-image", fake_->baseUrl("gemini")));
    config::ModeConfig smart;
    smart.name = "smart";
    smart.chain = {"openai-images"};
    c.modes.push_back(smart);
    config::ModeConfig image;  // its chain is unused while media.image_chain is set
    image.name = "image";
    image.chain = {"dall-e"};
    c.modes.push_back(image);
    c.media.imageChain = std::move(imageChain);
    c.media.maxUploadBytes = maxUploadBytes;
    gateway_ = std::make_unique<TestGateway>(
        c, std::vector<std::string>{pluginOutputDir() + "/openai-compatible.so",
                                    pluginOutputDir() + "/gemini.so"});
  }

  HttpResult generate(const std::string& body) const {
    return gateway_->client().post("/v1/images/generations", body);
  }

  static std::string multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                               const std::string& fileField, const std::string& fileBytes) {
    std::string body;
    for (const auto& [name, value] : fields)
      body += "--XBOUNDARYX\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
              value + "\r\n";
    if (!fileField.empty())
      body += "--XBOUNDARYX\r\nContent-Disposition: form-data; name=\"" + fileField +
              "\"; filename=\"fox.png\"\r\nContent-Type: image/png\r\n\r\n" + fileBytes + "\r\n";
    return body + "--XBOUNDARYX--\r\n";
  }

  HttpResult edit(const std::string& body) const {
    return gateway_->client().post("/v1/images/edits", body,
                                   {{"Content-Type", "multipart/form-data; boundary=XBOUNDARYX"}});
  }

  std::unique_ptr<FakeImages> fake_;
  std::unique_ptr<TestGateway> gateway_;
};

TEST_F(ImagesApiTest, OpenAiPicturesComeBackAsB64JsonWithTheRevisedPrompt) {
  start({"openai-images"});
  const HttpResult r = generate(
      R"({"model":"dall-e-3","prompt":"a red fox","n":2,"size":"1024x1024","response_format":"b64_json"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::Value answer = parse(r.body);
  ASSERT_EQ(answer["data"].size(), 2u);
  const std::vector<json::Value> sent = fake_->requestsTo("openai");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(answer["data"][0]["b64_json"].asString(), sent[0]["answered"].asString());
  EXPECT_EQ(answer["data"][1]["revised_prompt"].asString(), "revised: a red fox");
  EXPECT_TRUE(answer["created"].isNumber());
  // The engine's model, not the client's; gpt-image models get no response_format.
  const json::Value& upstream = sent[0]["json"];
  EXPECT_EQ(upstream["model"].asString(), "gpt-image-1");
  EXPECT_EQ(upstream["prompt"].asString(), "a red fox");
  EXPECT_EQ(upstream["n"].asInt(), 2);
  EXPECT_EQ(upstream["size"].asString(), "1024x1024");
  EXPECT_FALSE(upstream.contains("response_format"));
  EXPECT_EQ(sent[0]["path"].asString(), "/openai/v1/images/generations");
  EXPECT_EQ(r.header("x-manifold-engine"), "openai-images");
}

TEST_F(ImagesApiTest, AUrlPictureIsServedByTheGatewayAndUnknownIdsAre404) {
  start({"dall-e"});
  const HttpResult r = generate(R"({"prompt":"a red fox"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string url = parse(r.body)["data"][0]["url"].asString();
  const std::string origin = "http://127.0.0.1:" + std::to_string(gateway_->server().port());
  ASSERT_EQ(url.rfind(origin + "/v1/images/files/img_", 0), 0u) << url;
  // DALL-E is asked for b64_json, so the gateway has the bytes to serve.
  const std::vector<json::Value> sent = fake_->requestsTo("openai");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["json"]["response_format"].asString(), "b64_json");

  const HttpResult file = gateway_->client().get(url.substr(origin.size()));
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.header("content-type"), "image/png");
  EXPECT_EQ(file.body, decodeBase64(sent[0]["answered"].asString()));
  EXPECT_EQ(file.body.substr(1, 3), "PNG");

  const HttpResult unknown =
      gateway_->client().get("/v1/images/files/img_00000000000000000000000000000000");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(parse(unknown.body)["error"]["code"].asString(), "image_not_found");
}

TEST_F(ImagesApiTest, AFailingEngineFailsOverToTheNext) {
  start({"openai-images", "gemini-images"});
  fake_->fault("openai", 503);
  const HttpResult r = generate(R"({"prompt":"a red fox","response_format":"b64_json"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "gemini-images");
  EXPECT_EQ(r.header("x-manifold-attempts"), "2");
  const std::vector<json::Value> gemini = fake_->requestsTo("gemini");
  ASSERT_EQ(gemini.size(), 1u);
  EXPECT_EQ(parse(r.body)["data"][0]["b64_json"].asString(), gemini[0]["answered"].asString());
  EXPECT_EQ(gemini[0]["path"].asString(),
            "/gemini/v1beta/models/gemini-2.5-flash-image:generateContent");
  const json::Value& modalities = gemini[0]["json"]["generationConfig"]["responseModalities"];
  EXPECT_EQ(json::stringify(modalities), R"(["TEXT","IMAGE"])");
}

TEST_F(ImagesApiTest, EveryAttemptIsRecordedAndTheAnswerBilledWithItsUsage) {
  start({"openai-images", "gemini-images"});
  fake_->fault("openai", 503);
  ASSERT_EQ(generate(R"({"prompt":"a red fox"})").status, 200);
  gateway_->server().flushAttempts();
  const std::vector<std::string> out = attemptRows(
      gateway_->storePath(), "engine_id, mode, outcome, billed, prompt_tokens, completion_tokens");
  EXPECT_EQ(out, (std::vector<std::string>{"openai-images:image:failed:0:0:0",
                                           "gemini-images:image:answered:1:9:1290"}));
}

TEST_F(ImagesApiTest, AKeysLimitsHoldForPicturesAsForChat) {
  const std::string master = "mk-images-test-master";
  MasterKeyEnv env(master);
  start({"openai-images", "gemini-images"});
  const auto createKey = [&](const std::string& body) {
    const HttpResult r =
        gateway_->client().post("/admin/keys", body, {{"Authorization", "Bearer " + master}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? parse(r.body)["secret"].asString() : std::string();
  };
  const std::string geminiOnly =
      createKey(R"({"name":"gemini-only","rpm":1,"allowed_engines":["gemini-images"]})");
  const std::string chatOnly = createKey(R"({"name":"chat-only","allowed_modes":["smart"]})");
  const auto generateAs = [&](const std::string& secret) {
    return gateway_->client().post("/v1/images/generations",
                                   R"({"prompt":"a red fox","response_format":"b64_json"})",
                                   {{"Authorization", "Bearer " + secret}});
  };

  const HttpResult first = generateAs(geminiOnly);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("x-manifold-engine"), "gemini-images")
      << "the chain is narrowed to the engines the key may use";
  EXPECT_TRUE(fake_->requestsTo("openai").empty());
  EXPECT_FALSE(first.header("x-ratelimit-limit-requests").empty());

  const HttpResult second = generateAs(geminiOnly);
  EXPECT_EQ(second.status, 429) << second.body;
  EXPECT_EQ(parse(second.body)["error"]["code"].asString(), "rate_limit_exceeded");

  const HttpResult notAllowed = generateAs(chatOnly);
  EXPECT_EQ(notAllowed.status, 403) << notAllowed.body;
  EXPECT_EQ(parse(notAllowed.body)["error"]["code"].asString(), "mode_not_allowed");
  EXPECT_EQ(generateAs("mfk-not-a-key").status, 401);
  EXPECT_EQ(fake_->requestsTo("gemini").size(), 1u) << "refused requests reach no engine";
}

TEST_F(ImagesApiTest, ARefusedPromptIs400WithTheProvidersReasonAndNoFailover) {
  start({"openai-images", "gemini-images"});
  const HttpResult r = generate(R"({"prompt":"a forbidden fox"})");
  ASSERT_EQ(r.status, 400) << r.body;
  const json::Value error = parse(r.body)["error"];
  EXPECT_EQ(error["code"].asString(), "content_policy_violation");
  EXPECT_NE(error["message"].asString().find("safety system"), std::string::npos)
      << error["message"].asString();
  EXPECT_TRUE(fake_->requestsTo("gemini").empty());
  // The gateway keeps serving.
  EXPECT_EQ(generate(R"({"prompt":"a red fox"})").status, 200);
}

TEST_F(ImagesApiTest, GeminiBlockedPromptsAndUnsafePicturesAreRefusals) {
  start({"gemini-images", "openai-images"});
  for (const char* prompt : {"a forbidden fox", "a forbidden picture"}) {
    const HttpResult r = generate(std::string(R"({"prompt":")") + prompt + "\"}");
    ASSERT_EQ(r.status, 400) << r.body;
    const json::Value error = parse(r.body)["error"];
    EXPECT_EQ(error["code"].asString(), "content_policy_violation");
    const std::string message = error["message"].asString();
    EXPECT_TRUE(message.find("SAFETY") != std::string::npos) << message;
  }
  EXPECT_TRUE(fake_->requestsTo("openai").empty());
}

TEST_F(ImagesApiTest, WorkersAiFluxRotatesOverAccountTokenPairs) {
  start({"flux"});
  const HttpResult r = generate(R"({"prompt":"a red fox","response_format":"b64_json"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<json::Value> sent = fake_->requestsTo("cloudflare");
  ASSERT_EQ(sent.size(), 2u);
  // The first pair is refused; its key rests and the second pair answers.
  EXPECT_EQ(sent[0]["path"].asString(),
            "/cloudflare/client/v4/accounts/acct-one/ai/run/@cf/black-forest-labs/flux-1-schnell");
  EXPECT_EQ(sent[0]["authorization"].asString(), "Bearer revoked-token");
  EXPECT_EQ(sent[1]["path"].asString(),
            "/cloudflare/client/v4/accounts/acct-two/ai/run/@cf/black-forest-labs/flux-1-schnell");
  EXPECT_EQ(sent[1]["authorization"].asString(), "Bearer token-two");
  EXPECT_EQ(sent[1]["json"]["prompt"].asString(), "a red fox");
  EXPECT_EQ(parse(r.body)["data"][0]["b64_json"].asString(), sent[1]["answered"].asString());
  // The refused pair is cooling: the next picture goes to the second at once.
  ASSERT_EQ(generate(R"({"prompt":"another fox"})").status, 200);
  EXPECT_EQ(fake_->requestsTo("cloudflare").size(), 3u);
}

TEST_F(ImagesApiTest, AnEditUploadsThePictureByteForByte) {
  start({"openai-images"});
  std::string picture = decodeBase64(
      "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5E"
      "rkJggg==");
  picture += std::string("\r\n--XBOUNDARY\0\xff tail", 19);  // bytes a naive parser would trip on
  const HttpResult r = edit(multipart(
      {{"prompt", "add a hat"}, {"n", "1"}, {"response_format", "b64_json"}}, "image", picture));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<json::Value> sent = fake_->requestsTo("openai");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["path"].asString(), "/openai/v1/images/edits");
  const json::Value& form = sent[0]["form"];
  EXPECT_EQ(form["fields"]["prompt"].asString(), "add a hat");
  EXPECT_EQ(form["fields"]["model"].asString(), "gpt-image-1");
  ASSERT_EQ(form["files"].size(), 1u);
  EXPECT_EQ(form["files"][0]["name"].asString(), "image");
  EXPECT_EQ(form["files"][0]["filename"].asString(), "fox.png");
  EXPECT_EQ(form["files"][0]["sha256"].asString(), sha256(picture));
  EXPECT_EQ(form["files"][0]["size"].asInt(), static_cast<int64_t>(picture.size()));
}

TEST_F(ImagesApiTest, BadInputIsAClearErrorAndTheGatewayKeepsServing) {
  start({"openai-images"}, 64 * 1024);
  struct Case {
    HttpResult result;
    int status;
    std::string param;
  };
  const std::vector<Case> cases = {
      {generate("{not json"), 400, ""},
      {generate(R"({"n":1})"), 400, "prompt"},
      {generate(R"({"prompt":"fox","n":11})"), 400, "n"},
      {generate(R"({"prompt":"fox","response_format":"gif"})"), 400, "response_format"},
      {edit(multipart({{"prompt", "add a hat"}}, "", "")), 400, "image"},
      {edit("--XBOUNDARYX\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nno end"), 400,
       ""},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("case " + std::to_string(i));
    EXPECT_EQ(cases[i].result.status, cases[i].status) << cases[i].result.body;
    const json::Value error = parse(cases[i].result.body)["error"];
    EXPECT_FALSE(error["message"].asString().empty());
    if (!cases[i].param.empty()) EXPECT_EQ(error["param"].asString(), cases[i].param);
  }
  EXPECT_TRUE(fake_->requestsTo("openai").empty());
  EXPECT_EQ(generate(R"({"prompt":"a red fox"})").status, 200);
}

TEST_F(ImagesApiTest, AnUploadOverTheCapIs413BeforeItIsRead) {
  start({"openai-images"}, 64 * 1024);
  Poco::Net::HTTPClientSession session("127.0.0.1", gateway_->server().port());
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/v1/images/edits",
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("multipart/form-data; boundary=XBOUNDARYX");
  request.setContentLength64(100LL * 1024 * 1024);
  std::ostream& body = session.sendRequest(request);
  body << "--XBOUNDARYX\r\nContent-Disposition: form-data; name=\"image\"; "
          "filename=\"big.png\"\r\n\r\n"
       << std::string(1024, 'x');  // the rest never needs to be sent: the gateway answers first
  body.flush();
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  const std::string answer(std::istreambuf_iterator<char>(in), {});
  EXPECT_EQ(response.getStatus(), 413) << answer;
  EXPECT_FALSE(parse(answer)["error"]["message"].asString().empty());
  EXPECT_TRUE(fake_->requestsTo("openai").empty());
  EXPECT_EQ(generate(R"({"prompt":"a red fox"})").status, 200);
}

TEST_F(ImagesApiTest, NoImageEngineConfiguredIs503) {
  start({});
  const HttpResult r = generate(R"({"prompt":"a red fox"})");
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(parse(r.body)["error"]["code"].asString(), "no_engine_available");
}

std::vector<json::Value> ssePayloads(const std::string& body) {
  std::vector<json::Value> events;
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("data: ", 0) == 0) events.push_back(parse(line.substr(6)));
  return events;
}

TEST_F(ImagesApiTest, TheImageModeAnswersTheNativeStreamWithAnImageEvent) {
  start({"openai-images"});
  const HttpResult r = gateway_->client().post(
      "/api/chat", R"({"mode":"image","messages":[{"role":"user","content":"draw a red fox"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<std::string> types;
  json::Value image;
  for (const json::Value& event : ssePayloads(r.body)) {
    types.push_back(event["type"].asString());
    if (types.back() == "image") image = event;
  }
  EXPECT_EQ(std::count(types.begin(), types.end(), "image"), 1) << r.body;
  EXPECT_EQ(std::count(types.begin(), types.end(), "token"), 0) << r.body;
  ASSERT_FALSE(types.empty());
  EXPECT_EQ(types.back(), "done");
  EXPECT_EQ(image["mime"].asString(), "image/png");
  EXPECT_EQ(image["revised_prompt"].asString(), "revised: draw a red fox");
  const std::string url = image["url"].asString();
  ASSERT_EQ(url.rfind("/v1/images/files/img_", 0), 0u) << url;
  const std::vector<json::Value> sent = fake_->requestsTo("openai");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["json"]["prompt"].asString(), "draw a red fox");
  const HttpResult file = gateway_->client().get(url);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, decodeBase64(sent[0]["answered"].asString()));
}

TEST_F(ImagesApiTest, TheImageModeAnswersOpenAiChatWithAMarkdownImage) {
  start({"openai-images"});
  const HttpResult r = gateway_->client().post(
      "/v1/chat/completions",
      R"({"model":"mode/image","messages":[{"role":"user","content":"draw a red fox"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string content = parse(r.body)["choices"][0]["message"]["content"].asString();
  ASSERT_EQ(content.rfind("![image](/v1/images/files/img_", 0), 0u) << content;
  EXPECT_EQ(content.back(), ')');
  EXPECT_EQ(gateway_->client().get(content.substr(9, content.size() - 10)).status, 200);

  const HttpResult refused = gateway_->client().post(
      "/v1/chat/completions",
      R"({"model":"mode/image","messages":[{"role":"user","content":"a forbidden fox"}]})");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(parse(refused.body)["error"]["code"].asString(), "content_policy_violation");
}

}  // namespace
}  // namespace manifold::test
