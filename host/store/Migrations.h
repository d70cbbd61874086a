#pragma once

#include <string_view>
#include <vector>

namespace manifold::store {

/// One SQL migration; versions start at 1 and increase without gaps.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// The files in schemas/migrations, in order, compiled into the binary.
const std::vector<Migration>& migrations();

}  // namespace manifold::store
