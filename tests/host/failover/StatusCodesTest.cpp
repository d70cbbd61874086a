// How each upstream status moves the chain: cooldowns, bounded retries,
// breakers, key rotation, context-length routing and user errors.
#include <Poco/Environment.h>

#include <future>
#include <thread>

#include "FailoverFixture.h"

namespace manifold::test {
namespace {

FakeBehaviour status(int code, std::vector<std::pair<std::string, std::string>> headers = {},
                     std::string body = "") {
  FakeBehaviour b;
  b.status = code;
  b.headers = std::move(headers);
  b.body = std::move(body);
  return b;
}

class StatusCodesTest : public FailoverFixture {};

TEST_F(StatusCodesTest, RetryAfterFailsOverAtOnceAndCoolsTheEngineDown) {
  start({engine("a"), engine("b")}, {mode("smart", {"a", "b"})});
  fake_.script("a", {status(429, {{"Retry-After", "30"}})});
  HttpResult first = chat("mode/smart", false);
  EXPECT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("x-manifold-engine"), "b");
  EXPECT_EQ(fake_.requests("a"), 1) << "not retried before the time given";

  HttpResult second = chat("mode/smart", false);
  EXPECT_EQ(second.header("x-manifold-engine"), "b");
  EXPECT_EQ(second.header("x-manifold-attempts"), "1") << "a cooling engine is skipped at no cost";
  EXPECT_EQ(fake_.requests("a"), 1);
}

TEST_F(StatusCodesTest, WhenEveryStepIsRateLimitedTheClientHearsWhenToComeBack) {
  start({engine("a")}, {mode("solo", {"a"})});
  fake_.script("a", {status(429, {{"Retry-After", "30"}})});
  HttpResult first = chat("mode/solo", false);
  expectOpenAiError(first, 429, "rate limited");
  EXPECT_EQ(first.header("retry-after"), "30");
  HttpResult second = chat("mode/solo", false);
  expectOpenAiError(second, 429, "rate limited");
  const int retryAfter = std::stoi(second.header("retry-after"));
  EXPECT_GE(retryAfter, 29) << "the time left on the cooldown, not a new 30 s";
  EXPECT_LE(retryAfter, 30);
  EXPECT_EQ(fake_.requests("a"), 1) << "the cooling engine is not asked again";
}

TEST_F(StatusCodesTest, RetryAfterMsIsHonouredToo) {
  start({engine("a"), engine("b")}, {mode("smart", {"a", "b"})});
  fake_.script("a", {status(429, {{"retry-after-ms", "400"}}), FakeBehaviour{}});
  EXPECT_EQ(chat("mode/smart", false).header("x-manifold-engine"), "b");
  EXPECT_EQ(chat("mode/smart", false).header("x-manifold-engine"), "b");
  EXPECT_EQ(fake_.requests("a"), 1);
  EXPECT_TRUE(
      eventually([&] { return chat("mode/smart", false).header("x-manifold-engine") == "a"; },
                 std::chrono::seconds(3)))
      << "after the cooldown the engine is used again";
}

TEST_F(StatusCodesTest, PersistentFailureIsRetriedTwiceThenTheBreakerOpens) {
  start({engine("a")}, {mode("solo", {"a"})});
  fake_.script("a", {status(503)});
  HttpResult r = chat("mode/solo", false);
  expectOpenAiError(r, 503, "every engine failed");
  EXPECT_EQ(fake_.requests("a"), 3) << "one attempt and at most two retries";

  HttpResult skipped = chat("mode/solo", false);
  expectOpenAiError(skipped, 503, "circuit open");
  EXPECT_EQ(fake_.requests("a"), 3) << "an open circuit is not hammered";

  Poco::JSON::Object::Ptr health = parseObject(gateway_->client().get("/admin/health").body);
  Poco::JSON::Object::Ptr breaker =
      health->getArray("engines")->getObject(0)->getArray("breakers")->getObject(0);
  EXPECT_EQ(breaker->getValue<std::string>("state"), "open");
  EXPECT_EQ(breaker->getValue<int>("consecutive_failures"), 3);
}

TEST_F(StatusCodesTest, HalfOpenLetsExactlyOneProbeThroughAndClosesOnSuccess) {
  start({engine("a"), engine("b")}, {mode("smart", {"a", "b"})});
  fake_.script("a", {status(503), status(503), status(503), FakeBehaviour{}});
  for (int i = 0; i < 3; ++i) EXPECT_EQ(chat("mode/smart", false).header("x-manifold-engine"), "b");
  EXPECT_EQ(fake_.requests("a"), 3);
  EXPECT_EQ(chat("mode/smart", false).header("x-manifold-engine"), "b") << "open: skipped";
  EXPECT_EQ(fake_.requests("a"), 3);

  std::this_thread::sleep_for(std::chrono::milliseconds(400));  // past the 300 ms cooldown
  FakeBehaviour slowProbe;
  slowProbe.firstTokenDelayMs = 500;
  fake_.script("a", {slowProbe, FakeBehaviour{}});
  auto probe = std::async(std::launch::async, [&] { return chat("mode/smart", false); });
  ASSERT_TRUE(eventually([&] { return fake_.requests("a") == 4; }));
  HttpResult during = chat("mode/smart", false);
  EXPECT_EQ(during.header("x-manifold-engine"), "b") << "only one probe while half-open";
  EXPECT_EQ(probe.get().header("x-manifold-engine"), "a");
  EXPECT_EQ(fake_.requests("a"), 4);
  EXPECT_EQ(chat("mode/smart", false).header("x-manifold-engine"), "a") << "closed again";
}

TEST_F(StatusCodesTest, RefusedKeyCoolsDownThatKeyOnlyAndTheNextKeyAnswers) {
  Poco::Environment::set("FAILOVER_TEST_KEY", "key-one");
  Poco::Environment::set("FAILOVER_TEST_KEY_2", "key-two");
  config::EngineConfig a = engine("a");
  a.keyEnv = "FAILOVER_TEST_KEY";
  start({a, engine("b")}, {mode("smart", {"a", "b"})});
  fake_.script("a", {status(401), FakeBehaviour{}});
  HttpResult first = chat("mode/smart", false);
  EXPECT_EQ(first.header("x-manifold-engine"), "a") << first.body;
  EXPECT_EQ(first.header("x-manifold-attempts"), "2");
  HttpResult second = chat("mode/smart", false);
  EXPECT_EQ(second.header("x-manifold-attempts"), "1");
  const std::vector<HeaderList> seen = fake_.requestHeaders("a");
  ASSERT_EQ(seen.size(), 3u);
  auto auth = [&](size_t i) {
    for (const auto& [name, value] : seen[i])
      if (Poco::icompare(name, "authorization") == 0) return value;
    return std::string();
  };
  EXPECT_EQ(auth(0), "Bearer key-one");
  EXPECT_EQ(auth(1), "Bearer key-two");
  EXPECT_EQ(auth(2), "Bearer key-two") << "the refused key rests";
  Poco::Environment::set("FAILOVER_TEST_KEY", "");
  Poco::Environment::set("FAILOVER_TEST_KEY_2", "");
}

TEST_F(StatusCodesTest, ContextLengthMovesToALargerWindowOnly) {
  start({engine("small", 8192), engine("same", 8192), engine("large", 128000)},
        {mode("smart", {"small", "same", "large"})});
  fake_.script(
      "small",
      {status(
          400, {},
          R"({"error":{"message":"This model's maximum context length is 8192 tokens","type":"invalid_request_error","code":"context_length_exceeded"}})")});
  HttpResult r = chat("mode/smart", false);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-manifold-engine"), "large");
  EXPECT_EQ(fake_.requests("small"), 1);
  EXPECT_EQ(fake_.requests("same"), 0) << "a window no larger cannot help";
}

TEST_F(StatusCodesTest, ContextLengthWithNoLargerWindowIsACleanError) {
  start({engine("small", 8192), engine("same", 8192)}, {mode("smart", {"small", "same"})});
  fake_.script(
      "small",
      {status(
          400, {},
          R"({"error":{"message":"maximum context length exceeded","code":"context_length_exceeded"}})")});
  expectOpenAiError(chat("mode/smart", true), 400, "longer than any engine", "messages");
  EXPECT_EQ(fake_.requests("same"), 0);
}

TEST_F(StatusCodesTest, ContentPolicyErrorIsPropagatedAndNotRetried) {
  start({engine("a"), engine("b")}, {mode("smart", {"a", "b"})});
  fake_.script(
      "a",
      {status(
          400, {},
          R"({"error":{"message":"Your request was rejected by the safety system","type":"invalid_request_error","code":"content_policy_violation"}})")});
  HttpResult r = chat("mode/smart", true);
  expectOpenAiError(r, 400, "rejected by the safety system");
  EXPECT_EQ(fake_.requests("a"), 1);
  EXPECT_EQ(fake_.requests("b"), 0);
}

TEST_F(StatusCodesTest, OtherUserErrorKeepsTheProvidersStatus) {
  start({engine("a"), engine("b")}, {mode("smart", {"a", "b"})});
  fake_.script(
      "a", {status(422, {}, R"({"error":{"message":"temperature is invalid for this model"}})")});
  expectOpenAiError(chat("mode/smart", false), 422, "temperature is invalid");
  EXPECT_EQ(fake_.requests("b"), 0);
}

}  // namespace
}  // namespace manifold::test
