#include "api/openai/ImageRequestParser.h"

#include <manifold/plugin.h>

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/NumberParser.h>

#include <sstream>

namespace manifold::api {
namespace {

using Poco::JSON::Object;
using Fields = std::map<std::string, std::string>;

constexpr int kMaxImages = 10;

std::optional<ImageJob> refuse(RequestProblem& problem, std::string message, std::string param) {
  problem = {std::move(message), std::move(param)};
  return std::nullopt;
}

std::string base64(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << bytes;
  encoder.close();
  return out.str();
}

Object::Ptr fileJson(const http::FormFile& file) {
  Object::Ptr o = new Object;
  o->set("b64", base64(file.bytes));
  o->set("mime", file.contentType);
  if (!file.filename.empty()) o->set("filename", file.filename);
  return o;
}

// The fields both requests share, from text values; fills `request`.
std::optional<ImageJob> common(const Fields& fields, const std::string& operation,
                               Object::Ptr request, RequestProblem& problem) {
  auto field = [&](const char* name) -> const std::string* {
    auto it = fields.find(name);
    return it == fields.end() ? nullptr : &it->second;
  };
  const std::string* prompt = field("prompt");
  if (!prompt || prompt->empty())
    return refuse(problem, "prompt is required and must be a non-empty string", "prompt");
  request->set("prompt", *prompt);
  int n = 1;
  if (const std::string* text = field("n")) {
    if (!Poco::NumberParser::tryParse(*text, n) || n < 1 || n > kMaxImages)
      return refuse(problem, "n must be an integer from 1 to 10", "n");
  }
  request->set("n", n);
  for (const char* name : {"size", "quality", "style", "user"})
    if (const std::string* value = field(name)) request->set(name, *value);
  ImageJob job;
  job.operation = operation;
  job.responseFormat = "url";
  if (const std::string* format = field("response_format")) job.responseFormat = *format;
  if (job.responseFormat != "url" && job.responseFormat != "b64_json")
    return refuse(problem, "response_format must be \"url\" or \"b64_json\"", "response_format");
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(request, out);
  job.requestJson = out.str();
  return job;
}

}  // namespace

std::optional<ImageJob> parseImageGeneration(const std::string& body, RequestProblem& problem) {
  Object::Ptr root;
  try {
    root = Poco::JSON::Parser().parse(body).extract<Object::Ptr>();
  } catch (const Poco::Exception& e) {
    return refuse(problem, "the body is not a JSON object: " + e.displayText(), "");
  }
  if (!root) return refuse(problem, "the body is not a JSON object", "");
  Fields fields;
  for (const char* name : {"prompt", "size", "quality", "style", "user", "response_format"}) {
    if (!root->has(name) || root->isNull(name)) continue;
    if (!root->get(name).isString())
      return refuse(problem, std::string(name) + " must be a string", name);
    fields[name] = root->getValue<std::string>(name);
  }
  if (root->has("n") && !root->isNull("n")) {
    const Poco::Dynamic::Var n = root->get("n");
    if (!n.isInteger()) return refuse(problem, "n must be an integer from 1 to 10", "n");
    fields["n"] = n.toString();
  }
  return common(fields, MF_MEDIA_IMAGE_GENERATE, new Object, problem);
}

std::optional<ImageJob> parseImageEdit(const http::MultipartForm& form, RequestProblem& problem) {
  Object::Ptr request = new Object;
  Poco::JSON::Array::Ptr images = new Poco::JSON::Array;
  const http::FormFile* mask = nullptr;
  for (const http::FormFile& file : form.files()) {
    if (file.name == "image" || file.name == "image[]")
      images->add(fileJson(file));
    else if (file.name == "mask")
      mask = &file;
  }
  if (images->size() == 0)
    return refuse(problem, "image is required: the picture to edit, as a file part", "image");
  if (images->size() > static_cast<size_t>(kMaxImages))
    return refuse(problem, "at most 10 pictures may be edited at once", "image");
  request->set("images", images);
  if (mask) request->set("mask", fileJson(*mask));
  return common(form.fields(), MF_MEDIA_IMAGE_EDIT, request, problem);
}

}  // namespace manifold::api
