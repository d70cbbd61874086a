// The news plugin (news.so, loaded as the host loads it) against a fake of
// its upstreams on loopback (tests/fakes/news/server.mjs): the Hacker News
// Firebase API, the Algolia HN Search API and NewsAPI.org.
#include <gtest/gtest.h>

#include <cstdlib>

#include "plugins/tools/ToolsetFakeTest.h"

namespace manifold::test {
namespace {

const char* const kKeyVariable = "MANIFOLD_TEST_NEWSAPI_KEY";
const char* const kUnsetVariable = "MANIFOLD_TEST_NEWSAPI_KEY_UNSET";
const char* const kKey = "newsapi-test-key";

std::vector<std::string> titles(const json::Value& out) {
  std::vector<std::string> found;
  for (const json::Value& h : out["headlines"].asArray()) found.push_back(h["title"].asString());
  return found;
}

class NewsToolsetTest : public ToolsetFakeTest {
 protected:
  void SetUp() override {
    setenv(kKeyVariable, kKey, 1);
    unsetenv(kUnsetVariable);
    startFake("news", {"--key", kKey});
  }

  /// Hacker News through the fake.
  std::unique_ptr<LoadedToolset> hackerNews() const {
    return load("news", R"({"base_url":")" + fake_->url("/v0") + R"(","search_url":")" +
                            fake_->url("/api/v1") + R"(","timeout_ms":300})");
  }

  /// NewsAPI.org through the fake, its key in `keyVariable`.
  std::unique_ptr<LoadedToolset> newsApi(const std::string& keyVariable = kKeyVariable) const {
    return load("news", R"({"source":"newsapi","base_url":")" + fake_->url() +
                            R"(","api_key_env":")" + keyVariable + R"(","timeout_ms":300})");
  }
};

TEST_F(NewsToolsetTest, DeclaresTopSearchAndALiveHeadlinesTool) {
  auto news = hackerNews();
  const std::vector<tools::ToolDefinition> tools = (*news)->tools();
  ASSERT_EQ(tools.size(), 3u);
  EXPECT_EQ(tools[0].name, "top");
  EXPECT_EQ(tools[1].name, "search");
  EXPECT_EQ(tools[2].name, "headlines");
  EXPECT_TRUE(tools[0].liveIntents.empty());
  const std::vector<std::string>& intents = tools[2].liveIntents;
  EXPECT_NE(std::find(intents.begin(), intents.end(), "news"), intents.end());
  EXPECT_NE(std::find(intents.begin(), intents.end(), "headlines"), intents.end());
  EXPECT_GT(tools[0].cacheTtlMs, 0);
  const json::Value top = *json::parse(tools[0].parametersJson);
  EXPECT_EQ(top["properties"]["limit"]["maximum"].asInt(), 20);
  EXPECT_EQ(json::parse(tools[1].parametersJson).value()["required"][0].asString(), "query");
}

TEST_F(NewsToolsetTest, TopReadsTheTopStoriesAndTheirItems) {
  auto news = hackerNews();
  const json::Value out = okJson((*news)->call("top", R"({"limit":5})"));
  EXPECT_EQ(out["source"].asString(), "Hacker News");
  EXPECT_FALSE(out["retrieved_at"].asString().empty());
  const json::Value& list = out["headlines"];
  ASSERT_EQ(list.size(), 5u);
  EXPECT_EQ(list[0]["title"].asString(), "My YC app: Dropbox - Throw away your USB drive");
  EXPECT_EQ(list[0]["url"].asString(), "http://www.getdropbox.com/u/2/screencast.html");
  EXPECT_EQ(list[0]["source"].asString(), "getdropbox.com");
  EXPECT_EQ(list[0]["time"].asString(), "2007-04-04T19:16:40Z");
  EXPECT_EQ(list[0]["score"].asInt(), 111);
  EXPECT_EQ(list[0]["comments"].asInt(), 71);
  // An Ask HN has no url and a job an empty one: both link to their discussion.
  EXPECT_EQ(list[1]["url"].asString(), "https://news.ycombinator.com/item?id=121003");
  EXPECT_EQ(list[2]["url"].asString(), "https://news.ycombinator.com/item?id=192327");

  EXPECT_EQ(fake_->requestsTo("/v0/topstories.json").size(), 1u);
  EXPECT_EQ(fake_->requestsUnder("/v0/item/").size(), 5u);
}

TEST_F(NewsToolsetTest, TopLeavesOutDeletedAndMissingItems) {
  auto news = hackerNews();
  const json::Value out = okJson((*news)->call("top", R"({"limit":20})"));
  // 20 ids are read; 39000011 is deleted.
  EXPECT_EQ(out["headlines"].size(), 19u);
  for (const json::Value& h : out["headlines"].asArray()) {
    EXPECT_FALSE(h["title"].asString().empty());
    EXPECT_EQ(h["url"].asString().find("39000011"), std::string::npos);
  }
  EXPECT_EQ(fake_->requestsTo("/v0/item/39000011.json").size(), 1u);
}

