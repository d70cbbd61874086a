#pragma once

#include <optional>
#include <string_view>

#include "api/RequestProblem.h"
#include "chat/ChatRequest.h"

namespace manifold::api {

/// Reads an Anthropic Messages API request body (POST /v1/messages) into the
/// canonical request, so that any engine can answer it.
///
/// Mapping: `system` becomes leading system messages; a user message's
/// tool_result blocks become canonical tool messages (placed before the rest
/// of that user turn); an assistant's tool_use blocks become tool calls; a
/// final assistant message is a prefill, as in Anthropic's API. thinking and
/// redacted_thinking blocks sent back by the client are dropped: reasoning is
/// never replayed into another provider. `thinking` in the request asks for
/// reasoning to be returned as thinking blocks (reasoningRequested).
/// Unsupported features (documents, server tools, n-best) are named in a 400.
class AnthropicRequestParser {
 public:
  static constexpr size_t kMaxDepth = 64;

  std::optional<chat::ChatRequest> parse(std::string_view body, RequestProblem& problem,
                                         bool& reasoningRequested) const;
};

}  // namespace manifold::api
