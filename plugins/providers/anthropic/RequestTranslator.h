// Canonical request (schemas/canonical-request.schema.json) -> the body of an
// Anthropic Messages API request.
#pragma once

#include <manifold/json.hpp>

#include <cstdint>
#include <string>

namespace anthropic {

/// The body fields that come from the engine rather than the request.
struct RequestSettings {
  std::string model;           // the engine's upstream model id
  int64_t maxTokens = 4096;    // when the request sets no max_tokens (Anthropic requires one)
  int64_t thinkingBudget = 0;  // > 0 turns on extended thinking with this many tokens
};

/// Builds the upstream JSON body. Throws manifold::Error (MF_ERR_INVALID)
/// for a malformed request or one Anthropic cannot serve (a JSON response
/// format, tool arguments that are not a JSON object). Canonical "metadata",
/// "seed" and message "name" are not sent.
std::string translateRequest(const manifold::json::Value& canonical,
                             const RequestSettings& settings);

}  // namespace anthropic
