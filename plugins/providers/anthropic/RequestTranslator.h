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
  // The model's output limit. Only a max_tokens the adapter raises for
  // thinking is capped by it. 32000 is the lowest limit among Claude models
  // with extended thinking (Opus 4 and 4.1); most allow 64000.
  int64_t maxOutputTokens = 32000;
};

/// Anthropic's smallest thinking budget.
constexpr int64_t kMinThinkingBudget = 1024;

/// Builds the upstream JSON body. With thinking on, Anthropic refuses a
/// max_tokens at or below budget_tokens (max_tokens counts the thinking
/// too), so such a max_tokens is taken as the room wanted for the answer and
/// raised to budget + max_tokens, capped at maxOutputTokens; when that cap
/// leaves the budget no room, the budget shrinks to the cap minus the
/// client's max_tokens, never below kMinThinkingBudget. Throws manifold::Error (MF_ERR_INVALID)
/// for a malformed request or one Anthropic cannot serve (a JSON response
/// format, tool arguments that are not a JSON object). Canonical "metadata",
/// "seed" and message "name" are not sent.
std::string translateRequest(const manifold::json::Value& canonical,
                             const RequestSettings& settings);

}  // namespace anthropic
