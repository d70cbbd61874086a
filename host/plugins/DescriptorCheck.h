#pragma once

#include <manifold/plugin.h>

#include <string>

namespace manifold::plugins {

/// The ABI handshake on a descriptor fresh from a plugin's entry function,
/// before any other field is trusted: struct_size covers the version fields,
/// the major matches the host's, the minor is no higher than the host's, and
/// struct_size covers ABI 1.0's descriptor. Returns "" or a one-sentence
/// refusal. Poco-free, so the Windows plugin probe (tests/windows) negotiates
/// with this same code.
std::string checkDescriptorVersion(const mf_plugin_descriptor& raw);

}  // namespace manifold::plugins
