#include "media/ImageResult.h"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace manifold::media {
namespace {

bool decodeBase64(const std::string& text, std::string& out) {
  try {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    out.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
    return !out.empty() || text.empty();
  } catch (const Poco::Exception&) {
    return false;
  }
}

}  // namespace

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
    if (image.b64.empty() || !decodeBase64(image.b64, image.bytes)) {
      problem = "image " + std::to_string(i) + " of the engine's result has no valid base64";
      return std::nullopt;
    }
    out.push_back(std::move(image));
  }
  return out;
}

}  // namespace manifold::media
