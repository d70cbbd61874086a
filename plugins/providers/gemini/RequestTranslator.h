// Canonical request (schemas/canonical-request.schema.json) -> the body of a
// Gemini generateContent / streamGenerateContent request.
#pragma once

#include <manifold/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace gemini {

/// The body fields that come from the engine rather than the request.
struct EngineSettings {
  /// The engine option "thinking_budget": generationConfig.thinkingConfig.
  std::optional<int64_t> thinkingBudget;
};

/// Builds the upstream JSON body. Throws manifold::Error (MF_ERR_INVALID)
/// when the canonical request is malformed or asks for what Gemini cannot do.
/// "model", "stream", "prompt_cache" and "metadata" are not part of the body.
std::string translateRequest(const manifold::json::Value& canonical,
                             const EngineSettings& settings);

}  // namespace gemini
