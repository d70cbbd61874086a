#pragma once

#include <string>

namespace manifold::test {

/// What `promtool check metrics` said of an exposition.
struct PromtoolVerdict {
  bool found = false;  ///< promtool is installed
  int exitCode = -1;
  std::string output;
};

/// Runs Debian's `promtool check metrics` over `exposition` (on stdin).
/// A missing promtool is reported, never skipped: the test command installs
/// it (packaging/install-deps.sh --test).
PromtoolVerdict promtoolCheck(const std::string& exposition);

}  // namespace manifold::test
