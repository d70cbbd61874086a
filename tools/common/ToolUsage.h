#pragma once

#include <optional>
#include <set>
#include <string>

namespace manifold::tools {

/// A tool's name and usage text, and the way every tool answers bad usage:
/// "tool: what is wrong", then the usage, on standard error, exit status 2.
class ToolUsage {
 public:
  ToolUsage(std::string tool, std::string usage)
      : tool_(std::move(tool)), usage_(std::move(usage)) {}

  /// Prints the message and the usage; returns the exit status 2.
  int error(const std::string& message) const;

  /// For tools whose first argument is a command: an exit status when argv[1]
  /// is --help (0, usage printed) or not one of `commands` (2); otherwise none.
  std::optional<int> checkCommand(int argc, char** argv,
                                  const std::set<std::string>& commands) const;

 private:
  std::string tool_;
  std::string usage_;
};

}  // namespace manifold::tools
