#pragma once

#include <string>
#include <string_view>

namespace manifold::keys {

/// SHA-256 of `secret`, as lower-case hex.
std::string sha256Hex(std::string_view secret);
/// Equal, in time that depends only on the lengths.
bool constantTimeEquals(std::string_view a, std::string_view b);
/// `bytes` random bytes from the kernel, as lower-case hex.
std::string randomHex(size_t bytes);
/// A new virtual key's secret: "mfk-" and 48 random hex digits (192 bits).
std::string newKeySecret();

}  // namespace manifold::keys
