#pragma once

#include <optional>
#include <string>
#include <vector>

namespace manifold::media {

/// One picture of an image.generate or image.edit result (schemas/media.md).
struct GeneratedImage {
  std::string bytes;  ///< decoded from the result's base64
  std::string b64;    ///< as the plugin gave it
  std::string mime;
  std::string revisedPrompt;
};

/// Reads a result's pictures. nullopt, with `problem` set, when the JSON is
/// not a result with at least one picture of valid base64.
std::optional<std::vector<GeneratedImage>> readImageResult(const std::string& resultJson,
                                                           std::string& problem);

}  // namespace manifold::media
