#include "TavilySearch.h"

namespace containers {
namespace {

namespace json = manifold::json;

// A model reads these; a few sentences of each page are enough.
constexpr size_t kSnippetBytes = 400;

std::string snippetOf(const std::string& content) {
  if (content.size() <= kSnippetBytes) return content;
  size_t cut = kSnippetBytes;
  while (cut > 0 && (static_cast<unsigned char>(content[cut]) & 0xC0) == 0x80) --cut;
  return content.substr(0, cut) + "...";
}

}  // namespace

TavilySearch::TavilySearch(manifold::Host host, std::string baseUrl, std::string apiKey,
                           std::string keyName, int maxResults, int64_t timeoutMs)
    : upstream_(host, "Tavily", timeoutMs),
      baseUrl_(std::move(baseUrl)),
      apiKey_(std::move(apiKey)),
      keyName_(std::move(keyName)),
      maxResults_(maxResults) {}

json::Value TavilySearch::search(const std::string& query) {
  json::Value body = json::Value::object();
  body.set("query", query);
  body.set("max_results", maxResults_);
  body.set("search_depth", "basic");
  toolcommon::JsonRequestOptions options;
  options.headers.push_back({"Authorization", "Bearer " + apiKey_});
  options.returnClientErrors = true;
  const toolcommon::JsonReply answer = upstream_.post(baseUrl_ + "/search", body, options);
  if (answer.status == 401)
    throw manifold::Error(MF_ERR_AUTH, "Tavily refused the key in " + keyName_, false, 401);
  if (answer.status >= 400)
    throw manifold::Error(MF_ERR_INVALID,
                          "Tavily refused the search (" + std::to_string(answer.status) +
                              "): " + json::stringify(answer.body["detail"]),
                          false, answer.status);
  const json::Value& reply = answer.body;
  if (!reply["results"].isArray())
    throw manifold::Error(MF_ERR_INTERNAL, "Tavily answered a body without \"results\"");
  json::Value results = json::Value::array();
  for (const json::Value& r : reply["results"].asArray()) {
    if (!r["url"].isString()) continue;
    json::Value item = json::Value::object();
    item.set("title", r["title"].asString());
    item.set("url", r["url"].asString());
    item.set("snippet", snippetOf(r["content"].asString()));
    results.push(std::move(item));
  }
  return results;
}

}  // namespace containers
