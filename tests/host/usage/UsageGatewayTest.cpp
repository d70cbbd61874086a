// Usage and cost through a real gateway: the fake upstream reports usage,
// the attempts table gets tokens and cost, and /v1/usage, /admin/usage and
// /admin/health read them back.
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Timestamp.h>
#include <gtest/gtest.h>

#include <fstream>

#include "AttemptRows.h"
#include "FakeProvider.h"
#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// 1000 prompt tokens, 400 of them from the cache; two completion tokens.
// At 2 / 8 / 0.5 per million: 600 * 2 + 400 * 0.5 + 2 * 8 = 1416 micro-dollars.
constexpr double kPaidCost = 1416e-6;

class UsageGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FakeBehaviour usage;
    usage.promptTokens = 1000;
    usage.cachedTokens = 400;
    for (const char* route : {"paid", "free", "unpriced"}) fake_.script(route, {usage});
    FakeBehaviour broken;
    broken.status = 500;
    fake_.script("bad", {broken});
    writePrices(2.0);
    gateway_ = std::make_unique<TestGateway>(
        config(), std::vector<std::string>{pluginOutputDir() + "/openai-compatible.so"});
  }

  void writePrices(double paidInput) {
    std::ofstream(pricesFile_) << R"({"models":{"openai-compatible/m-paid":{"input":)" << paidInput
                               << R"(,"output":8,"cached_read":0.5},)"
                                  R"("openai-compatible/m-free":{"input":0,"output":0}}})";
  }

  config::GatewayConfig config() const {
    config::GatewayConfig c;
    c.server.host = "127.0.0.1";
    c.server.port = 0;
    c.usage.pricesFile = pricesFile_;
    c.egress.allow = {"127.0.0.1:" + std::to_string(fake_.port())};
    for (const std::string route : {"paid", "free", "unpriced", "bad"}) {
      config::EngineConfig e;
      e.id = route;
      e.provider = "openai-compatible";
      e.model = route == "bad" ? "m-paid" : "m-" + route;
      e.baseUrl = fake_.baseUrl(route);
      c.engines.push_back(e);
    }
    config::ModeConfig smart;
    smart.name = "smart";
    smart.chain = {"bad", "paid"};
    c.modes.push_back(smart);
    return c;
  }

  void chatOk(const std::string& model, bool stream = false) {
    const HttpResult r = gateway_->client().post("/v1/chat/completions", chatBody(model, stream));
    ASSERT_EQ(r.status, 200) << r.body;
  }

  std::vector<AttemptRow> rows() {
    gateway_->server().flushAttempts();
    return readAttempts(gateway_->storePath());
  }

  Object::Ptr getJson(const std::string& path, int status = 200) {
    const HttpResult r = gateway_->client().get(path);
    EXPECT_EQ(r.status, status) << path << ": " << r.body;
    return parseObject(r.body);
  }

  static Object::Ptr engineIn(const Object::Ptr& health, const std::string& id) {
    const Array::Ptr engines = health->getArray("engines");
    for (size_t i = 0; i < engines->size(); ++i)
      if (engines->getObject(i)->getValue<std::string>("id") == id) return engines->getObject(i);
    return nullptr;
  }

  static std::string today() {
    return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%d");
  }

  TempDir state_;
  const std::string pricesFile_ = (state_ / "prices.json").string();
  FakeProvider fake_;
  std::unique_ptr<TestGateway> gateway_;
};

TEST_F(UsageGatewayTest, AnAnswerIsRecordedWithItsKeyTokensAndCost) {
  chatOk("paid", true);
  const std::vector<AttemptRow> all = rows();
  ASSERT_EQ(all.size(), 1u);
  const AttemptRow& r = all[0];
  EXPECT_EQ(r.outcome, "answered");
  EXPECT_EQ(r.keyId, "");  // no gateway keys yet: the master's
  EXPECT_EQ(r.model, "openai-compatible/m-paid");
  EXPECT_TRUE(r.billed);
  EXPECT_TRUE(r.usageKnown);
  EXPECT_EQ(r.promptTokens, 1000);
  EXPECT_EQ(r.cachedTokens, 400);
  EXPECT_EQ(r.completionTokens, 2);
  ASSERT_TRUE(r.costUsd);
  EXPECT_NEAR(*r.costUsd, kPaidCost, 1e-12);
}

TEST_F(UsageGatewayTest, FailedAttemptsKeepTheirReasonAndAreNeverBilled) {
  chatOk("mode/smart");
  const std::vector<AttemptRow> all = rows();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].engineId, "bad");
  EXPECT_EQ(all[0].outcome, "failed");
  EXPECT_FALSE(all[0].reason.empty());
  EXPECT_FALSE(all[0].billed);
  EXPECT_FALSE(all[0].costUsd);
  EXPECT_EQ(all[1].engineId, "paid");
  ASSERT_TRUE(all[1].costUsd);
  EXPECT_NEAR(*all[1].costUsd, kPaidCost, 1e-12);
}

