#include "tools/LiveIntents.h"

#include <memory>

#include "router/NormalizedText.h"
#include "router/WordPattern.h"

namespace manifold::tools {

bool liveIntentsMatch(const ToolDefinition& tool, std::string_view message) {
  if (tool.liveIntents.empty()) return false;
  // Large (a word table for the router's whole prefix): not on the stack.
  const auto text = std::make_unique<router::NormalizedText>(message);
  for (const std::string& intent : tool.liveIntents) {
    std::string error;
    const std::optional<router::WordPattern> phrase = router::WordPattern::phrase(intent, error);
    if (!phrase) continue;
    for (size_t word = 0; word < text->size(); ++word) {
      size_t end = 0;
      if (phrase->matchAt(*text, word, end)) return true;
    }
  }
  return false;
}

}  // namespace manifold::tools
