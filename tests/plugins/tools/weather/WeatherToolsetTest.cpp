// The weather toolset plugin (plugins/tools/weather), loaded by the host's
// real loader, against the fake Open-Meteo geocoding and forecast APIs
// (tests/fakes/weather, fixtures in tests/fixtures/tools/weather) on loopback:
// current conditions and forecasts in words, the ambiguity rule, the live
// tool reading a place from free text, and every bad input and upstream fault.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "plugins/tools/ToolsetFakeTest.h"
#include "support/CapturedLog.h"

namespace manifold::test {
namespace {

class WeatherToolsetTest : public ToolsetFakeTest {
 protected:
  void SetUp() override {
    startFake("weather");
    if (IsSkipped()) return;
    loadForCalls("weather", R"({"geocoding_url":")" + fake_->url("/v1/search") +
                                R"(","forecast_url":")" + fake_->url("/v1/forecast") +
                                R"(","timeout_ms":400})");
  }
};

TEST_F(WeatherToolsetTest, DeclaresCurrentForecastAndALiveTool) {
  const std::vector<tools::ToolDefinition> tools = toolset_->get()->tools();
  ASSERT_EQ(tools.size(), 3u);
  EXPECT_EQ(tools[0].name, "current");
  EXPECT_EQ(tools[1].name, "forecast");
  EXPECT_EQ(tools[2].name, "lookup");
  EXPECT_TRUE(tools[0].liveIntents.empty());
  EXPECT_NE(std::find(tools[2].liveIntents.begin(), tools[2].liveIntents.end(), "weather"),
            tools[2].liveIntents.end());
  EXPECT_EQ(tools[2].parametersJson,
            R"({"type":"object","properties":{"query":{"type":"string"}},"required":["query"]})");
  const json::Value days = (*json::parse(tools[1].parametersJson))["properties"]["days"];
  EXPECT_EQ(days["minimum"].asInt(), 1);
  EXPECT_EQ(days["maximum"].asInt(), 3);
}

TEST_F(WeatherToolsetTest, CurrentConditionsOfAPlaceWithAClearWinnerAreInWords) {
  const json::Value out = okJson(call("current", R"({"place":"Berlin"})"));
  EXPECT_EQ(out["place"]["country"].asString(), "Germany");
  EXPECT_EQ(out["place"]["admin1"].asString(), "Land Berlin");
  EXPECT_EQ(out["current"]["conditions"].asString(), "overcast");
  EXPECT_EQ(out["current"]["weather_code"].asInt(), 3);
  EXPECT_DOUBLE_EQ(out["current"]["temperature"].asDouble(), 4.3);
  EXPECT_EQ(out["current"]["time"].asString(), "2024-11-29T14:00");
  EXPECT_EQ(out["units"]["temperature"].asString(), "°C");
  EXPECT_EQ(out["timezone"].asString(), "Europe/Berlin");
  EXPECT_NE(out["source"].asString().find("Open-Meteo"), std::string::npos);
  EXPECT_FALSE(out.contains("days"));
  const std::vector<json::Value> asked = fake_->requestsTo("/v1/forecast");
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0]["query"]["latitude"].asString(), "52.5244");
  EXPECT_EQ(asked[0]["query"]["timezone"].asString(), "auto");
  EXPECT_FALSE(asked[0]["query"].contains("daily"));
}

TEST_F(WeatherToolsetTest, TheForecastCoversTheDaysAskedForInWords) {
  const json::Value out = okJson(call("forecast", R"({"place":"Berlin"})"));
  const json::Value& days = out["days"];
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0]["date"].asString(), "2024-11-29");
  EXPECT_EQ(days[1]["conditions"].asString(), "slight rain");
  EXPECT_EQ(days[2]["conditions"].asString(), "slight snow fall");
  EXPECT_DOUBLE_EQ(days[2]["temperature_min"].asDouble(), -1.8);
  EXPECT_EQ(days[1]["precipitation_probability"].asInt(), 85);
  EXPECT_EQ(out["units"]["precipitation_sum"].asString(), "mm");
  EXPECT_FALSE(out.contains("current"));

  const json::Value two = okJson(call("forecast", R"({"place":"Berlin","days":2})"));
  EXPECT_EQ(two["days"].size(), 2u);
  EXPECT_EQ(fake_->requestsTo("/v1/forecast").back()["query"]["forecast_days"].asString(), "2");
}

