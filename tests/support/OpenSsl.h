#pragma once

#include <string>
#include <vector>

namespace manifold::test {

/// Runs the real `openssl` command line with `args`, feeding it `input`;
/// returns its standard output and fails the test on a non-zero exit.
std::string openssl(const std::vector<std::string>& args, const std::string& input = "");

/// A 2048-bit RSA key at `keyPath` and its public key at `keyPath` + ".pub" (PEM).
void makeRsaKeyPair(const std::string& keyPath);

/// A file's whole text ("" when it cannot be read).
std::string readTextFile(const std::string& path);

}  // namespace manifold::test
