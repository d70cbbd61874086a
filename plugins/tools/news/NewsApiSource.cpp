#include "NewsApiSource.h"

#include "common/UrlQuery.h"

namespace news {
namespace {

namespace json = manifold::json;

// NewsAPI's error body: {"status":"error","code":"apiKeyInvalid","message":"..."}.
[[noreturn]] void refused(const std::string& upstream, const std::string& keyName,
                          const toolcommon::JsonReply& reply) {
  const std::string detail =
      reply.body["code"].asString() + ": " + reply.body["message"].asString();
  if (reply.status == 401)
    throw manifold::Error(MF_ERR_AUTH,
                          upstream + " refused the key in " + keyName + " (" + detail + ")", false,
                          reply.status);
  if (reply.status == 429)
    throw manifold::Error(MF_ERR_RATE_LIMITED, upstream + " is rate limiting (" + detail + ")",
                          true, reply.status);
  throw manifold::Error(MF_ERR_INVALID, upstream + " refused the request (" + detail + ")", false,
                        reply.status);
}

}  // namespace

NewsApiSource::NewsApiSource(manifold::Host host, std::string baseUrl, std::string apiKey,
                             std::string keyName, std::string country, int64_t timeoutMs)
    : upstream_(host, "NewsAPI.org", timeoutMs),
      baseUrl_(std::move(baseUrl)),
      apiKey_(std::move(apiKey)),
      keyName_(std::move(keyName)),
      country_(std::move(country)) {}

std::string NewsApiSource::name() const {
  return "NewsAPI.org";
}

std::vector<Headline> NewsApiSource::top(int limit) {
  return articles(
      toolcommon::withQuery(baseUrl_ + "/v2/top-headlines",
                            {{"country", country_}, {"pageSize", std::to_string(limit)}}));
}

std::vector<Headline> NewsApiSource::search(const std::string& query, int limit) {
  return articles(toolcommon::withQuery(
      baseUrl_ + "/v2/everything",
      {{"q", query}, {"sortBy", "publishedAt"}, {"pageSize", std::to_string(limit)}}));
}

std::vector<Headline> NewsApiSource::articles(const std::string& url) const {
  toolcommon::JsonRequestOptions options;
  options.headers.push_back({"X-Api-Key", apiKey_});
  options.returnClientErrors = true;
  const toolcommon::JsonReply reply = upstream_.get(url, options);
  if (reply.status >= 400 || reply.body["status"].asString() == "error")
    refused(upstream_.name(), keyName_, reply);
  if (!reply.body["articles"].isArray())
    throw manifold::Error(MF_ERR_INTERNAL,
                          upstream_.name() + " answered a body without \"articles\"");
  std::vector<Headline> headlines;
  for (const json::Value& article : reply.body["articles"].asArray()) {
    if (!article["title"].isString()) continue;
    Headline h;
    h.title = article["title"].asString();
    h.url = article["url"].asString();
    h.publisher = article["source"]["name"].asString();
    h.time = article["publishedAt"].asString();
    headlines.push_back(std::move(h));
  }
  return headlines;
}

}  // namespace news