TEST_F(WeatherToolsetTest, AnAmbiguousPlaceListsItsCandidates) {
  expectError(call("current", R"({"place":"Springfield"})"), MF_ERR_INVALID,
              {"'Springfield' is ambiguous", "Springfield (Missouri, United States; 37.22, -93.30)",
               "Illinois", "Massachusetts", "country", "latitude"});
  EXPECT_TRUE(fake_->requestsTo("/v1/forecast").empty());
}

TEST_F(WeatherToolsetTest, ACountryOrRegionPicksOneOfSeveralPlaces) {
  EXPECT_EQ(
      okJson(call("current", R"({"place":"Springfield","country":"illinois"})"))["place"]["admin1"]
          .asString(),
      "Illinois");
  EXPECT_EQ(
      okJson(call("forecast", R"({"place":"Springfield, Oregon","days":1})"))["place"]["admin1"]
          .asString(),
      "Oregon");
  // Two US Berlins of a similar size are no clear winner.
  expectError(call("current", R"({"place":"Berlin","country":"US"})"), MF_ERR_INVALID,
              {"ambiguous", "New Hampshire", "Wisconsin"});
}

TEST_F(WeatherToolsetTest, APlaceThatDoesNotExistIsRefused) {
  expectError(call("current", R"({"place":"Xyzzyville"})"), MF_ERR_INVALID,
              {"no place named 'Xyzzyville'"});
  expectError(call("forecast", R"({"place":"Berlin","country":"France"})"), MF_ERR_INVALID,
              {"no place named 'Berlin' in 'France'"});
  EXPECT_TRUE(fake_->requestsTo("/v1/forecast").empty());
}

TEST_F(WeatherToolsetTest, CoordinatesNeedNoGeocoding) {
  const json::Value out =
      okJson(call("current", R"({"latitude":38.7223,"longitude":-9.1393,"place":"Lisbon"})"));
  EXPECT_EQ(out["place"]["name"].asString(), "Lisbon");
  EXPECT_DOUBLE_EQ(out["place"]["latitude"].asDouble(), 38.7223);
  EXPECT_TRUE(fake_->requestsTo("/v1/search").empty());
  EXPECT_EQ(fake_->requestsTo("/v1/forecast")[0]["query"]["longitude"].asString(), "-9.1393");
}

TEST_F(WeatherToolsetTest, BadArgumentsAndUnknownToolsAreRefused) {
  expectError(call("current", R"({"latitude":10})"), MF_ERR_INVALID,
              {"both latitude and longitude"});
  expectError(call("current", R"({"latitude":100,"longitude":0})"), MF_ERR_INVALID,
              {"latitude must be -90..90"});
  expectError(call("current", "{}"), MF_ERR_INVALID, {"give a place"});
  expectError(call("forecast", R"({"place":"Berlin","days":4})"), MF_ERR_INVALID,
              {"\"days\" must be 1 to 3, not 4"});
  expectError(call("forecast", R"({"place":"Berlin","when":"now"})"), MF_ERR_INVALID,
              {"unknown argument \"when\""});
  expectError(call("radar", "{}"), MF_ERR_NOT_FOUND, {"no tool 'radar'"});
}

TEST_F(WeatherToolsetTest, AnUpstream500IsUnavailableAndTheToolRecovers) {
  fake_->fault("500", "/v1/search");
  const tools::ToolResult failed = call("current", R"({"place":"Berlin"})");
  expectError(failed, MF_ERR_UNAVAILABLE, {"open-meteo geocoding answered 500"});
  EXPECT_EQ(failed.upstreamStatus, 500);
  fake_->clear();
  fake_->fault("500", "/v1/forecast");
  expectError(call("forecast", R"({"place":"Berlin"})"), MF_ERR_UNAVAILABLE,
              {"open-meteo forecast answered 500"});
  fake_->clear();
  okJson(call("forecast", R"({"place":"Berlin"})"));
}

TEST_F(WeatherToolsetTest, ABodyThatIsNotJsonOrLacksTheWeatherIsInternal) {
  fake_->fault("not-json", "/v1/search");
  expectError(call("current", R"({"place":"Berlin"})"), MF_ERR_INTERNAL,
              {"open-meteo geocoding", "not JSON"});
  fake_->clear();
  fake_->fault("wrong-shape", "/v1/forecast");
  expectError(call("current", R"({"place":"Berlin"})"), MF_ERR_INTERNAL,
              {"open-meteo forecast answered without current conditions"});
  expectError(call("forecast", R"({"place":"Berlin"})"), MF_ERR_INTERNAL,
              {"without a daily forecast"});
}

