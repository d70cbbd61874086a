#include "tools/ToolPatterns.h"

namespace manifold::tools {

ToolPatterns::ToolPatterns(const std::vector<std::string>& patterns) {
  for (const std::string& text : patterns) {
    if (text == "*") {
      patterns_.push_back({"*", "*"});
      continue;
    }
    std::string rest = text;
    char separator = '.';
    if (rest.rfind("mcp:", 0) == 0) {
      rest = rest.substr(4);
      separator = '/';
    }
    const size_t at = rest.find(separator);
    if (at == std::string::npos) continue;  // the config schema lets none through
    patterns_.push_back({rest.substr(0, at), rest.substr(at + 1)});
  }
}

ToolPatterns ToolPatterns::everything() {
  return ToolPatterns({"*"});
}

bool ToolPatterns::allows(const ToolDefinition& tool) const {
  for (const Pattern& p : patterns_)
    if ((p.toolset == "*" || p.toolset == tool.toolset) && (p.name == "*" || p.name == tool.name))
      return true;
  return false;
}

}  // namespace manifold::tools
