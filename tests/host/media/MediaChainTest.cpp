// The media chain against real plugins (translator_probe, and a plain-C
// provider built with a 1.2 or a 1.3 table) and a fault-injecting upstream on
// loopback: failover, refusals that stop the walk, skips and key pools.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <mutex>

#include "FakeProvider.h"
#include "engines/EngineCatalog.h"
#include "media/MediaChain.h"
#include "plugins/AbiStrings.h"
#include "support/TempDir.h"
#include "support/TestPaths.h"
#include "upstream/PooledHttpExchange.h"

namespace manifold::media {
namespace {

using failover::ChainOutcome;
using test::FakeBehaviour;

const std::string kImages =
    R"({"images":[{"b64":"aGVsbG8=","mime":"image/png"}],"usage":{"input_tokens":9,"output_tokens":4160}})";

class RecordingObserver : public turn::TurnObserver {
 public:
  void attempt(const turn::AttemptReport& r) override {
    std::lock_guard<std::mutex> lock(mutex_);
    reports_.push_back(r);
  }
  std::vector<std::string> rows() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> out;
    for (const auto& r : reports_)
      out.push_back(r.engineId + ":" + std::to_string(r.keyIndex) + ":" + r.outcome +
                    (r.billed ? ":billed" : ""));
    return out;
  }
  std::vector<turn::AttemptReport> reports() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return reports_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<turn::AttemptReport> reports_;
};

FakeBehaviour images() {
  FakeBehaviour b;
  b.rawBody = kImages;
  b.rawContentType = "application/json";
  return b;
}

FakeBehaviour status(int code, std::string body = "",
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
  FakeBehaviour b;
  b.status = code;
  b.body = std::move(body);
  b.headers = std::move(headers);
  return b;
}

class MediaChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* plugin : {"translator_probe", "provider_abi_1_2", "provider_abi_1_3"})
      test::installFile(test::testPlugin(plugin), folder_ / (std::string(plugin) + ".so"));
    plugins_ = std::make_unique<plugins::PluginManager>(
        std::make_unique<plugins::PluginLoader>(folder_.str(), std::map<std::string, std::string>{},
                                                plugins::HostServiceDeps{}),
        50);
    plugins_->scan(false);
    config_.breaker.failureThreshold = 3;
    config_.breaker.cooldownMs = 60000;
    config_.breaker.authCooldownMs = 60000;
    config::EgressConfig egress;
    egress.allow = {"127.0.0.1:" + std::to_string(fake_.port())};
    http_ =
        std::make_unique<upstream::PooledHttpExchange>(egress, upstream::ProxySettings("", "", ""));
    breakers_ = std::make_unique<failover::CircuitBreakers>(config_.breaker);
  }

  void engine(const std::string& id, const std::string& provider = "test.translator-probe",
              const std::string& keyEnv = "") {
    config::EngineConfig e;
    e.id = id;
    e.provider = provider;
    e.model = "image-model";
    e.baseUrl = fake_.baseUrl(id) + "/chat/completions";  // the fake scripts this path
    e.keyEnv = keyEnv;
    config_.engines.push_back(e);
  }

  MediaAnswer run(std::vector<std::string> chain,
                  const std::string& operation = MF_MEDIA_IMAGE_GENERATE) {
    catalog_ = std::make_unique<engines::EngineCatalog>(config_, *plugins_);
    MediaRequest request;
    request.requestId = "req-1";
    request.keyId = "key-a";
    request.mode = "image";
    request.operation = operation;
    request.requestJson = R"({"prompt":"a red fox in snow","n":1})";
    request.chain = std::move(chain);
    request.catalog = catalog_.get();
    request.observer = &observer_;
    request.attemptTimeoutMs = 5000;
    request.deadlineMs = 10000;
    return MediaChain(*http_, *breakers_).run(request);
  }

  test::FakeProvider fake_;
  test::TempDir folder_;
  std::unique_ptr<plugins::PluginManager> plugins_;
  config::GatewayConfig config_;
  std::unique_ptr<upstream::PooledHttpExchange> http_;
  std::unique_ptr<failover::CircuitBreakers> breakers_;
  std::unique_ptr<engines::EngineCatalog> catalog_;
  RecordingObserver observer_;
};

