#include "CommandLine.h"

namespace manifold::tools {

CommandLine::CommandLine(int argc, char** argv, int first, const std::set<std::string>& valued,
                         const std::set<std::string>& switches) {
  for (int i = first; i < argc && error_.empty(); ++i) {
    std::string arg = argv[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inlineValue;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name.resize(eq);
    }
    if (switches.count(name)) {
      if (inlineValue) error_ = "option --" + name + " takes no value";
      options_[name] = "";
    } else if (!valued.count(name)) {
      error_ = "unknown option --" + name;
    } else if (inlineValue) {
      options_[name] = *inlineValue;
    } else if (i + 1 < argc) {
      options_[name] = argv[++i];
    } else {
      error_ = "option --" + name + " needs a value";
    }
  }
}

std::optional<std::string> CommandLine::value(const std::string& name) const {
  const auto it = options_.find(name);
  if (it == options_.end()) return std::nullopt;
  return it->second;
}

}  // namespace manifold::tools
