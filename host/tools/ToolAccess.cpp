#include "tools/ToolAccess.h"

namespace manifold::tools {

ToolPatterns toolsAllowedFor(const std::string& keyId, const keys::KeyDirectory& keys) {
  if (keyId.empty()) return ToolPatterns::everything();
  const std::shared_ptr<const keys::KeyRecord> key = keys.byId(keyId);
  if (!key) return ToolPatterns();
  if (key->limits.allowedTools.empty()) return ToolPatterns::everything();
  return ToolPatterns(key->limits.allowedTools);
}

}  // namespace manifold::tools
