#include "NewsToolset.h"

#include "HackerNewsSource.h"
#include "NewsApiSource.h"
#include "NewsTopic.h"
#include "common/ToolArguments.h"
#include "common/ToolCall.h"
#include "common/ToolDeclaration.h"
#include "common/ToolSettings.h"
#include "common/UtcTime.h"

namespace news {
namespace {

namespace json = manifold::json;
using toolcommon::ToolArguments;

constexpr int64_t kMaxLimit = 20;
constexpr int64_t kDefaultLimit = 10;
// Headlines move; the host may serve the same answer again for five minutes.
constexpr int64_t kCacheTtlMs = 5 * 60 * 1000;

std::unique_ptr<NewsSource> makeSource(const manifold::Host& host,
                                       const toolcommon::ToolSettings& settings) {
  const std::string source = settings.string("source", "hackernews");
  const int64_t timeoutMs = settings.timeoutMs();
  if (source == "hackernews")
    return std::make_unique<HackerNewsSource>(
        host, settings.url("base_url", "https://hacker-news.firebaseio.com/v0"),
        settings.url("search_url", "https://hn.algolia.com/api/v1"), timeoutMs,
        static_cast<int>(std::min<int64_t>(settings.positiveInt("parallel_fetches", 8), 16)));
  if (source == "newsapi") {
    const std::string keyName = settings.string("api_key_env", "NEWSAPI_KEY");
    const std::optional<std::string> key = host.secret(keyName);
    if (!key || key->empty())
      throw manifold::Error(MF_ERR_INVALID, "news: the source \"newsapi\" needs its API key in " +
                                                keyName + ", which is not set");
    return std::make_unique<NewsApiSource>(host, settings.url("base_url", "https://newsapi.org"),
                                           *key, keyName, settings.string("country", "us"),
                                           timeoutMs);
  }
  throw manifold::Error(MF_ERR_INVALID,
                        "news: unknown source \"" + source + "\"; known: hackernews, newsapi");
}

int limitOf(const ToolArguments& args) {
  const int64_t limit = args.optionalInt("limit").value_or(kDefaultLimit);
  if (limit < 1 || limit > kMaxLimit)
    args.invalid("\"limit\" must be between 1 and " + std::to_string(kMaxLimit) + ", not " +
                 std::to_string(limit));
  return static_cast<int>(limit);
}

json::Value limitProperty() {
  return toolcommon::integerProperty("How many headlines, 1 to 20 (default 10)", 1, kMaxLimit);
}

}  // namespace

NewsToolset::NewsToolset(manifold::Host host, std::string_view configJson) : host_(host) {
  const toolcommon::ToolSettings settings(host, configJson, kPluginId);
  source_ = makeSource(host, settings);
  host.info("news: headlines from " + source_->name());
}

std::string NewsToolset::listTools() {
  using toolcommon::objectSchema;
  using toolcommon::stringProperty;
  const std::string from = " from " + source_->name() + ".";
  return toolcommon::toolList({
      {"top",
       "The top news stories right now" + from,
       objectSchema({{"limit", limitProperty()}}, {}),
       {},
       kCacheTtlMs},
      {"search",
       "Recent news stories about a topic" + from,
       objectSchema({{"query", stringProperty("What to search for, e.g. \"Rust compiler\"")},
                     {"limit", limitProperty()}},
                    {"query"}),
       {},
       kCacheTtlMs},
      {"headlines",
       "Headlines for a chat message: the stories about the topic it names, or the top "
       "stories when it names none" +
           from,
       toolcommon::liveQuerySchema(),
       {"news", "headlines", "headline", "latest news", "top stories", "hacker news"},
       kCacheTtlMs},
  });
}

std::string NewsToolset::callTool(std::string_view name, std::string_view argumentsJson) {
  return toolcommon::runLogged(host_, kPluginId, name, [&] {
    if (name == "top") return top(argumentsJson);
    if (name == "search") return search(argumentsJson);
    if (name == "headlines") return headlines(argumentsJson);
    toolcommon::unknownTool(kPluginId, name, "top, search, headlines");
  });
}

std::string NewsToolset::top(std::string_view argumentsJson) {
  const ToolArguments args("top", argumentsJson);
  args.allowOnly({"limit"});
  return answer("top", "", source_->top(limitOf(args)));
}

std::string NewsToolset::search(std::string_view argumentsJson) {
  const ToolArguments args("search", argumentsJson);
  args.allowOnly({"query", "limit"});
  const std::string query = args.requiredString("query");
  return answer("search", query, source_->search(query, limitOf(args)));
}

std::string NewsToolset::headlines(std::string_view argumentsJson) {
  const ToolArguments args("headlines", argumentsJson);
  args.allowOnly({"query"});
  const std::string topic = newsTopicIn(args.requiredString("query"));
  if (topic.empty()) return answer("top", "", source_->top(kDefaultLimit));
  return answer("search", topic, source_->search(topic, kDefaultLimit));
}

std::string NewsToolset::answer(const std::string& kind, const std::string& topic,
                                const std::vector<Headline>& headlines) const {
  json::Value out = json::Value::object();
  out.set("source", source_->name());
  out.set("retrieved_at", toolcommon::isoUtc(host_.nowUnixMs() / 1000));
  out.set("kind", kind);
  if (!topic.empty()) out.set("query", topic);
  json::Value list = json::Value::array();
  for (const Headline& h : headlines) {
    json::Value item = json::Value::object();
    item.set("title", h.title);
    item.set("url", h.url);
    if (!h.publisher.empty()) item.set("source", h.publisher);
    if (!h.time.empty()) item.set("time", h.time);
    if (h.score) item.set("score", *h.score);
    if (h.comments) item.set("comments", *h.comments);
    list.push(std::move(item));
  }
  if (headlines.empty())
    out.set("note", topic.empty() ? "no stories" : "no stories found about \"" + topic + "\"");
  out.set("headlines", std::move(list));
  return json::stringify(out);
}

}  // namespace news
