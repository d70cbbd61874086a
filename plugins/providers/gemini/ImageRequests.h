// Gemini pictures (image.generate, image.edit; schemas/media.md):
// generateContent on an image model with responseModalities TEXT and IMAGE;
// the pictures come back as inlineData parts.
#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <string>
#include <string_view>

namespace gemini {

/// The generateContent body: the prompt, and for an edit the pictures (and
/// mask) as inlineData parts before it.
std::string imageRequestBody(const manifold::json::Value& request);

/// A GenerateContentResponse into {"images", "usage"}. A blocked prompt
/// (promptFeedback.blockReason) or a refused picture (finishReason
/// IMAGE_SAFETY, SAFETY, PROHIBITED_CONTENT) is MF_ERR_CONTENT_FILTER with
/// Gemini's reason; no picture is MF_ERR_INTERNAL.
std::string parseImageResponse(std::string_view body);

}  // namespace gemini
