// Anthropic error responses -> the classification the failover engine reads.
#pragma once

#include <manifold/plugin.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anthropic {

struct ErrorClass {
  int32_t code;  // MF_ERR_*
  bool retryable;
};

/// What one of Anthropic's error types means ("rate_limit_error",
/// "overloaded_error", ...). `message` tells a too-long prompt apart from other
/// invalid requests. nullopt for a type this adapter does not know.
std::optional<ErrorClass> classOfErrorType(std::string_view type, std::string_view message);

/// Classifies an error response from its body
/// {"type":"error","error":{"type":"...","message":"..."}}, falling back on the
/// status when the body is something else (HTML from a proxy, nothing).
/// `nowUnixMs` turns a Retry-After HTTP-date into a delay.
manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                              std::string_view body, int64_t nowUnixMs);

/// The text with anything shaped like an Anthropic key ("sk-ant-...") masked.
std::string withoutKeys(std::string text);

}  // namespace anthropic
