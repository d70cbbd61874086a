#pragma once

#include <optional>

#include "turn/TurnObserver.h"
#include "usage/ModelPrice.h"

namespace manifold::usage {

/// What one attempt cost, in US dollars. The canonical usage counts every
/// prompt token in promptTokens, cache reads (cachedTokens) and cache writes
/// (cacheWriteTokens) included, and every generated token, reasoning
/// included, in completionTokens (the adapters map their provider's counts
/// so: Anthropic's input_tokens, which leave the cache out, are added up with
/// cache_read_input_tokens and cache_creation_input_tokens). So:
///
///   cost = ( max(0, prompt - cached - cacheWrite) * input
///          + cached * cachedRead + cacheWrite * cacheWrite
///          + completion * output ) / 1e6
///
/// Unknown (nullopt), never 0, when the model has no price (`price` null) or
/// the provider reported no usage. An attempt that is not billed (it failed,
/// was skipped or cancelled) costs nothing and has no cost: nullopt too.
std::optional<double> attemptCost(const turn::AttemptReport& attempt, const ModelPrice* price);

}  // namespace manifold::usage
