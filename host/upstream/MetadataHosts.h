#pragma once

#include <string>

namespace manifold::upstream {

/// Names of cloud metadata services (metadata.google.internal and Google's
/// metadata.goog), already canonical: lower case, no trailing dot. Their
/// addresses are refused whatever they resolve to; the name is refused first
/// so that no lookup is even made.
bool isMetadataHostName(const std::string& canonicalName);

}  // namespace manifold::upstream
