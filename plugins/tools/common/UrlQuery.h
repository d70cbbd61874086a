#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace toolcommon {

/// Percent-encodes everything but RFC 3986's unreserved characters.
std::string urlEncode(std::string_view text);

/// `base` with "?k=v&k=v" appended (or "&..." when base has a query already);
/// names and values are percent-encoded. An empty list leaves base as it is.
std::string withQuery(std::string base,
                      const std::vector<std::pair<std::string, std::string>>& query);

}  // namespace toolcommon
