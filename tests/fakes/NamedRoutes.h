#pragma once

#include <optional>
#include <string>

#include "FakeBehaviour.h"

namespace manifold::test {

/// The behaviours manifold-fake-provider serves, chosen by route name:
///   ok               the default answer ("Hello", " world"), no delays
///   fail503          503 at once, with an OpenAI error body
///   stream-<N>x<MS>  N tokens, MS ms apart (the first at once);
///                    stream-30x1000 streams for about 30 s
///   slowfirst-<MS>   the default answer, its first token after MS ms
///   tools            one tool call, get_weather({"city":"Paris"}), in two pieces
///   cut-<N>          five tokens, the connection cut after the first N
///   raw.<provider>.<file>
///                    the bytes of <fixturesDir>/<provider>/<file>, as they are,
///                    on any path: a recorded stream in another provider's format
///                    (only when a fixtures folder is given)
/// Any other name: std::nullopt (the server answers 404).
std::optional<FakeBehaviour> namedRoute(const std::string& name,
                                        const std::string& fixturesDir = "");

}  // namespace manifold::test
