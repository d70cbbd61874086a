#include "HackerNewsSource.h"

#include <atomic>
#include <exception>
#include <system_error>
#include <thread>

#include "common/UrlQuery.h"
#include "common/UtcTime.h"

namespace news {
namespace {

namespace json = manifold::json;

const std::string kDiscussionPage = "https://news.ycombinator.com/item?id=";

// "https://github.com/a/b" -> "github.com"
std::string hostOf(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  std::string host = url.substr(start, url.find_first_of("/?#", start) - start);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

std::optional<int64_t> intField(const json::Value& object, std::string_view name) {
  const json::Value* v = object.find(name);
  return v && v->isNumber() ? std::optional<int64_t>(v->asInt()) : std::nullopt;
}

[[noreturn]] void wrongShape(const std::string& upstream, const std::string& what) {
  throw manifold::Error(MF_ERR_INTERNAL, upstream + " answered " + what);
}

}  // namespace

HackerNewsSource::HackerNewsSource(manifold::Host host, std::string baseUrl, std::string searchUrl,
                                   int64_t timeoutMs, int parallelFetches)
    : firebase_(host, "the Hacker News API", timeoutMs),
      algolia_(host, "the Algolia HN Search API", timeoutMs),
      baseUrl_(std::move(baseUrl)),
      searchUrl_(std::move(searchUrl)),
      parallelFetches_(parallelFetches < 1 ? 1 : parallelFetches) {}

std::string HackerNewsSource::name() const {
  return "Hacker News";
}

std::vector<Headline> HackerNewsSource::top(int limit) {
  const json::Value ids = firebase_.get(baseUrl_ + "/topstories.json").body;
  if (!ids.isArray()) wrongShape(firebase_.name(), "top stories that are not a list of item ids");
  std::vector<Headline> headlines;
  for (std::optional<Headline>& h : items(ids, std::min(ids.size(), static_cast<size_t>(limit))))
    if (h) headlines.push_back(std::move(*h));
  return headlines;
}

std::vector<std::optional<Headline>> HackerNewsSource::items(const json::Value& ids,
                                                             size_t count) const {
  // The host's fetch may be called from any thread (plugin.h), so the items
  // are fetched a few at a time; each slot is written by one worker.
  std::vector<std::optional<Headline>> found(count);
  std::vector<std::exception_ptr> failures(count);
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t i = next++; i < count; i = next++) {
      try {
        if (!ids[i].isInt()) wrongShape(firebase_.name(), "an item id that is not a number");
        found[i] = item(ids[i].asInt());
      } catch (...) {
        failures[i] = std::current_exception();
        next = count;  // the call fails; the other workers stop after their item
      }
    }
  };
  std::vector<std::thread> workers;
  const size_t threads = std::min(count, static_cast<size_t>(parallelFetches_));
  try {
    for (size_t t = 1; t < threads; ++t) workers.emplace_back(work);
  } catch (const std::system_error&) {
    // No more threads to be had: the ones started and this one do the work.
  }
  work();
  for (std::thread& worker : workers) worker.join();

  // A story that could not be read fails the call: a model should not be told
  // a partial front page is the whole of it.
  for (const std::exception_ptr& failure : failures)
    if (failure) std::rethrow_exception(failure);
  return found;
}

std::optional<Headline> HackerNewsSource::item(int64_t id) const {
  const json::Value story = firebase_.get(baseUrl_ + "/item/" + std::to_string(id) + ".json").body;
  if (story.isNull()) return std::nullopt;  // the API answers null for an item it does not have
  if (!story.isObject()) wrongShape(firebase_.name(), "an item that is not an object");
  if (story["deleted"].asBool() || story["dead"].asBool() || !story["title"].isString())
    return std::nullopt;
  Headline h;
  h.title = story["title"].asString();
  h.url = story["url"].asString().empty() ? kDiscussionPage + std::to_string(id)
                                          : story["url"].asString();
  h.publisher = hostOf(h.url);
  if (const std::optional<int64_t> time = intField(story, "time"))
    h.time = toolcommon::isoUtc(*time);
  h.score = intField(story, "score");
  h.comments = intField(story, "descendants");
  return h;
}

std::vector<Headline> HackerNewsSource::search(const std::string& query, int limit) {
  const json::Value reply =
      algolia_
          .get(toolcommon::withQuery(
              searchUrl_ + "/search",
              {{"query", query}, {"tags", "story"}, {"hitsPerPage", std::to_string(limit)}}))
          .body;
  if (!reply["hits"].isArray()) wrongShape(algolia_.name(), "a search result without \"hits\"");
  std::vector<Headline> headlines;
  for (const json::Value& hit : reply["hits"].asArray()) {
    if (!hit["title"].isString()) continue;
    Headline h;
    h.title = hit["title"].asString();
    h.url = hit["url"].asString().empty() ? kDiscussionPage + hit["objectID"].asString()
                                          : hit["url"].asString();
    h.publisher = hostOf(h.url);
    if (const std::optional<int64_t> time = intField(hit, "created_at_i"))
      h.time = toolcommon::isoUtc(*time);
    else
      h.time = hit["created_at"].asString();
    h.score = intField(hit, "points");
    h.comments = intField(hit, "num_comments");
    headlines.push_back(std::move(h));
    if (static_cast<int>(headlines.size()) == limit) break;
  }
  return headlines;
}

}  // namespace news
