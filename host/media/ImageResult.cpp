#include "media/ImageResult.h"

#include <manifold/base64.hpp>

#include <Poco/JSON/Parser.h>

namespace manifold::media {

std::optional<std::vector<GeneratedImage>> readImageResult(const std::string& resultJson,
                                                           std::string& problem) {
  Poco::JSON::Array::Ptr images;
  try {
    auto result = Poco::JSON::Parser().parse(resultJson).extract<Poco::JSON::Object::Ptr>();
    images = result->getArray("images");
  } catch (const Poco::Exception& e) {
    problem = "the engine's result is not JSON: " + e.displayText();
    return std::nullopt;
  }
  if (!images || images->size() == 0) {
    problem = "the engine's result has no image";
    return std::nullopt;
  }
  std::vector<GeneratedImage> out;
  for (size_t i = 0; i < images->size(); ++i) {
    Poco::JSON::Object::Ptr entry = images->getObject(static_cast<unsigned>(i));
    GeneratedImage image;
    if (entry) {
      image.b64 = entry->optValue<std::string>("b64", "");
      image.mime = entry->optValue<std::string>("mime", "image/png");
      image.revisedPrompt = entry->optValue<std::string>("revised_prompt", "");
    }
    std::optional<std::string> bytes = base64::decode(image.b64);
    if (!bytes || bytes->empty()) {
      problem = "image " + std::to_string(i) + " of the engine's result has no valid base64";
      return std::nullopt;
    }
    image.bytes = std::move(*bytes);
    out.push_back(std::move(image));
  }
  return out;
}

}  // namespace manifold::media
