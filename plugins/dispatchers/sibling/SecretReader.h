#pragma once

#include <manifold/plugin.hpp>

#include <optional>
#include <string>

#include "SiblingSettings.h"

namespace sibling {

/// Reads a secret where its SecretRef points, at the moment it is needed, so
/// a rotated secret file takes effect without a restart. An environment
/// variable is read through the host's get_secret; a file is read whole, with
/// surrounding white space (the trailing newline) trimmed. nullopt when the
/// variable is unset, the file unreadable, or the value empty.
std::optional<std::string> readSecret(const manifold::Host& host, const SecretRef& ref);

}  // namespace sibling
