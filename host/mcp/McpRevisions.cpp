#include "mcp/McpRevisions.h"

#include <algorithm>

namespace manifold::mcp {

const std::vector<std::string>& supportedRevisions() {
  static const std::vector<std::string> revisions{kStatelessRevision, kSessionRevision,
                                                  "2025-06-18"};
  return revisions;
}

bool isSupportedRevision(const std::string& version) {
  const std::vector<std::string>& all = supportedRevisions();
  return std::find(all.begin(), all.end(), version) != all.end();
}

std::string negotiateSessionRevision(const std::string& requested) {
  if (requested != kStatelessRevision && isSupportedRevision(requested)) return requested;
  return kSessionRevision;
}

bool isSessionHeaderVersion(const std::string& version) {
  return version == "2025-03-26" || (version != kStatelessRevision && isSupportedRevision(version));
}

}  // namespace manifold::mcp
