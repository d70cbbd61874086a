#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace manifold::tools {

/// The arguments of a command-line tool: `--name value` or `--name=value`
/// options, `--flag` switches, and positional words, in any order.
class CommandLine {
 public:
  /// Reads argv[first..argc). `switches` names the options that take no value;
  /// every other option must be known (`valued`) and have one.
  CommandLine(int argc, char** argv, int first, const std::set<std::string>& valued,
              const std::set<std::string>& switches = {});

  /// Empty when the arguments parsed; otherwise what is wrong with them.
  const std::string& error() const { return error_; }

  std::optional<std::string> value(const std::string& name) const;
  bool has(const std::string& name) const { return options_.count(name) > 0; }
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> options_;
  std::vector<std::string> positional_;
  std::string error_;
};

}  // namespace manifold::tools
