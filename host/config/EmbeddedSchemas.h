#pragma once

#include <string_view>

namespace manifold::config {

/// schemas/config.schema.json, compiled into the binary so a deployed gateway
/// never depends on finding the source tree.
std::string_view configSchemaText();

}  // namespace manifold::config
