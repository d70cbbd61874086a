// Gateway keys through a real gateway with a master key set: who gets in,
// the same 401 for every failure, /admin/keys, limits and their headers.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <thread>

#include "support/MasterKeyEnv.h"
#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

const std::string kMaster = "mk-test-master-0123456789";

class GatewayKeysTest : public ::testing::Test {
 protected:
  GatewayKeysTest() : gateway_(true, 40) {}  // the demo streams a token every 40 ms

  std::map<std::string, std::string> bearer(const std::string& secret) const {
    return {{"Authorization", "Bearer " + secret}};
  }
  HttpResult chatAs(const std::string& secret, const std::string& model = "mode/smart") const {
    return gateway_.client().post("/v1/chat/completions", chatBody(model, false), bearer(secret));
  }
  /// Creates a key with `fields` and returns its secret (and its id in `id`).
  std::string createKey(const std::string& fields, std::string* id = nullptr) {
    const HttpResult r = gateway_.client().post("/admin/keys", "{" + fields + "}", bearer(kMaster));
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return "";
    if (id) *id = parseObject(r.body)->getValue<std::string>("id");
    return parseObject(r.body)->getValue<std::string>("secret");
  }

  MasterKeyEnv env_{kMaster};
  TestGateway gateway_;
};

TEST_F(GatewayKeysTest, EveryAuthFailureGetsTheSame401) {
  const std::string expiringSecret = createKey(R"("name":"expires","expires_in_s":1)");
  ASSERT_EQ(chatAs(expiringSecret).status, 200);
  const HttpResult unknown = chatAs("mfk-no-such-key");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(parseObject(unknown.body)->getObject("error")->getValue<std::string>("type"),
            "authentication_error");

  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const HttpResult expired = chatAs(expiringSecret);
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.body, unknown.body) << "expired looks exactly like unknown";

  for (const auto& headers : std::vector<std::map<std::string, std::string>>{
           {},
           {{"Authorization", "Basic " + kMaster}},
           {{"Authorization", "Bearer"}},
           {{"Authorization", "Bearer " + std::string(4 * 1024, 'k')}},
           {{"x-api-key", kMaster + "x"}}}) {
    const HttpResult r =
        gateway_.client().post("/v1/chat/completions", chatBody("mode/smart", false), headers);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, unknown.body);
  }
  EXPECT_EQ(gateway_.client().get("/v1/models").status, 401);
  const HttpResult huge =
      gateway_.client().post("/v1/chat/completions", chatBody("mode/smart", false),
                             {{"Authorization", "Bearer " + std::string(10 * 1024, 'k')}});
  EXPECT_EQ(huge.status, 431) << "a 10 KB key is a header field too large";
  EXPECT_EQ(gateway_.client().get("/healthz").status, 200) << "probes need no key; still serving";
}

TEST_F(GatewayKeysTest, TheMasterManagesKeysAndAVirtualKeyCannot) {
  const HttpResult created = gateway_.client().post(
      "/admin/keys", R"({"name":"team-a","rpm":100,"daily_budget_usd":5})", bearer(kMaster));
  ASSERT_EQ(created.status, 201) << created.body;
  Poco::JSON::Object::Ptr key = parseObject(created.body);
  const std::string id = key->getValue<std::string>("id");
  const std::string secret = key->getValue<std::string>("secret");
  EXPECT_EQ(secret.rfind("mfk-", 0), 0u);

  EXPECT_EQ(gateway_.client().get("/admin/keys").status, 401) << "no key, no list";
  const HttpResult listed = gateway_.client().get("/admin/keys", bearer(kMaster));
  ASSERT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find(id), std::string::npos);
  EXPECT_EQ(listed.body.find(secret), std::string::npos) << "a list never shows a secret";
  HttpResult asMaster =
      gateway_.client().post("/admin/keys/" + id, R"({"rpm":50})", bearer(kMaster));
  ASSERT_EQ(asMaster.status, 200) << asMaster.body;
  EXPECT_EQ(parseObject(asMaster.body)->getValue<int>("rpm"), 50);
  EXPECT_EQ(asMaster.body.find(secret), std::string::npos) << "the secret is shown once only";

  EXPECT_EQ(gateway_.client().get("/metrics", bearer(kMaster)).status, 200);
  EXPECT_EQ(gateway_.client().get("/metrics").status, 401);
  for (const char* path : {"/admin/keys", "/admin/health", "/admin/plugins", "/metrics"}) {
    const HttpResult r = gateway_.client().get(path, bearer(secret));
    EXPECT_EQ(r.status, 403) << path << ": " << r.body;
  }
  EXPECT_EQ(gateway_.client().post("/admin/keys", R"({"name":"mine"})", bearer(secret)).status,
            403);
  EXPECT_EQ(gateway_.client()
                .post("/admin/keys/" + id, R"({"daily_budget_usd":-1})", bearer(kMaster))
                .status,
            400);
  EXPECT_EQ(
      gateway_.client().post("/admin/keys/key_0000000000000000", "{}", bearer(kMaster)).status,
      404);
  const HttpResult negative =
      gateway_.client().post("/admin/keys", R"({"name":"x","rpm":-1})", bearer(kMaster));
  EXPECT_EQ(negative.status, 400);
  EXPECT_EQ(parseObject(negative.body)->getObject("error")->getValue<std::string>("param"), "rpm");

  // The Anthropic SDK's header works as well as the OpenAI SDK's.
  const HttpResult anthropic = gateway_.client().post(
      "/v1/messages",
      R"({"model":"mode/smart","max_tokens":20,"messages":[{"role":"user","content":"hi"}]})",
      {{"x-api-key", secret}});
  EXPECT_EQ(anthropic.status, 200) << anthropic.body;

  // Revoked: the same 401 as a key that never existed.
  const std::string unknown = chatAs("mfk-never-was").body;
  ASSERT_EQ(gateway_.client().del("/admin/keys/" + id, bearer(kMaster)).status, 200);
  const HttpResult revoked = chatAs(secret);
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(revoked.body, unknown);
}

