// Pictures (image.generate, image.edit) for the engines this plugin serves:
// OpenAI's /images/generations and /images/edits, and FLUX on Cloudflare
// Workers AI (cloudflare preset). Requests and results are schemas/media.md's.
#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <string>
#include <string_view>

#include "EngineTarget.h"

namespace openai_compatible {

bool isImageOperation(std::string_view operation);

/// Builds the upstream request; false when this engine does not do the
/// operation (Workers AI's FLUX makes pictures but does not edit them).
bool buildImageRequest(const manifold::Engine& engine, const EngineTarget& target,
                       std::string_view operation, const manifold::json::Value& request,
                       manifold::RequestBuilder& out);

/// A 2xx upstream answer into the result JSON. Throws manifold::Error
/// (MF_ERR_INTERNAL) for a body of the wrong shape or with no picture.
std::string parseImageResponse(const EngineTarget& target, std::string_view body);

}  // namespace openai_compatible