TEST_F(UsageGatewayTest, AModelMissingFromThePriceTableCostsNullAndAFreeOneZero) {
  chatOk("unpriced");
  chatOk("free");
  const std::vector<AttemptRow> all = rows();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].engineId, "unpriced");
  EXPECT_EQ(all[0].promptTokens, 1000);  // the tokens are known; only the price is not
  EXPECT_FALSE(all[0].costUsd) << "unknown must be NULL, never 0";
  ASSERT_TRUE(all[1].costUsd);
  EXPECT_EQ(*all[1].costUsd, 0.0);
}

TEST_F(UsageGatewayTest, OwnUsageSumsRequestsTokensAndCostByDayAndModel) {
  chatOk("paid");
  chatOk("paid", true);
  chatOk("unpriced");
  chatOk("mode/smart");  // a failed attempt, then paid
  gateway_->server().flushAttempts();

  const Object::Ptr usage = getJson("/v1/usage");
  EXPECT_EQ(usage->getValue<std::string>("object"), "usage");
  EXPECT_EQ(usage->getValue<std::string>("key_id"), "");
  EXPECT_EQ(usage->getValue<std::string>("to"), today());
  const Object::Ptr totals = usage->getObject("totals");
  EXPECT_EQ(totals->getValue<int>("requests"), 4);
  EXPECT_EQ(totals->getValue<int>("prompt_tokens"), 4000);
  EXPECT_EQ(totals->getValue<int>("cached_tokens"), 1600);
  EXPECT_EQ(totals->getValue<int>("completion_tokens"), 8);
  EXPECT_NEAR(totals->getValue<double>("cost_usd"), 3 * kPaidCost, 1e-12);
  EXPECT_EQ(totals->getValue<int>("unknown_cost_requests"), 1);

  const Array::Ptr days = usage->getArray("by_day");
  ASSERT_EQ(days->size(), 1u);
  EXPECT_EQ(days->getObject(0)->getValue<std::string>("date"), today());
  const Array::Ptr models = usage->getArray("by_model");
  ASSERT_EQ(models->size(), 2u);
  EXPECT_EQ(models->getObject(0)->getValue<std::string>("model"), "openai-compatible/m-paid");
  EXPECT_EQ(models->getObject(0)->getValue<int>("requests"), 3);
  EXPECT_EQ(models->getObject(1)->getValue<std::string>("model"), "openai-compatible/m-unpriced");
  EXPECT_TRUE(models->getObject(1)->isNull("cost_usd")) << "no known cost: null, not 0";
}

TEST_F(UsageGatewayTest, UsageTakesADateRangeAndRefusesABadOne) {
  chatOk("paid");
  gateway_->server().flushAttempts();
  const Object::Ptr past = getJson("/v1/usage?from=2020-01-01&to=2020-01-31");
  EXPECT_EQ(past->getValue<std::string>("from"), "2020-01-01");
  EXPECT_EQ(past->getObject("totals")->getValue<int>("requests"), 0);
  EXPECT_EQ(past->getArray("by_day")->size(), 0u);
  const Object::Ptr now = getJson("/v1/usage?from=" + today() + "&to=" + today());
  EXPECT_EQ(now->getObject("totals")->getValue<int>("requests"), 1);

  const HttpResult bad = gateway_->client().get("/v1/usage?from=yesterday");
  expectOpenAiError(bad, 400, "YYYY-MM-DD", "from");
  EXPECT_EQ(gateway_->client().get("/v1/usage?from=2024-02-30").status, 400);
  EXPECT_EQ(gateway_->client().get("/v1/usage?from=2024-03-02&to=2024-03-01").status, 400);
  EXPECT_EQ(gateway_->client().get("/v1/usage?from=2020-01-01&to=2024-01-01").status, 400);
}

TEST_F(UsageGatewayTest, AdminUsageListsEveryKey) {
  chatOk("paid");
  gateway_->server().flushAttempts();
  const Object::Ptr list = getJson("/admin/usage");
  EXPECT_EQ(list->getValue<std::string>("object"), "usage.list");
  const Array::Ptr keys = list->getArray("keys");
  ASSERT_EQ(keys->size(), 1u);
  const Object::Ptr key = keys->getObject(0);
  EXPECT_EQ(key->getValue<std::string>("key_id"), "");
  EXPECT_EQ(key->getObject("totals")->getValue<int>("requests"), 1);
  EXPECT_EQ(key->getArray("by_model")->size(), 1u);
  EXPECT_EQ(getJson("/admin/usage?key_id=someone-else")->getArray("keys")->size(), 0u);
  EXPECT_EQ(gateway_->client().post("/admin/usage", "{}").status, 405);
}