TEST_F(MediaChainTest, AFailingEngineFailsOverAndTheAnswerIsBilledWithItsUsage) {
  engine("first");
  engine("second");
  fake_.script("first", {status(503)});
  fake_.script("second", {images()});
  const MediaAnswer answer = run({"first", "second"});
  ASSERT_EQ(answer.outcome.kind, ChainOutcome::Kind::Answered) << answer.outcome.summary;
  EXPECT_EQ(answer.resultJson, kImages);
  EXPECT_EQ(answer.outcome.attempts, 2);
  EXPECT_EQ(answer.outcome.lastEngine, "second");
  EXPECT_EQ(observer_.rows(),
            (std::vector<std::string>{"first:0:failed", "second:0:answered:billed"}));
  const turn::AttemptReport billed = observer_.reports().back();
  EXPECT_EQ(billed.keyId, "key-a");
  EXPECT_EQ(billed.mode, "image");
  EXPECT_TRUE(billed.usageKnown);
  EXPECT_EQ(billed.promptTokens, 9);
  EXPECT_EQ(billed.completionTokens, 4160);
  ASSERT_EQ(fake_.bodies("second").size(), 1u);
  EXPECT_EQ(fake_.bodies("second")[0], R"({"prompt":"a red fox in snow","n":1})");
}

TEST_F(MediaChainTest, AContentFilterStopsTheWalkWithTheProvidersReason) {
  engine("strict");
  engine("lenient");
  fake_.script(
      "strict",
      {status(400, R"({"error":{"code":"content_policy_violation","message":"no foxes"}})")});
  fake_.script("lenient", {images()});
  const MediaAnswer answer = run({"strict", "lenient"});
  EXPECT_EQ(answer.outcome.kind, ChainOutcome::Kind::Rejected);
  EXPECT_EQ(answer.outcome.error.code, MF_ERR_CONTENT_FILTER);
  EXPECT_NE(plugins::errorMessage(answer.outcome.error).find("no foxes"), std::string::npos);
  EXPECT_EQ(fake_.requests("lenient"), 0);
  EXPECT_EQ(observer_.rows(), (std::vector<std::string>{"strict:0:rejected"}));
}

TEST_F(MediaChainTest, AnInvalidRequestIsNotTriedElsewhere) {
  engine("first");
  engine("second");
  fake_.script("first", {status(400, R"({"error":{"message":"size must be 1024x1024"}})")});
  fake_.script("second", {images()});
  const MediaAnswer answer = run({"first", "second"});
  EXPECT_EQ(answer.outcome.kind, ChainOutcome::Kind::Rejected);
  EXPECT_EQ(answer.outcome.error.code, MF_ERR_INVALID);
  EXPECT_EQ(fake_.requests("second"), 0);
}

TEST_F(MediaChainTest, AnEngineThatDoesNotDoTheOperationIsSkippedUnasked) {
  engine("images-only");
  const MediaAnswer answer = run({"images-only"}, MF_MEDIA_SPEECH);
  EXPECT_EQ(answer.outcome.kind, ChainOutcome::Kind::Exhausted);
  EXPECT_EQ(answer.outcome.attempts, 0);
  EXPECT_EQ(fake_.requests("images-only"), 0);
  EXPECT_EQ(observer_.rows(), (std::vector<std::string>{"images-only:0:skipped"}));
  EXPECT_NE(answer.outcome.summary.find("does not do audio.speech"), std::string::npos)
      << answer.outcome.summary;
}

