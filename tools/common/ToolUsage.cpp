#include "ToolUsage.h"

#include <iostream>

namespace manifold::tools {

int ToolUsage::error(const std::string& message) const {
  std::cerr << tool_ << ": " << message << "\n" << usage_;
  return 2;
}

std::optional<int> ToolUsage::checkCommand(int argc, char** argv,
                                           const std::set<std::string>& commands) const {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "--help" || command == "-h") {
    std::cout << usage_;
    return 0;
  }
  if (command.empty()) return error("no command given");
  if (!commands.count(command)) return error("unknown command \"" + command + "\"");
  return std::nullopt;
}

}  // namespace manifold::tools
