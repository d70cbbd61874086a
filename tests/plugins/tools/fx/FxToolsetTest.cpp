// The fx toolset plugin (plugins/tools/fx), loaded by the host's real loader,
// against the fake Frankfurter (tests/fakes/fx, fixtures in
// tests/fixtures/tools/fx) on loopback: conversions and rates with their ECB
// date, the live tool reading free text, and every bad input and upstream
// fault the issue lists.
#include <gtest/gtest.h>

#include <memory>

#include "plugins/tools/ToolsetFakeTest.h"

namespace manifold::test {
namespace {

class FxToolsetTest : public ToolsetFakeTest {
 protected:
  void SetUp() override {
    startFake("fx");
    if (IsSkipped()) return;
    loadForCalls("fx", R"({"base_url":")" + fake_->url() + R"(/","timeout_ms":400})");
  }
};

TEST_F(FxToolsetTest, DeclaresFourToolsAndOneLiveToolWithTheQuerySchema) {
  const std::vector<tools::ToolDefinition> tools = toolset_->get()->tools();
  std::vector<std::string> names;
  for (const tools::ToolDefinition& tool : tools) names.push_back(tool.name);
  EXPECT_EQ(names, (std::vector<std::string>{"convert", "rates", "currencies", "lookup"}));
  for (const tools::ToolDefinition& tool : tools) {
    EXPECT_GT(tool.cacheTtlMs, 0) << tool.name;
    EXPECT_EQ(tool.liveIntents.empty(), tool.name != "lookup") << tool.name;
  }
  EXPECT_EQ(tools[3].parametersJson,
            R"({"type":"object","properties":{"query":{"type":"string"}},"required":["query"]})");
  const json::Value convert = *json::parse(tools[0].parametersJson);
  EXPECT_EQ(json::stringify(convert["required"]), R"(["amount","from","to"])");
  EXPECT_FALSE(convert["additionalProperties"].asBool(true));
}

TEST_F(FxToolsetTest, ConvertsAtTheLatestRateAndSaysItsDate) {
  const json::Value out = okJson(call("convert", R"({"amount":100,"from":"usd","to":"EUR"})"));
  EXPECT_EQ(out["from"].asString(), "USD");
  EXPECT_EQ(out["to"].asString(), "EUR");
  EXPECT_DOUBLE_EQ(out["rate"].asDouble(), 0.94697);
  EXPECT_DOUBLE_EQ(out["result"].asDouble(), 94.697);
  EXPECT_EQ(out["date"].asString(), "2024-11-29");
  EXPECT_NE(out["note"].asString().find("latest ECB reference rate"), std::string::npos);
  EXPECT_NE(out["source"].asString().find("ECB"), std::string::npos);
  const std::vector<json::Value> asked = fake_->requestsTo("/latest");
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0]["query"]["from"].asString(), "USD");
  EXPECT_EQ(asked[0]["query"]["to"].asString(), "EUR");
}

TEST_F(FxToolsetTest, AWeekendDateAnswersTheLastEcbDateBeforeItAndSaysSo) {
  const json::Value out =
      okJson(call("convert", R"({"amount":10,"from":"GBP","to":"USD","date":"2024-11-30"})"));
  EXPECT_EQ(out["date"].asString(), "2024-11-29");
  EXPECT_EQ(out["requested_date"].asString(), "2024-11-30");
  const std::string note = out["note"].asString();
  EXPECT_NE(note.find("no reference rate on 2024-11-30"), std::string::npos) << note;
  EXPECT_NE(note.find("rate of 2024-11-29"), std::string::npos) << note;
  EXPECT_EQ(fake_->requestsTo("/2024-11-30").size(), 1u);
}

TEST_F(FxToolsetTest, AWorkingDayAnswersThatDayWithoutANote) {
  const json::Value out =
      okJson(call("rates", R"({"base":"USD","symbols":"EUR, GBP","date":"2024-11-27"})"));
  EXPECT_EQ(out["date"].asString(), "2024-11-27");
  EXPECT_FALSE(out.contains("note"));
  EXPECT_FALSE(out.contains("requested_date"));
  EXPECT_EQ(out["base"].asString(), "USD");
  EXPECT_EQ(out["rates"].size(), 2u);
  EXPECT_TRUE(out["rates"]["EUR"].isNumber());
  EXPECT_TRUE(out["rates"]["GBP"].isNumber());
}