TEST_F(WeatherToolsetTest, ASlowUpstreamTimesOut) {
  fake_->fault("slow", "/v1/forecast");
  expectError(call("current", R"({"place":"Berlin"})"), MF_ERR_TIMEOUT,
              {"open-meteo forecast did not answer within 400 ms"});
}

TEST_F(WeatherToolsetTest, TheLiveToolFindsThePlaceInAMessage) {
  const json::Value out =
      okJson(call("lookup", R"({"query":"What's the weather like in Berlin tomorrow?"})"));
  EXPECT_EQ(out["understood_place"].asString(), "Berlin");
  EXPECT_EQ(out["place"]["country"].asString(), "Germany");
  EXPECT_EQ(out["current"]["conditions"].asString(), "overcast");
  EXPECT_EQ(out["days"].size(), 3u);

  const json::Value qualified =
      okJson(call("lookup", R"({"query":"Will it rain in Springfield, Illinois this weekend?"})"));
  EXPECT_EQ(qualified["understood_place"].asString(), "Springfield, Illinois");
  EXPECT_EQ(qualified["place"]["admin1"].asString(), "Illinois");

  const json::Value lower =
      okJson(call("lookup", R"({"query":"forecast for tomorrow in berlin please"})"));
  EXPECT_EQ(lower["understood_place"].asString(), "berlin");
}

TEST_F(WeatherToolsetTest, TheLiveToolSaysWhenAMessageNamesNoPlace) {
  expectError(call("lookup", R"({"query":"is it going to rain at 5pm?"})"), MF_ERR_INVALID,
              {"no place name found in the message"});
  expectError(call("lookup", R"({"query":"weather in Springfield today"})"), MF_ERR_INVALID,
              {"'Springfield' is ambiguous"});
}

TEST_F(WeatherToolsetTest, AFailedCallIsLoggedWithTheToolAndTheCause) {
  std::string logged;
  {
    const CapturedLog log("plugin.weather");
    expectError(call("current", R"({"place":"Xyzzyville"})"), MF_ERR_INVALID, {"Xyzzyville"});
    fake_->fault("500", "/v1/search");
    expectError(call("forecast", R"({"place":"Berlin"})"), MF_ERR_UNAVAILABLE, {"500"});
    logged = log.text();
  }
  EXPECT_NE(logged.find("weather.current failed: no place named 'Xyzzyville'"), std::string::npos)
      << logged;
  EXPECT_NE(logged.find("weather.forecast failed: open-meteo geocoding answered 500"),
            std::string::npos)
      << logged;
  // The instance keeps serving.
  fake_->clear();
  okJson(call("current", R"({"place":"Berlin"})"));
}

TEST_F(WeatherToolsetTest, SettingsComeFromPluginsSettingsWhenTheInstanceHasNone) {
  LoadedToolset fromHost("weather", "{}", {fake_->port()},
                         R"({"geocoding_url":")" + fake_->url("/v1/search") +
                             R"(","forecast_url":")" + fake_->url("/v1/forecast") + R"("})");
  ASSERT_TRUE(fromHost.get()) << fromHost.problem();
  EXPECT_EQ(
      okJson(fromHost->call("current", R"({"place":"Berlin"})"))["place"]["country"].asString(),
      "Germany");
}

TEST_F(WeatherToolsetTest, TheClearWinnerRatioIsASetting) {
  LoadedToolset strict("weather",
                       R"({"clear_winner_ratio":1000,"geocoding_url":")" +
                           fake_->url("/v1/search") + R"(","forecast_url":")" +
                           fake_->url("/v1/forecast") + R"("})",
                       {fake_->port()});
  ASSERT_TRUE(strict.get()) << strict.problem();
  // 3.4 million against 10 051 is a clear winner at 10, not at 1000.
  expectError(strict->call("current", R"({"place":"Berlin"})"), MF_ERR_INVALID,
              {"'Berlin' is ambiguous", "Germany", "New Hampshire"});
}

TEST(WeatherToolsetSettingsTest, ASettingOfTheWrongTypeIsRefusedAtCreate) {
  LoadedToolset weather("weather", R"({"timeout_ms":"soon"})", {});
  EXPECT_EQ(weather.get(), nullptr);
  EXPECT_NE(weather.problem().find("\"timeout_ms\" must be a positive integer"), std::string::npos)
      << weather.problem();
}

}  // namespace
}  // namespace manifold::test
