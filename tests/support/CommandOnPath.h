#pragma once

#include <string>

namespace manifold::test {

/// Whether an executable named `command` is in one of PATH's folders, so a
/// test that needs it can skip, saying so, where it is missing.
bool commandOnPath(const std::string& command);

}  // namespace manifold::test