TEST_F(FxToolsetTest, ListsTheCurrenciesAndFetchesThemOncePerInstance) {
  const json::Value out = okJson(call("currencies", "{}"));
  EXPECT_EQ(out["currencies"]["USD"].asString(), "United States Dollar");
  EXPECT_EQ(out["currencies"].size(), 31u);
  okJson(call("convert", R"({"amount":1,"from":"EUR","to":"JPY"})"));
  okJson(call("convert", R"({"amount":2,"from":"CHF","to":"SEK"})"));
  EXPECT_EQ(fake_->requestsTo("/currencies").size(), 1u);
}

TEST_F(FxToolsetTest, AnUnknownCurrencyIsRefusedWithTheKnownOnes) {
  expectError(call("convert", R"({"amount":5,"from":"USD","to":"XYZ"})"), MF_ERR_INVALID,
              {"unknown currency 'XYZ'", "known: AUD", "USD"});
  expectError(call("rates", R"({"base":"ABC"})"), MF_ERR_INVALID, {"unknown currency 'ABC'"});
  expectError(call("convert", R"({"amount":5,"from":"dollars","to":"EUR"})"), MF_ERR_INVALID,
              {"'dollars'", "three-letter"});
  EXPECT_TRUE(fake_->requestsTo("/latest").empty());
}

TEST_F(FxToolsetTest, ADateBeforeTheFirstEcbRateIsRefused) {
  expectError(call("convert", R"({"amount":5,"from":"USD","to":"EUR","date":"1998-12-31"})"),
              MF_ERR_INVALID, {"1998-12-31", "before 1999-01-04"});
  EXPECT_TRUE(fake_->requestsUnder("/1998").empty());
}

TEST_F(FxToolsetTest, AMalformedOrFutureDateIsRefused) {
  for (const char* date : {"yesterday", "2024-1-05", "2024-13-01", "2023-02-29"})
    expectError(call("rates", std::string(R"({"date":")") + date + "\"}"), MF_ERR_INVALID,
                {std::string("'") + date + "'"});
  expectError(call("rates", R"({"date":"2999-01-01"})"), MF_ERR_INVALID, {"in the future"});
  okJson(call("rates", R"({"date":"2024-02-29"})"));
}

TEST_F(FxToolsetTest, ANegativeAmountIsRefused) {
  expectError(call("convert", R"({"amount":-5,"from":"USD","to":"EUR"})"), MF_ERR_INVALID,
              {"amount -5", "negative"});
  expectError(call("convert", R"({"amount":"five","from":"USD","to":"EUR"})"), MF_ERR_INVALID,
              {"\"amount\" must be a number"});
}

TEST_F(FxToolsetTest, BadArgumentsAndUnknownToolsAreRefused) {
  expectError(call("convert", R"({"amount":1,"from":"USD","to":"EUR","fee":2})"), MF_ERR_INVALID,
              {"unknown argument \"fee\""});
  expectError(call("convert", R"({"amount":1,"from":"USD"})"), MF_ERR_INVALID,
              {"\"to\" is required"});
  expectError(call("convert", R"({"amount":1,"from":"USD","to":"usd"})"), MF_ERR_INVALID,
              {"both USD"});
  expectError(call("convert", "[1]"), MF_ERR_INVALID, {"not a JSON object"});
  expectError(call("history", "{}"), MF_ERR_NOT_FOUND, {"no tool 'history'", "convert"});
}

TEST_F(FxToolsetTest, AnUpstream500IsUnavailableAndTheToolRecovers) {
  fake_->fault("500", "/latest");
  const tools::ToolResult failed = call("convert", R"({"amount":1,"from":"USD","to":"EUR"})");
  expectError(failed, MF_ERR_UNAVAILABLE, {"frankfurter answered 500"});
  EXPECT_EQ(failed.upstreamStatus, 500);
  fake_->clear();
  okJson(call("convert", R"({"amount":1,"from":"USD","to":"EUR"})"));
}

