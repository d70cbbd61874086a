#pragma once

#include <string>

#include "StatusSearch.h"
#include "common/JsonUpstream.h"

namespace containers {

/// Tavily's search API: POST {base_url}/search with the key as a bearer
/// token, {"query", "max_results", "search_depth": "basic"}; the answer's
/// "results" are {"title","url","content","score"}.
class TavilySearch : public StatusSearch {
 public:
  /// `keyName` names the secret in messages; the key itself is never shown.
  TavilySearch(manifold::Host host, std::string baseUrl, std::string apiKey, std::string keyName,
               int maxResults, int64_t timeoutMs);

  std::string name() const override { return "Tavily web search"; }
  manifold::json::Value search(const std::string& query) override;

 private:
  toolcommon::JsonUpstream upstream_;
  std::string baseUrl_;
  std::string apiKey_;
  std::string keyName_;
  int maxResults_;
};

}  // namespace containers
