// The containers plugin (containers.so, loaded as the host loads it) against
// a fake Tavily on loopback (tests/fakes/containers/server.mjs). The ISO 6346
// vectors: CSQU3054383 is the standard's own example (also on Wikipedia's
// "ISO 6346" page); MSCU1234566, MAEU1234567, CSQZ3054387, HLXJ1234564 and
// MSKU1000090 (a sum whose remainder mod 11 is 10, so its check digit is 0)
// were computed by hand with the standard's table, apart from the plugin.
#include <gtest/gtest.h>

#include <cstdlib>

#include "plugins/tools/ToolsetFakeTest.h"

namespace manifold::test {
namespace {

const char* const kKeyVariable = "MANIFOLD_TEST_TAVILY_KEY";
const char* const kUnsetVariable = "MANIFOLD_TEST_TAVILY_KEY_UNSET";
const char* const kKey = "tvly-test-key";

class ContainersToolsetTest : public ToolsetFakeTest {
 protected:
  void SetUp() override {
    setenv(kKeyVariable, kKey, 1);
    unsetenv(kUnsetVariable);
    startFake("containers", {"--key", kKey});
  }

  /// An instance whose Tavily is the fake, with the key in `keyVariable`.
  std::unique_ptr<LoadedToolset> loadContainers(const std::string& keyVariable = kKeyVariable,
                                                const std::string& extra = "") const {
    return load("containers", R"({"base_url":")" + fake_->url() + R"(","api_key_env":")" +
                                  keyVariable + R"(","timeout_ms":300)" + extra + "}");
  }
};

TEST_F(ContainersToolsetTest, DeclaresValidateTrackAndALiveLookup) {
  auto containers = loadContainers();
  const std::vector<tools::ToolDefinition> tools = (*containers)->tools();
  ASSERT_EQ(tools.size(), 3u);
  EXPECT_EQ(tools[0].name, "validate");
  EXPECT_EQ(tools[1].name, "track");
  EXPECT_EQ(tools[2].name, "lookup");
  EXPECT_TRUE(tools[0].liveIntents.empty());
  EXPECT_TRUE(tools[1].liveIntents.empty());
  const std::vector<std::string>& intents = tools[2].liveIntents;
  EXPECT_NE(std::find(intents.begin(), intents.end(), "container"), intents.end());
  EXPECT_NE(std::find(intents.begin(), intents.end(), "tracking"), intents.end());
  const json::Value schema = *json::parse(tools[2].parametersJson);
  EXPECT_EQ(schema["required"][0].asString(), "query");
  EXPECT_EQ(schema["properties"]["query"]["type"].asString(), "string");
  EXPECT_EQ(json::parse(tools[0].parametersJson).value()["required"][0].asString(), "number");
}

TEST_F(ContainersToolsetTest, ValidatesTheStandardsExample) {
  auto containers = loadContainers();
  const json::Value out =
      okJson((*containers)->call("validate", argsWith("number", "CSQU3054383")));
  EXPECT_EQ(out["number"].asString(), "CSQU3054383");
  EXPECT_TRUE(out["valid"].asBool());
  EXPECT_EQ(out["owner_code"].asString(), "CSQ");
  EXPECT_EQ(out["category"].asString(), "U");
  EXPECT_EQ(out["serial"].asString(), "305438");
  EXPECT_EQ(out["check_digit"].asInt(), 3);
  EXPECT_NE(out["source"].asString().find("ISO 6346"), std::string::npos);
}

TEST_F(ContainersToolsetTest, ReadsNumbersAsPeopleWriteThem) {
  auto containers = loadContainers();
  const json::Value out =
      okJson((*containers)->call("validate", argsWith("number", " csqu 305438-3 ")));
  EXPECT_EQ(out["number"].asString(), "CSQU3054383");
}

