#pragma once

#include <stdlib.h>

#include <string>

namespace manifold::test {

/// MANIFOLD_MASTER_KEY set for as long as this lives; a gateway reads it
/// once, at start, so a fixture declares this before its gateway.
class MasterKeyEnv {
 public:
  explicit MasterKeyEnv(const std::string& key) { ::setenv("MANIFOLD_MASTER_KEY", key.c_str(), 1); }
  ~MasterKeyEnv() { ::unsetenv("MANIFOLD_MASTER_KEY"); }
  MasterKeyEnv(const MasterKeyEnv&) = delete;
  MasterKeyEnv& operator=(const MasterKeyEnv&) = delete;
};

}  // namespace manifold::test