TEST_F(FxToolsetTest, AFailedCurrencyListIsNotKept) {
  fake_->fault("500", "/currencies");
  expectError(call("currencies", "{}"), MF_ERR_UNAVAILABLE, {"frankfurter answered 500"});
  fake_->clear();
  okJson(call("currencies", "{}"));
  EXPECT_EQ(fake_->requestsTo("/currencies").size(), 2u);
}

TEST_F(FxToolsetTest, ABodyThatIsNotJsonOrHasNoRatesIsInternal) {
  okJson(call("currencies", "{}"));
  fake_->fault("not-json", "/latest");
  expectError(call("convert", R"({"amount":1,"from":"USD","to":"EUR"})"), MF_ERR_INTERNAL,
              {"frankfurter", "not JSON"});
  fake_->clear();
  fake_->fault("wrong-shape", "/latest");
  expectError(call("rates", "{}"), MF_ERR_INTERNAL, {"frankfurter", "without a date and rates"});
}

TEST_F(FxToolsetTest, ASlowUpstreamTimesOut) {
  okJson(call("currencies", "{}"));
  fake_->fault("slow", "/latest");
  expectError(call("convert", R"({"amount":1,"from":"USD","to":"EUR"})"), MF_ERR_TIMEOUT,
              {"frankfurter did not answer within 400 ms"});
}

TEST_F(FxToolsetTest, TheLiveToolConvertsWhatAMessageAsksFor) {
  const json::Value out =
      okJson(call("lookup", R"({"query":"How much is 1,250.50 US dollars in euros today?"})"));
  EXPECT_EQ(out["from"].asString(), "USD");
  EXPECT_EQ(out["to"].asString(), "EUR");
  EXPECT_DOUBLE_EQ(out["amount"].asDouble(), 1250.5);
  EXPECT_EQ(out["understood_as"]["tool"].asString(), "convert");
  EXPECT_EQ(out["date"].asString(), "2024-11-29");

  const json::Value dated =
      okJson(call("lookup", R"({"query":"GBP to JPY exchange rate on 2024-11-30"})"));
  EXPECT_EQ(dated["from"].asString(), "GBP");
  EXPECT_EQ(dated["to"].asString(), "JPY");
  EXPECT_EQ(dated["requested_date"].asString(), "2024-11-30");
  EXPECT_EQ(dated["date"].asString(), "2024-11-29");
}

TEST_F(FxToolsetTest, TheLiveToolQuotesALoneCurrencyAgainstTheMajors) {
  const json::Value out = okJson(call("lookup", R"({"query":"what is the yen doing?"})"));
  EXPECT_EQ(out["base"].asString(), "JPY");
  EXPECT_EQ(out["understood_as"]["tool"].asString(), "rates");
  EXPECT_TRUE(out["rates"]["USD"].isNumber());
  EXPECT_FALSE(out["rates"].contains("JPY"));
}

TEST_F(FxToolsetTest, TheLiveToolSaysWhenAMessageNamesNoCurrency) {
  expectError(call("lookup", R"({"query":"should I try to convert my attic?"})"), MF_ERR_INVALID,
              {"no currency found in the message"});
}

TEST(FxToolsetReachTest, AnUpstreamThatCannotBeReachedIsUnavailable) {
  if (const std::string missing = FakeToolServer::missingTool(); !missing.empty())
    GTEST_SKIP() << missing;
  // A port that was just listening and no longer is.
  const uint16_t port = FakeToolServer("fx").port();
  LoadedToolset fx("fx", R"({"base_url":"http://127.0.0.1:)" + std::to_string(port) + "\"}",
                   {port});
  ASSERT_TRUE(fx.get()) << fx.problem();
  expectError(fx->call("currencies", "{}"), MF_ERR_UNAVAILABLE,
              {"frankfurter could not be reached"});
}

TEST(FxToolsetSettingsTest, ABaseUrlThatIsNotHttpIsRefusedAtCreate) {
  LoadedToolset fx("fx", R"({"base_url":"ftp://example.org"})", {});
  EXPECT_EQ(fx.get(), nullptr);
  EXPECT_NE(fx.problem().find("base_url"), std::string::npos) << fx.problem();
}

}  // namespace
}  // namespace manifold::test