TEST_F(NewsToolsetTest, TheLimitIsChecked) {
  auto news = hackerNews();
  expectError((*news)->call("top", R"({"limit":0})"), MF_ERR_INVALID,
              "\"limit\" must be between 1 and 20, not 0");
  expectError((*news)->call("top", R"({"limit":21})"), MF_ERR_INVALID, "not 21");
  expectError((*news)->call("top", R"({"limit":"five"})"), MF_ERR_INVALID,
              "\"limit\" must be a number");
  EXPECT_TRUE(fake_->ledger().empty());
}

TEST_F(NewsToolsetTest, SearchAsksAlgoliaForStories) {
  auto news = hackerNews();
  const json::Value out = okJson((*news)->call("search", R"({"query":"rust","limit":5})"));
  EXPECT_EQ(out["query"].asString(), "rust");
  EXPECT_EQ(titles(out), (std::vector<std::string>{"Rust 2.0 compiler released with faster builds",
                                                   "Why the Rust borrow checker rejects this code",
                                                   "Ask HN: Is Rust worth learning in 2026?"}));
  const json::Value& first = out["headlines"][0];
  EXPECT_EQ(first["url"].asString(), "https://blog.rust-lang.org/2026/12/01/rust-2.0.html");
  EXPECT_EQ(first["time"].asString(), "2026-12-01T14:03:11Z");
  EXPECT_EQ(first["score"].asInt(), 812);
  EXPECT_EQ(first["comments"].asInt(), 301);
  EXPECT_EQ(out["headlines"][2]["url"].asString(), "https://news.ycombinator.com/item?id=39100003");

  const std::vector<json::Value> sent = fake_->requestsTo("/api/v1/search");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["query"]["query"].asString(), "rust");
  EXPECT_EQ(sent[0]["query"]["tags"].asString(), "story");
  EXPECT_EQ(sent[0]["query"]["hitsPerPage"].asString(), "5");
}

TEST_F(NewsToolsetTest, ASearchWithNoHitsSaysSo) {
  auto news = hackerNews();
  const json::Value out = okJson((*news)->call("search", R"({"query":"xyzzy plugh"})"));
  EXPECT_EQ(out["headlines"].size(), 0u);
  EXPECT_NE(out["note"].asString().find("no stories found about \"xyzzy plugh\""),
            std::string::npos);
}

TEST_F(NewsToolsetTest, SearchNeedsAQuery) {
  auto news = hackerNews();
  expectError((*news)->call("search", R"({})"), MF_ERR_INVALID, "\"query\" is required");
  expectError((*news)->call("search", R"({"query":"  "})"), MF_ERR_INVALID, "\"query\" is empty");
}

TEST_F(NewsToolsetTest, TheLiveToolSearchesTheTopicAMessageNames) {
  auto news = hackerNews();
  const json::Value out = okJson((*news)->call(
      "headlines", argsWith("query", "Any news about the Rust borrow checker today?")));
  EXPECT_EQ(out["kind"].asString(), "search");
  EXPECT_EQ(out["query"].asString(), "Rust borrow checker");
  EXPECT_EQ(titles(out),
            (std::vector<std::string>{"Why the Rust borrow checker rejects this code"}));
}

TEST_F(NewsToolsetTest, TheLiveToolFindsATopicWithoutAMarkerWord) {
  auto news = hackerNews();
  const json::Value out = okJson((*news)->call("headlines", argsWith("query", "latest Rust news")));
  EXPECT_EQ(out["query"].asString(), "Rust");
  EXPECT_EQ(out["headlines"].size(), 3u);
}

TEST_F(NewsToolsetTest, TheLiveToolGivesTopStoriesWhenNoTopicIsNamed) {
  auto news = hackerNews();
  const json::Value out =
      okJson((*news)->call("headlines", argsWith("query", "What are today's top headlines?")));
  EXPECT_EQ(out["kind"].asString(), "top");
  EXPECT_FALSE(out.contains("query"));
  EXPECT_EQ(out["headlines"].size(), 10u);
  EXPECT_TRUE(fake_->requestsTo("/api/v1/search").empty());
}

TEST_F(NewsToolsetTest, AnUpstream500IsUnavailable) {
  auto news = hackerNews();
  fake_->fault("500", "/v0/topstories.json");
  const tools::ToolResult result = (*news)->call("top", R"({"limit":3})");
  expectError(result, MF_ERR_UNAVAILABLE, "the Hacker News API answered 500");
  EXPECT_EQ(result.upstreamStatus, 500);
}

