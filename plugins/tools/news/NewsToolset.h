#pragma once

#include <manifold/plugin.hpp>

#include <memory>
#include <string>

#include "NewsSource.h"

namespace news {

/// The news toolset: `top`, `search` and the live tool `headlines`, over the
/// NewsSource the settings choose (README.md).
class NewsToolset : public manifold::Toolset {
 public:
  static constexpr const char* kPluginId = "news";

  /// Throws manifold::Error (MF_ERR_INVALID) for a bad setting, an unknown
  /// source, or a keyed source whose key is not set (naming the variable).
  NewsToolset(manifold::Host host, std::string_view configJson);

  std::string listTools() override;
  std::string callTool(std::string_view name, std::string_view argumentsJson) override;

 private:
  std::string top(std::string_view argumentsJson);
  std::string search(std::string_view argumentsJson);
  std::string headlines(std::string_view argumentsJson);
  /// The result: where and when, the topic when there is one, the headlines.
  std::string answer(const std::string& kind, const std::string& topic,
                     const std::vector<Headline>& headlines) const;

  manifold::Host host_;
  std::unique_ptr<NewsSource> source_;
};

}  // namespace news
