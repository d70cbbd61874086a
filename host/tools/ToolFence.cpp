#include "tools/ToolFence.h"

#include "trust/Sanitiser.h"

namespace manifold::tools {

std::string toolResultText(const ToolResult& result, int64_t maxChars) {
  std::string text =
      result.ok ? result.json : "error " + result.errorName() + ": " + result.message;
  const size_t limit = maxChars > 0 ? static_cast<size_t>(maxChars) : text.size();
  if (text.size() <= limit) return text;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  const size_t whole = text.size();
  text.resize(cut);
  return text + "\n[the gateway cut this result: " + std::to_string(cut) + " of " +
         std::to_string(whole) + " bytes shown]";
}

std::string fenceToolResult(const ToolDefinition& tool, const ToolResult& result,
                            const trust::BoundaryMarkers& markers, int64_t maxChars) {
  const std::string body = "tool " + tool.wireName + (result.ok ? "" : " failed") + ":\n" +
                           toolResultText(result, maxChars);
  return markers.wrap(trust::UntrustedKind::ToolResult, trust::stripInvisible(body));
}

}  // namespace manifold::tools
