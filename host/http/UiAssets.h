#pragma once

#include <string_view>
#include <vector>

namespace manifold::http {

/// One of the dashboard's static files, compiled in from host/ui/ at build
/// time (host/ui/embed.cmake).
struct UiAsset {
  std::string_view name;  ///< the file name, e.g. "index.html"
  std::string_view body;
  std::string_view etag;  ///< quoted, from the file's SHA-256
};

/// Every dashboard file, sorted by name. Generated.
const std::vector<UiAsset>& uiAssets();

}  // namespace manifold::http
