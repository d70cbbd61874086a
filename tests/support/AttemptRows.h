#pragma once

#include <string>
#include <vector>

namespace manifold::test {

/// The attempts table of a gateway's store, one row per attempt in order,
/// the given columns joined by ':' ("engine_id, outcome, billed" gives
/// "fast:answered:1"). Flush the attempt writer first.
std::vector<std::string> attemptRows(const std::string& storePath, const std::string& columns);

}  // namespace manifold::test