TEST_F(ContainersToolsetTest, AWrongCheckDigitSaysWhatItShouldBe) {
  auto containers = loadContainers();
  expectError((*containers)->call("validate", argsWith("number", "CSQU3054384")), MF_ERR_INVALID,
              "CSQU3054384: check digit should be 3, not 4");
  expectError((*containers)->call("track", argsWith("number", "MSCU1234565")), MF_ERR_INVALID,
              "check digit should be 6, not 5");
}

TEST_F(ContainersToolsetTest, ARemainderOfTenGivesCheckDigitZero) {
  auto containers = loadContainers();
  EXPECT_EQ(
      okJson((*containers)->call("validate", argsWith("number", "MSKU1000090")))["check_digit"]
          .asInt(),
      0);
  expectError((*containers)->call("validate", argsWith("number", "MSKU1000091")), MF_ERR_INVALID,
              "check digit should be 0, not 1");
}

TEST_F(ContainersToolsetTest, NamesTheCategory) {
  auto containers = loadContainers();
  const json::Value chassis =
      okJson((*containers)->call("validate", argsWith("number", "CSQZ3054387")));
  EXPECT_EQ(chassis["category"].asString(), "Z");
  EXPECT_EQ(chassis["category_name"].asString(), "trailer or chassis");
  const json::Value equipment =
      okJson((*containers)->call("validate", argsWith("number", "HLXJ1234564")));
  EXPECT_EQ(equipment["category"].asString(), "J");
  EXPECT_EQ(equipment["carrier"].asString(), "Hapag-Lloyd");
}

TEST_F(ContainersToolsetTest, NamesTheCarrierFromTheOwnerCode) {
  auto containers = loadContainers();
  EXPECT_EQ(okJson((*containers)->call("validate", argsWith("number", "MSCU1234566")))["carrier"]
                .asString(),
            "MSC");
  EXPECT_EQ(okJson((*containers)->call("validate", argsWith("number", "MAEU1234567")))["carrier"]
                .asString(),
            "Maersk");
}

TEST_F(ContainersToolsetTest, AnUnknownOwnerCodeIsValidWithTheCarrierUnknown) {
  auto containers = loadContainers();
  const json::Value out =
      okJson((*containers)->call("validate", argsWith("number", "CSQU3054383")));
  EXPECT_TRUE(out["carrier"].isNull());
  EXPECT_NE(out["carrier_note"].asString().find("the owner code CSQ is not in the table"),
            std::string::npos)
      << out["carrier_note"].asString();
}

TEST_F(ContainersToolsetTest, MalformedNumbersSayWhatIsWrong) {
  auto containers = loadContainers();
  expectError((*containers)->call("validate", argsWith("number", "CSQU305438")), MF_ERR_INVALID,
              "'CSQU305438' has no check digit; with it the number is CSQU3054383");
  expectError((*containers)->call("validate", argsWith("number", "CSQU30543")), MF_ERR_INVALID,
              "'CSQU30543' is not a container number");
  expectError((*containers)->call("validate", argsWith("number", "C5QU3054383")), MF_ERR_INVALID,
              "the owner code 'C5Q' must be 3 letters");
  expectError((*containers)->call("validate", argsWith("number", "CSQX3054383")), MF_ERR_INVALID,
              "the category letter is 'X'");
  expectError((*containers)->call("validate", argsWith("number", "CSQU30543A3")), MF_ERR_INVALID,
              "the serial '30543A' must be 6 digits");
  expectError((*containers)->call("validate", R"({})"), MF_ERR_INVALID, "\"number\" is required");
  expectError((*containers)->call("validate", R"({"number":"CSQU3054383","x":1})"), MF_ERR_INVALID,
              "unknown argument \"x\"");
}