TEST_F(UsageGatewayTest, AdminHealthShowsRequestsErrorsLatencyAndCostPerEngine) {
  chatOk("mode/smart");
  chatOk("free");
  gateway_->server().flushAttempts();
  const Object::Ptr health = getJson("/admin/health");

  const Object::Ptr paid = engineIn(health, "paid");
  ASSERT_TRUE(paid);
  ASSERT_TRUE(paid->has("breakers"));
  const Object::Ptr hour = paid->getObject("last_hour");
  EXPECT_EQ(hour->getValue<int>("requests"), 1);
  EXPECT_EQ(hour->getValue<int>("errors"), 0);
  EXPECT_FALSE(hour->getObject("latency_ms")->isNull("p50"));
  EXPECT_FALSE(hour->getObject("ttft_ms")->isNull("p95"));
  EXPECT_NEAR(hour->getObject("cost")->getValue<double>("usd"), kPaidCost, 1e-12);
  EXPECT_EQ(hour->getObject("cost")->getValue<int>("paid_requests"), 1);
  EXPECT_EQ(paid->getObject("last_day")->getValue<int>("requests"), 1);

  const Object::Ptr bad = engineIn(health, "bad")->getObject("last_hour");
  EXPECT_EQ(bad->getValue<int>("errors"), 1);
  EXPECT_EQ(bad->getValue<double>("error_rate"), 1.0);
  EXPECT_TRUE(bad->getObject("latency_ms")->isNull("p50"));

  const Object::Ptr unused = engineIn(health, "unpriced")->getObject("last_day");
  EXPECT_EQ(unused->getValue<int>("requests"), 0);

  const Object::Ptr day = health->getObject("cost")->getObject("last_day");
  EXPECT_EQ(day->getValue<int>("paid_requests"), 1);
  EXPECT_EQ(day->getValue<int>("free_requests"), 1);
  EXPECT_EQ(day->getValue<int>("unknown_cost_requests"), 0);
  EXPECT_EQ(health->getValue<int>("usage_records_lost"), 0);
}

TEST_F(UsageGatewayTest, ThePriceFileIsReloadedWithTheConfig) {
  chatOk("paid");
  writePrices(4.0);  // the uncached input rate doubles
  gateway_->server().reload(config());
  chatOk("paid");
  writePrices(-1);  // invalid: the table in force stays
  gateway_->server().reload(config());
  chatOk("paid");
  const std::vector<AttemptRow> all = rows();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_NEAR(*all[0].costUsd, kPaidCost, 1e-12);
  EXPECT_NEAR(*all[1].costUsd, kPaidCost + 600 * 2.0 / 1e6, 1e-12);
  EXPECT_NEAR(*all[2].costUsd, kPaidCost + 600 * 2.0 / 1e6, 1e-12);
}

// A key's budget is charged with each answer's priced cost: once spent, the
// key gets 429 budget_exceeded, and its usage is its own.
TEST_F(UsageGatewayTest, AKeysDailyBudgetIsSpentByItsPricedAnswers) {
  const HttpResult created =
      gateway_->client().post("/admin/keys", R"({"name":"budgeted","daily_budget_usd":0.003})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::map<std::string, std::string> key{
      {"Authorization", "Bearer " + parseObject(created.body)->getValue<std::string>("secret")}};
  // kPaidCost each: the third request finds the budget spent.
  ASSERT_LT(2 * kPaidCost, 0.003);
  ASSERT_GE(3 * kPaidCost, 0.003);
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(gateway_->client().post("/v1/chat/completions", chatBody("paid", false), key).status,
              200);
  const HttpResult spent =
      gateway_->client().post("/v1/chat/completions", chatBody("paid", false), key);
  EXPECT_EQ(spent.status, 429) << spent.body;
  EXPECT_EQ(parseObject(spent.body)->getObject("error")->getValue<std::string>("code"),
            "budget_exceeded");
  EXPECT_FALSE(spent.header("retry-after").empty());
  EXPECT_EQ(gateway_->client().post("/v1/chat/completions", chatBody("paid", false)).status, 200)
      << "the operator has no budget";
  gateway_->server().flushAttempts();  // usage is written off the answer's path
  const HttpResult own = gateway_->client().get("/v1/usage", key);
  ASSERT_EQ(own.status, 200);
  EXPECT_NE(own.body.find("\"requests\":3"), std::string::npos) << own.body;
  const HttpResult everyone = gateway_->client().get("/v1/usage");
  EXPECT_NE(everyone.body.find("\"key_id\":\"\""), std::string::npos)
      << "the operator sees the keyless requests, not the key's: " << everyone.body;
}

}  // namespace
}  // namespace manifold::test