TEST_F(GatewayKeysTest, RequestsPerMinuteGetA429WithTheHeadersOpenAiClientsRead) {
  const std::string secret = createKey(R"("name":"slow","rpm":2)");
  const HttpResult first = chatAs(secret);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("x-ratelimit-limit-requests"), "2");
  EXPECT_EQ(first.header("x-ratelimit-remaining-requests"), "1");
  ASSERT_EQ(chatAs(secret).status, 200);
  const HttpResult third = chatAs(secret);
  EXPECT_EQ(third.status, 429);
  const int retryAfter = std::stoi(third.header("retry-after"));
  EXPECT_GE(retryAfter, 20) << "one request back in 30 s, less the time the first two took";
  EXPECT_LE(retryAfter, 30);
  EXPECT_EQ(third.header("x-ratelimit-remaining-requests"), "0");
  EXPECT_EQ(parseObject(third.body)->getObject("error")->getValue<std::string>("code"),
            "rate_limit_exceeded");
  EXPECT_EQ(chatAs(kMaster).status, 200) << "the master has no limits";
}

TEST_F(GatewayKeysTest, TheConcurrencyLimitIsReleasedHoweverAStreamEnds) {
  std::string id;
  const std::string secret = createKey(R"("name":"one-at-a-time","max_concurrent":1)", &id);
  keys::RateLimiter& limiter = gateway_.server().keyAdmission().limiter();
  // A stream cut after its first tokens: it ends in an error, and its slot
  // must come back all the same.
  std::thread holder([&] {
    gateway_.client().post("/v1/chat/completions",
                           chatBody("demo", true, R"("metadata":{"demo_fault":"cut:5"})"),
                           bearer(secret));
  });
  ASSERT_TRUE(eventually([&] { return limiter.inFlight(id) == 1; }));
  const HttpResult busy = chatAs(secret);
  EXPECT_EQ(busy.status, 429) << busy.body;
  holder.join();
  EXPECT_EQ(limiter.inFlight(id), 0) << "the cut stream gave its slot back";
  EXPECT_EQ(chatAs(secret).status, 200);
}

TEST_F(GatewayKeysTest, AKeyMayBeLimitedToSomeModes) {
  const std::string secret = createKey(R"("name":"smart-only","allowed_modes":["smart"])");
  EXPECT_EQ(chatAs(secret, "mode/smart").status, 200);
  const HttpResult other = chatAs(secret, "demo");
  EXPECT_EQ(other.status, 200) << "an engine named directly has no mode to refuse";
  const std::string engineBound = createKey(R"("name":"demo-only","allowed_engines":["demo"])");
  const HttpResult narrowed = chatAs(engineBound, "mode/smart");
  ASSERT_EQ(narrowed.status, 200) << narrowed.body;
  EXPECT_EQ(narrowed.header("x-manifold-attempts"), "1") << "demo-flaky is not this key's";
}

TEST_F(GatewayKeysTest, AKeysAllowedToolsAreKeptChangedAndRestored) {
  std::string id;
  createKey(R"("name":"fx-only","allowed_tools":["fx.*","mcp:docs/search"])", &id);
  const auto toolsOf = [&] {
    const HttpResult r = gateway_.client().get("/admin/keys/" + id, bearer(kMaster));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const Poco::JSON::Array::Ptr tools = parseObject(r.body)->getArray("allowed_tools");
    for (const auto& tool : *tools) out.push_back(tool.toString());
    return out;
  };
  EXPECT_EQ(toolsOf(), (std::vector<std::string>{"fx.*", "mcp:docs/search"}));
  const HttpResult patched = gateway_.client().request(
      "PATCH", "/admin/keys/" + id, R"({"allowed_tools":["weather.*"]})", bearer(kMaster));
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(toolsOf(), (std::vector<std::string>{"weather.*"}));
  gateway_.restart();  // from the store
  EXPECT_EQ(toolsOf(), (std::vector<std::string>{"weather.*"}));
  expectOpenAiError(gateway_.client().post("/admin/keys", R"({"name":"x","allowed_tools":"fx.*"})",
                                           bearer(kMaster)),
                    400, "allowed_tools must be an array of names", "allowed_tools");
}

TEST(MetricsTokenTest, TheMetricsTokenReadsMetricsAndNothingElse) {
  MasterKeyEnv env(kMaster);
  ::setenv("MANIFOLD_TEST_METRICS_TOKEN", "scraper-token-1", 1);
  TempDir unused;
  config::GatewayConfig cfg = demoConfig(unused.str(), (unused / "x.db").string());
  cfg.metrics.tokenEnv = "MANIFOLD_TEST_METRICS_TOKEN";
  TestGateway gateway(std::move(cfg), {demoPlugin()});
  const std::map<std::string, std::string> scraper{{"Authorization", "Bearer scraper-token-1"}};
  EXPECT_EQ(gateway.client().get("/metrics", scraper).status, 200);
  EXPECT_EQ(gateway.client().get("/admin/health", scraper).status, 401);
  EXPECT_EQ(
      gateway.client().post("/v1/chat/completions", chatBody("mode/smart", false), scraper).status,
      401);
  ::unsetenv("MANIFOLD_TEST_METRICS_TOKEN");
}

}  // namespace
}  // namespace manifold::test
