#pragma once

#include <manifold/plugin.h>

#include <string>

namespace manifold::failover {

/// How an in-band error event's message starts (see ChainWalk).
constexpr const char* kInBandPrefix = "upstream reported an error: ";

/// An error as logs and the attempt table may show it. The provider's own
/// words (an error body, an in-band error event) can quote the prompt or part
/// of a key, so unless logging.include_content is on they are withheld and
/// only the code and the upstream status remain. Errors the host made itself
/// (time-outs, connection failures, egress refusals) are kept as they are.
std::string loggableReason(const mf_error& error);

}  // namespace manifold::failover
