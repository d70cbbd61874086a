#pragma once

#include <string>

#include "NewsSource.h"
#include "common/JsonUpstream.h"

namespace news {

/// Hacker News, no key: top stories from the official Firebase API
/// (`{base_url}/topstories.json`, then `{base_url}/item/<id>.json` for each,
/// fetched `parallelFetches` at a time) and searches from the Algolia HN
/// Search API (`{search_url}/search?query=...&tags=story`).
class HackerNewsSource : public NewsSource {
 public:
  HackerNewsSource(manifold::Host host, std::string baseUrl, std::string searchUrl,
                   int64_t timeoutMs, int parallelFetches);

  std::string name() const override;
  std::vector<Headline> top(int limit) override;
  std::vector<Headline> search(const std::string& query, int limit) override;

 private:
  /// The first `count` of `ids`, fetched `parallelFetches_` at a time; the
  /// first failure fails them all.
  std::vector<std::optional<Headline>> items(const manifold::json::Value& ids, size_t count) const;
  /// One item; nullopt for a deleted item or one that is not a story.
  std::optional<Headline> item(int64_t id) const;

  toolcommon::JsonUpstream firebase_;
  toolcommon::JsonUpstream algolia_;
  std::string baseUrl_;
  std::string searchUrl_;
  int parallelFetches_;
};

}  // namespace news
