#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace news {

/// One headline, with what its source has of these.
struct Headline {
  std::string title;
  std::string url;        ///< the story; a discussion page when it links nowhere
  std::string publisher;  ///< the publication or site ("github.com", "BBC News")
  std::string time;       ///< ISO 8601, UTC
  std::optional<int64_t> score;
  std::optional<int64_t> comments;
};

/// Headlines from one news service. The news plugin holds one, chosen by
/// its "source" setting. Every failure is a manifold::Error with the
/// contract's code (tools-contract.md, "call_tool").
class NewsSource {
 public:
  virtual ~NewsSource() = default;

  /// Where the headlines come from, for the result ("Hacker News (Firebase API)").
  virtual std::string name() const = 0;
  /// The top stories now, at most `limit`.
  virtual std::vector<Headline> top(int limit) = 0;
  /// Stories about `query`, at most `limit`.
  virtual std::vector<Headline> search(const std::string& query, int limit) = 0;
};

}  // namespace news
