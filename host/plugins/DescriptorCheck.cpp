#include "plugins/DescriptorCheck.h"

#include <cstddef>

namespace manifold::plugins {

std::string checkDescriptorVersion(const mf_plugin_descriptor& raw) {
  // The version fields sit right after struct_size; read nothing else first.
  constexpr size_t versionEnd = offsetof(mf_plugin_descriptor, abi_minor) + sizeof(uint32_t);
  if (raw.struct_size < versionEnd)
    return "descriptor struct_size " + std::to_string(raw.struct_size) + " is too small";
  if (raw.abi_major != MANIFOLD_ABI_MAJOR)
    return "built for ABI major " + std::to_string(raw.abi_major) + ", host has " +
           std::to_string(MANIFOLD_ABI_MAJOR);
  if (raw.abi_minor > MANIFOLD_ABI_MINOR)
    return "built for ABI " + std::to_string(raw.abi_major) + "." + std::to_string(raw.abi_minor) +
           ", newer than the host's " + std::to_string(MANIFOLD_ABI_MAJOR) + "." +
           std::to_string(MANIFOLD_ABI_MINOR);
  if (raw.struct_size < sizeof(mf_plugin_descriptor))
    return "descriptor struct_size " + std::to_string(raw.struct_size) +
           " is smaller than ABI 1.0's " + std::to_string(sizeof(mf_plugin_descriptor));
  return "";
}

}  // namespace manifold::plugins
