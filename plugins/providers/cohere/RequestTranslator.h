// Canonical request (schemas/canonical-request.schema.json) -> the body of a
// Cohere v2 /v2/chat request.
#pragma once

#include <manifold/json.hpp>

#include <string>

namespace cohere {

/// Builds the upstream JSON body for `model`. Throws manifold::Error
/// (MF_ERR_INVALID) when the canonical request is malformed or asks for
/// something Cohere cannot do. "metadata" and "prompt_cache" are never sent.
std::string translateRequest(const manifold::json::Value& canonical, const std::string& model);

}  // namespace cohere