TEST_F(ContainersToolsetTest, WithoutABackendTrackGivesTheCarriersPageAndSaysSo) {
  auto containers = loadContainers(kUnsetVariable);
  const json::Value out = okJson((*containers)->call("track", argsWith("number", "MSCU1234566")));
  EXPECT_EQ(out["number"].asString(), "MSCU1234566");
  EXPECT_EQ(out["carrier"].asString(), "MSC");
  EXPECT_NE(out["tracking_url"].asString().find("msc.com"), std::string::npos);
  EXPECT_NE(out["tracking_url"].asString().find("MSCU1234566"), std::string::npos);
  EXPECT_TRUE(out["status"].isNull());
  EXPECT_NE(out["status_note"].asString().find("no live status backend is configured"),
            std::string::npos);
  EXPECT_NE(out["status_note"].asString().find(kUnsetVariable), std::string::npos);
  EXPECT_TRUE(fake_->ledger().empty());
}

TEST_F(ContainersToolsetTest, TheBackendCanBeTurnedOff) {
  auto containers = loadContainers(kKeyVariable, R"(,"search_backend":"none")");
  const json::Value out = okJson((*containers)->call("track", argsWith("number", "MSCU1234566")));
  EXPECT_TRUE(out["status"].isNull());
  EXPECT_NE(out["status_note"].asString().find("search_backend is \"none\""), std::string::npos)
      << out["status_note"].asString();
  EXPECT_TRUE(fake_->ledger().empty());
}

TEST_F(ContainersToolsetTest, WithTavilyTrackAnswersWithTheTopResults) {
  auto containers = loadContainers();
  const json::Value out = okJson((*containers)->call("track", argsWith("number", "MSCU1234566")));
  EXPECT_EQ(out["carrier"].asString(), "MSC");
  const json::Value& status = out["status"];
  EXPECT_EQ(status["source"].asString(), "Tavily web search");
  EXPECT_FALSE(status["retrieved_at"].asString().empty());
  ASSERT_EQ(status["results"].size(), 3u);
  EXPECT_EQ(status["results"][0]["title"].asString(), "Track & Trace | MSC");
  EXPECT_EQ(status["results"][0]["url"].asString(), "https://www.msc.com/en/track-a-shipment");
  EXPECT_NE(status["results"][0]["snippet"].asString().find("Discharged at Rotterdam"),
            std::string::npos);
  // A long page is cut to a snippet.
  const std::string& longSnippet = status["results"][1]["snippet"].asString();
  EXPECT_LE(longSnippet.size(), 403u);
  EXPECT_EQ(longSnippet.substr(longSnippet.size() - 3), "...");

  const std::vector<json::Value> searches = fake_->requestsTo("/search");
  ASSERT_EQ(searches.size(), 1u);
  EXPECT_EQ(searches[0]["method"].asString(), "POST");
  EXPECT_EQ(searches[0]["headers"]["authorization"].asString(), std::string("Bearer ") + kKey);
  const json::Value sent = *json::parse(searches[0]["body"].asString());
  EXPECT_NE(sent["query"].asString().find("MSCU1234566"), std::string::npos);
  EXPECT_EQ(sent["max_results"].asInt(), 5);
}

TEST_F(ContainersToolsetTest, MaxResultsIsASetting) {
  auto containers = loadContainers(kKeyVariable, R"(,"max_results":2)");
  const json::Value out = okJson((*containers)->call("track", argsWith("number", "MSCU1234566")));
  EXPECT_EQ(out["status"]["results"].size(), 2u);
  EXPECT_EQ(json::parse(fake_->requestsTo("/search")[0]["body"].asString())
                .value()["max_results"]
                .asInt(),
            2);
}

TEST_F(ContainersToolsetTest, LookupFindsTheNumberInAMessage) {
  auto containers = loadContainers();
  const json::Value out = okJson(
      (*containers)
          ->call("lookup",
                 argsWith("query",
                          "Where is my container mscu 123456-6 right now? It left Antwerp.")));
  EXPECT_EQ(out["number"].asString(), "MSCU1234566");
  EXPECT_EQ(out["carrier"].asString(), "MSC");
  EXPECT_EQ(out["status"]["results"].size(), 3u);
}

