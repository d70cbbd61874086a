#pragma once

#include <string>

namespace manifold::api {

/// Why a client's request cannot be served: a message for a human and the
/// parameter at fault, in the client's own naming ("messages[2].role").
struct RequestProblem {
  std::string message;
  std::string param;
};

}  // namespace manifold::api
