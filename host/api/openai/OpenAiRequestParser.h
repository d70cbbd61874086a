#pragma once

#include <optional>
#include <string_view>

#include "api/RequestProblem.h"
#include "chat/ChatRequest.h"

namespace manifold::api {

/// Reads an OpenAI chat-completions request body into the canonical request.
/// Everything a client can get wrong is named precisely: invalid UTF-8,
/// malformed or too deeply nested JSON, wrong types, missing messages, unknown
/// roles, and options Manifold does not support (n > 1, logprobs, audio).
/// Fields it does not know are ignored, as OpenAI's newer SDKs send them.
class OpenAiRequestParser {
 public:
  static constexpr size_t kMaxDepth = 64;

  /// With `modelRequired` false (the native API), a missing model is "auto".
  explicit OpenAiRequestParser(bool modelRequired = true) : modelRequired_(modelRequired) {}

  std::optional<chat::ChatRequest> parse(std::string_view body, RequestProblem& problem) const;

 private:
  bool modelRequired_;
};

}  // namespace manifold::api