TEST_F(ContainersToolsetTest, LookupWithoutANumberSaysSo) {
  auto containers = loadContainers();
  expectError((*containers)->call("lookup", argsWith("query", "track my container please")),
              MF_ERR_INVALID, "no container number found in the message");
  // Inside a longer code it is not a container number.
  expectError((*containers)->call("lookup", argsWith("query", "order XMSCU12345667")),
              MF_ERR_INVALID, "no container number found");
  expectError((*containers)->call("lookup", argsWith("query", "is CSQU3054384 at sea?")),
              MF_ERR_INVALID, "check digit should be 3, not 4");
  expectError((*containers)->call("lookup", argsWith("query", "where is MSCU 123456 now")),
              MF_ERR_INVALID, "with it the number is MSCU1234566");
  EXPECT_TRUE(fake_->ledger().empty());
}

TEST_F(ContainersToolsetTest, AWrongKeyIsAnAuthErrorNamingTheVariable) {
  setenv(kKeyVariable, "tvly-wrong", 1);
  auto containers = loadContainers();
  const tools::ToolResult result = (*containers)->call("track", argsWith("number", "MSCU1234566"));
  expectError(result, MF_ERR_AUTH, kKeyVariable);
  EXPECT_EQ(result.message.find("tvly-wrong"), std::string::npos);
}

TEST_F(ContainersToolsetTest, AnUpstream500IsUnavailable) {
  auto containers = loadContainers();
  fake_->fault("500", "/search");
  const tools::ToolResult result = (*containers)->call("track", argsWith("number", "MSCU1234566"));
  expectError(result, MF_ERR_UNAVAILABLE, "Tavily answered 500");
  EXPECT_EQ(result.upstreamStatus, 500);
  // Validation needs no upstream and still answers.
  EXPECT_TRUE((*containers)->call("validate", argsWith("number", "MSCU1234566")).ok);
}

TEST_F(ContainersToolsetTest, ABodyThatIsNotJsonIsInternal) {
  auto containers = loadContainers();
  fake_->fault("not-json", "/search");
  expectError((*containers)->call("track", argsWith("number", "MSCU1234566")), MF_ERR_INTERNAL,
              "Tavily answered a body that is not JSON");
}

TEST_F(ContainersToolsetTest, AnAnswerOfTheWrongShapeIsInternal) {
  auto containers = loadContainers();
  fake_->fault("wrong-shape", "/search");
  expectError((*containers)->call("track", argsWith("number", "MSCU1234566")), MF_ERR_INTERNAL,
              "without \"results\"");
}

TEST_F(ContainersToolsetTest, ASlowUpstreamTimesOut) {
  auto containers = loadContainers();
  fake_->fault("slow", "/search", 1, 3000);
  expectError((*containers)->call("track", argsWith("number", "MSCU1234566")), MF_ERR_TIMEOUT,
              "Tavily did not answer within 300 ms");
}

TEST_F(ContainersToolsetTest, AnUnknownToolIsNotFound) {
  auto containers = loadContainers();
  expectError((*containers)->call("locate", argsWith("number", "MSCU1234566")), MF_ERR_NOT_FOUND,
              "containers has no tool 'locate'");
}

TEST_F(ContainersToolsetTest, ASettingOfTheWrongTypeRefusesTheInstance) {
  LoadedToolset containers("containers", R"({"max_results":"many"})", {fake_->port()});
  EXPECT_EQ(containers.get(), nullptr);
  EXPECT_NE(containers.problem().find("max_results"), std::string::npos) << containers.problem();
}

TEST_F(ContainersToolsetTest, AnUnknownBackendRefusesTheInstance) {
  LoadedToolset containers("containers", R"({"search_backend":"bing"})", {fake_->port()});
  EXPECT_EQ(containers.get(), nullptr);
  EXPECT_NE(containers.problem().find("unknown search_backend \"bing\""), std::string::npos)
      << containers.problem();
}

}  // namespace
}  // namespace manifold::test