TEST_F(MediaChainTest, AProviderTableOfAbi12LoadsAndItsMediaPastStructSizeIsNeverRead) {
  engine("old", "test.provider12");
  engine("new", "test.provider13");
  engine("probe");
  fake_.script("old", {images()});
  fake_.script("new", {images()});
  fake_.script("probe", {images()});
  catalog_ = std::make_unique<engines::EngineCatalog>(config_, *plugins_);
  engines::EngineUnavailable why;
  const auto old = catalog_->resolve("old", why);
  ASSERT_TRUE(old) << why.reason;  // the loader took the 1.2-sized table
  EXPECT_FALSE(old->provider->makesMedia());
  const auto current = catalog_->resolve("new", why);
  ASSERT_TRUE(current) << why.reason;
  EXPECT_TRUE(current->provider->makesMedia());  // the same code with a 1.3 size

  const MediaAnswer answer = run({"old", "probe"});
  ASSERT_EQ(answer.outcome.kind, ChainOutcome::Kind::Answered) << answer.outcome.summary;
  EXPECT_EQ(fake_.requests("old"), 0);
  EXPECT_EQ(observer_.rows(),
            (std::vector<std::string>{"old:0:skipped", "probe:0:answered:billed"}));
  EXPECT_EQ(run({"new"}).outcome.kind, ChainOutcome::Kind::Answered);
  EXPECT_EQ(fake_.requests("new"), 1);
}

TEST_F(MediaChainTest, ARefusedKeyRestsAndTheNextKeyOfThePoolAnswers) {
  ::setenv("MANIFOLD_MEDIA_POOL", "key-one", 1);
  ::setenv("MANIFOLD_MEDIA_POOL_2", "key-two", 1);
  engine("pooled", "test.translator-probe", "MANIFOLD_MEDIA_POOL");
  fake_.script("pooled", {status(401), images()});
  ASSERT_EQ(run({"pooled"}).outcome.kind, ChainOutcome::Kind::Answered);
  // The refused key cools down: the next request goes straight to key two.
  fake_.script("pooled", {images()});
  ASSERT_EQ(run({"pooled"}).outcome.kind, ChainOutcome::Kind::Answered);
  std::vector<std::string> keys;
  for (const auto& headers : fake_.requestHeaders("pooled"))
    for (const auto& [name, value] : headers)
      if (name == "Authorization") keys.push_back(value);
  EXPECT_EQ(keys, (std::vector<std::string>{"Bearer key-one", "Bearer key-two", "Bearer key-two"}));
  EXPECT_EQ(observer_.rows(),
            (std::vector<std::string>{"pooled:0:failed", "pooled:1:answered:billed",
                                      "pooled:0:skipped", "pooled:1:answered:billed"}));
  ::unsetenv("MANIFOLD_MEDIA_POOL");
  ::unsetenv("MANIFOLD_MEDIA_POOL_2");
}

TEST_F(MediaChainTest, AnAnswerOfTheWrongShapeFailsOverLikeA5xx) {
  engine("broken");
  engine("good");
  FakeBehaviour wrong;
  wrong.rawBody = R"({"data":[]})";
  wrong.rawContentType = "application/json";
  fake_.script("broken", {wrong});
  fake_.script("good", {images()});
  const MediaAnswer answer = run({"broken", "good"});
  ASSERT_EQ(answer.outcome.kind, ChainOutcome::Kind::Answered) << answer.outcome.summary;
  EXPECT_NE(answer.outcome.summary.find("no image in the answer"), std::string::npos);
}

TEST_F(MediaChainTest, EveryEngineFailingExhaustsTheChainWithEachReason) {
  engine("a");
  engine("b");
  fake_.script("a", {status(503)});
  fake_.script("b", {status(502)});
  const MediaAnswer answer = run({"a", "b"});
  EXPECT_EQ(answer.outcome.kind, ChainOutcome::Kind::Exhausted);
  EXPECT_EQ(answer.outcome.attempts, 2);
  EXPECT_NE(answer.outcome.summary.find("a: "), std::string::npos);
  EXPECT_NE(answer.outcome.summary.find("b: "), std::string::npos);
}

}  // namespace
}  // namespace manifold::media
