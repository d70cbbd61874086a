#pragma once

#include <string>
#include <vector>

namespace manifold::test {

/// What a command on PATH writes to standard output, fed `input`; the test
/// fails when it exits non-zero.
std::string commandOutput(const std::string& command, const std::vector<std::string>& args,
                          const std::string& input = "");

}  // namespace manifold::test
