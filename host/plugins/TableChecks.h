#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>

namespace manifold::plugins {

// Refusal sentences shared by the kind handlers, so every kind words the same
// defect the same way.

/// "" when `structSize` covers the fields of the kind's first version, else
/// e.g. "toolset table struct_size 8 is too small (manifold.toolset/1 needs
/// at least 40)".
inline std::string checkTableSize(const char* what, const char* kindId, uint32_t structSize,
                                  size_t minimum) {
  if (structSize >= minimum) return "";
  return std::string(what) + " table struct_size " + std::to_string(structSize) +
         " is too small (" + kindId + " needs at least " + std::to_string(minimum) + ")";
}

using RequiredFunctions = std::initializer_list<std::pair<const char*, bool>>;

/// The names of the functions that are not set, comma-separated; "" when none.
inline std::string missingFunctions(RequiredFunctions functions) {
  std::string missing;
  for (const auto& [name, present] : functions)
    if (!present) missing += (missing.empty() ? "" : ", ") + std::string(name);
  return missing;
}

/// "" when every required function is set, else e.g. "dispatcher table lacks
/// poll_task, cancel_task".
inline std::string checkRequired(const char* what, RequiredFunctions functions) {
  const std::string missing = missingFunctions(functions);
  return missing.empty() ? "" : std::string(what) + " table lacks " + missing;
}

}  // namespace manifold::plugins
