// Gemini error responses -> the classification the failover engine reads.
#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace gemini {

/// Classifies an error response. The body may be Google's
/// {"error": {"code", "message", "status", "details"}}, that object wrapped in
/// an array (the OpenAI-compatible endpoint), other JSON, HTML or nothing.
/// `nowUnixMs` turns a Retry-After HTTP-date into a delay.
manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                              std::string_view body, int64_t nowUnixMs);

/// Classifies the {"code", "message", "status", ...} object of an error that
/// arrived inside a 200 response, as classifyError would.
manifold::Error classifyInBandError(const manifold::json::Value& error);

}  // namespace gemini
