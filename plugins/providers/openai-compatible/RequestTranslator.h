// Canonical request (schemas/canonical-request.schema.json) -> the body of an
// OpenAI chat-completions request.
#pragma once

#include <manifold/json.hpp>

#include <string>
#include <string_view>

#include "EngineTarget.h"

namespace openai_compatible {

/// The request body fields that depend on the engine rather than the request.
struct BodySettings {
  std::string model;            // the engine's upstream model id
  bool streamUsage = true;      // add stream_options.include_usage when streaming
  bool prefillPrefix = false;   // "prefix": true on a trailing assistant message
  bool promptCacheKey = false;  // forward the canonical prompt_cache key
};

/// Builds the upstream JSON body. Throws manifold::Error (MF_ERR_INVALID)
/// when the canonical request is malformed. Canonical "metadata" and "model"
/// are never forwarded.
std::string translateRequest(const manifold::json::Value& canonical, const BodySettings& settings);

}  // namespace openai_compatible
