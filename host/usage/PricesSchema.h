#pragma once

#include <string_view>

namespace manifold::usage {

/// schemas/prices.schema.json, compiled into the binary.
std::string_view pricesSchemaText();

}  // namespace manifold::usage