TEST_F(NewsToolsetTest, AFailingItemFailsTheTopStories) {
  auto news = hackerNews();
  fake_->fault("500", "/v0/item/", 1);
  expectError((*news)->call("top", R"({"limit":3})"), MF_ERR_UNAVAILABLE,
              "the Hacker News API answered 500");
  // The fault was for one request; the plugin keeps serving.
  EXPECT_EQ(okJson((*news)->call("top", R"({"limit":3})"))["headlines"].size(), 3u);
}

TEST_F(NewsToolsetTest, ABodyThatIsNotJsonIsInternal) {
  auto news = hackerNews();
  fake_->fault("not-json", "/api/v1/search");
  expectError((*news)->call("search", R"({"query":"rust"})"), MF_ERR_INTERNAL,
              "the Algolia HN Search API answered a body that is not JSON");
}

TEST_F(NewsToolsetTest, AnswersOfTheWrongShapeAreInternal) {
  auto news = hackerNews();
  fake_->fault("wrong-shape");
  expectError((*news)->call("top", R"({})"), MF_ERR_INTERNAL, "not a list of item ids");
  expectError((*news)->call("search", R"({"query":"rust"})"), MF_ERR_INTERNAL, "without \"hits\"");
}

TEST_F(NewsToolsetTest, ASlowUpstreamTimesOut) {
  auto news = hackerNews();
  fake_->fault("slow", "/api/v1/search", 1, 3000);
  expectError((*news)->call("search", R"({"query":"rust"})"), MF_ERR_TIMEOUT,
              "the Algolia HN Search API did not answer within 300 ms");
}

TEST_F(NewsToolsetTest, AnUnknownToolIsNotFound) {
  auto news = hackerNews();
  expectError((*news)->call("weather", R"({})"), MF_ERR_NOT_FOUND, "news has no tool 'weather'");
}

TEST_F(NewsToolsetTest, NewsApiGivesTopHeadlinesWithItsKey) {
  auto news = newsApi();
  const json::Value out = okJson((*news)->call("top", R"({"limit":3})"));
  EXPECT_EQ(out["source"].asString(), "NewsAPI.org");
  ASSERT_EQ(out["headlines"].size(), 3u);
  const json::Value& first = out["headlines"][0];
  EXPECT_EQ(first["title"].asString(), "Container ship traffic returns to the Red Sea");
  EXPECT_EQ(first["source"].asString(), "BBC News");
  EXPECT_EQ(first["time"].asString(), "2026-12-04T09:15:00Z");
  EXPECT_FALSE(first.contains("score"));

  const std::vector<json::Value> sent = fake_->requestsTo("/v2/top-headlines");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["headers"]["x-api-key"].asString(), kKey);
  EXPECT_EQ(sent[0]["query"]["country"].asString(), "us");
  EXPECT_EQ(sent[0]["query"]["pageSize"].asString(), "3");
}

TEST_F(NewsToolsetTest, NewsApiSearchesEverything) {
  auto news = newsApi();
  const json::Value out = okJson((*news)->call("search", R"({"query":"rust"})"));
  EXPECT_EQ(titles(out), (std::vector<std::string>{"Rust 2.0 is here"}));
  const std::vector<json::Value> sent = fake_->requestsTo("/v2/everything");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["query"]["q"].asString(), "rust");
}

TEST_F(NewsToolsetTest, NewsApiWithoutItsKeyRefusesToStartNamingTheVariable) {
  LoadedToolset news(
      "news", R"({"source":"newsapi","api_key_env":")" + std::string(kUnsetVariable) + R"("})",
      {fake_->port()});
  EXPECT_EQ(news.get(), nullptr);
  EXPECT_NE(news.problem().find(kUnsetVariable), std::string::npos) << news.problem();
}

TEST_F(NewsToolsetTest, NewsApiRefusingTheKeyIsAnAuthError) {
  setenv(kKeyVariable, "a-wrong-key", 1);
  auto news = newsApi();
  const tools::ToolResult result = (*news)->call("top", R"({})");
  expectError(result, MF_ERR_AUTH, "apiKeyInvalid");
  EXPECT_NE(result.message.find(kKeyVariable), std::string::npos) << result.message;
  EXPECT_EQ(result.message.find("a-wrong-key"), std::string::npos);
}

TEST_F(NewsToolsetTest, ASettingOfTheWrongTypeRefusesTheInstance) {
  LoadedToolset news("news", R"({"parallel_fetches":"many"})", {fake_->port()});
  EXPECT_EQ(news.get(), nullptr);
  EXPECT_NE(news.problem().find("parallel_fetches"), std::string::npos) << news.problem();
}

TEST_F(NewsToolsetTest, AnUnknownSourceRefusesTheInstance) {
  LoadedToolset news("news", R"({"source":"reddit"})", {fake_->port()});
  EXPECT_EQ(news.get(), nullptr);
  EXPECT_NE(news.problem().find("unknown source \"reddit\""), std::string::npos) << news.problem();
}

}  // namespace
}  // namespace manifold::test
