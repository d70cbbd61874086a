#include "upstream/MetadataHosts.h"

namespace manifold::upstream {

bool isMetadataHostName(const std::string& canonicalName) {
  return canonicalName == "metadata.google.internal" || canonicalName == "metadata.goog";
}

}  // namespace manifold::upstream
