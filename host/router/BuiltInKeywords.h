#pragma once

#include <vector>

#include "router/ModeLexicon.h"

namespace manifold::router {

/// The router's built-in vocabulary: words and phrases, in English and the
/// commonest words of a few other languages, with the evidence each gives.
/// Weights are on one scale: 1 is a hint, 3 is a strong sign, 4 or more is
/// nearly decisive on its own.
const std::vector<Keyword>& builtInKeywords();

}  // namespace manifold::router
