#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/RequestProblem.h"
#include "http/MultipartForm.h"

namespace manifold::api {

/// A client's images request, translated for the media chain.
struct ImageJob {
  std::string operation;       ///< MF_MEDIA_IMAGE_GENERATE or MF_MEDIA_IMAGE_EDIT
  std::string requestJson;     ///< schemas/media.md's request for the operation
  std::string responseFormat;  ///< "url" (the default) or "b64_json"
};

/// Parses POST /v1/images/generations's JSON body (OpenAI's shape; `model`
/// is ignored: the media chain picks the engine).
std::optional<ImageJob> parseImageGeneration(const std::string& body, RequestProblem& problem);

/// Parses POST /v1/images/edits's multipart form: the same fields as text
/// parts, the pictures as `image` or `image[]` files and an optional `mask`.
std::optional<ImageJob> parseImageEdit(const http::MultipartForm& form, RequestProblem& problem);

}  // namespace manifold::api
