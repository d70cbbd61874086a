#pragma once

#include <string>

#include "NewsSource.h"
#include "common/JsonUpstream.h"

namespace news {

/// NewsAPI.org, with a key sent as X-Api-Key: top headlines from
/// `{base_url}/v2/top-headlines?country=...` and searches from
/// `{base_url}/v2/everything?q=...&sortBy=publishedAt`.
class NewsApiSource : public NewsSource {
 public:
  NewsApiSource(manifold::Host host, std::string baseUrl, std::string apiKey, std::string keyName,
                std::string country, int64_t timeoutMs);

  std::string name() const override;
  std::vector<Headline> top(int limit) override;
  std::vector<Headline> search(const std::string& query, int limit) override;

 private:
  std::vector<Headline> articles(const std::string& url) const;

  toolcommon::JsonUpstream upstream_;
  std::string baseUrl_;
  std::string apiKey_;
  std::string keyName_;  ///< the secret's name, for messages; never the key itself
  std::string country_;
};

}  // namespace news
