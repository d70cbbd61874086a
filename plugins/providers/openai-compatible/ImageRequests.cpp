#include "ImageRequests.h"

#include <manifold/adapter.hpp>
#include <manifold/base64.hpp>

#include "CloudflareAccount.h"
#include "MultipartBody.h"

namespace openai_compatible {
namespace {

namespace json = manifold::json;

constexpr std::string_view kGenerate = MF_MEDIA_IMAGE_GENERATE;
constexpr std::string_view kEdit = MF_MEDIA_IMAGE_EDIT;

[[noreturn]] void fail(int32_t code, const std::string& what) {
  throw manifold::Error(code, "openai-compatible: " + what, code != MF_ERR_INVALID);
}

void authorize(const EngineTarget& target, const std::string& token,
               manifold::RequestBuilder& out) {
  if (target.auth == AuthStyle::Bearer && !token.empty())
    out.header("Authorization", "Bearer " + token);
  for (const HeaderPair& h : target.headers) out.header(h.name, h.value);
}

// DALL-E answers with a URL unless asked for b64_json; gpt-image models
// always answer base64 and refuse the parameter.
bool wantsResponseFormat(std::string_view model) {
  return model.rfind("dall-e", 0) == 0;
}

void buildOpenAiGeneration(const manifold::Engine& engine, const EngineTarget& target,
                           const json::Value& request, manifold::RequestBuilder& out) {
  json::Value body = json::Value::object();
  body.set("model", std::string(engine.model));
  body.set("prompt", request["prompt"].asString());
  body.set("n", request["n"].isNumber() ? request["n"] : json::Value(1));
  for (const char* name : {"size", "quality", "style", "user"})
    if (request[name].isString()) body.set(name, request[name]);
  if (wantsResponseFormat(engine.model)) body.set("response_format", "b64_json");
  out.method("POST");
  out.url(target.baseUrl + "/images/generations");
  out.header("Content-Type", "application/json");
  authorize(target, std::string(engine.apiKey), out);
  out.body(json::stringify(body));
}

std::string decoded(const json::Value& file, const char* what) {
  std::optional<std::string> bytes = manifold::base64::decode(file["b64"].asString());
  if (!bytes || bytes->empty()) fail(MF_ERR_INVALID, std::string(what) + " is not base64");
  return std::move(*bytes);
}

void buildOpenAiEdit(const manifold::Engine& engine, const EngineTarget& target,
                     const json::Value& request, manifold::RequestBuilder& out) {
  const json::Value& images = request["images"];
  if (!images.isArray() || images.size() == 0) fail(MF_ERR_INVALID, "an edit needs a picture");
  std::vector<std::string> pictures;
  std::string all;
  for (size_t i = 0; i < images.size(); ++i)
    all += pictures.emplace_back(decoded(images[i], "image"));
  const std::string mask = request["mask"].isObject() ? decoded(request["mask"], "mask") : "";
  MultipartBody form(MultipartBody::boundaryFor(all + mask));
  form.field("model", engine.model);
  form.field("prompt", request["prompt"].asString());
  form.field("n", json::stringify(request["n"].isNumber() ? request["n"] : json::Value(1)));
  for (const char* name : {"size", "quality", "user"})
    if (request[name].isString()) form.field(name, request[name].asString());
  if (wantsResponseFormat(engine.model)) form.field("response_format", "b64_json");
  const char* field = pictures.size() > 1 ? "image[]" : "image";
  for (size_t i = 0; i < pictures.size(); ++i) {
    const json::Value& image = images[i];
    form.file(field, image["filename"].isString() ? image["filename"].asString() : "image.png",
              image["mime"].isString() ? image["mime"].asString() : "image/png", pictures[i]);
  }
  if (!mask.empty()) {
    const json::Value& m = request["mask"];
    form.file("mask", m["filename"].isString() ? m["filename"].asString() : "mask.png",
              m["mime"].isString() ? m["mime"].asString() : "image/png", mask);
  }
  out.method("POST");
  out.url(target.baseUrl + "/images/edits");
  out.header("Content-Type", form.contentType());
  authorize(target, std::string(engine.apiKey), out);
  out.body(form.finish());
}

// FLUX.1 [schnell]: {"prompt", "steps"} in, {"result": {"image": b64 JPEG}} out.
void buildCloudflareGeneration(const manifold::Engine& engine, const EngineTarget& target,
                               const json::Value& request, manifold::RequestBuilder& out) {
  const CloudflareAccount account = CloudflareAccount::fromKey(engine.apiKey);
  json::Value body = json::Value::object();
  body.set("prompt", request["prompt"].asString());
  const std::optional<json::Value> options =
      json::parse(engine.optionsJson.empty() ? "{}" : engine.optionsJson);
  if (options && (*options)["steps"].isNumber()) body.set("steps", (*options)["steps"]);
  out.method("POST");
  out.url(account.runUrl(target.baseUrl, engine.model));
  out.header("Content-Type", "application/json");
  out.header("Authorization", "Bearer " + account.token);
  for (const HeaderPair& h : target.headers) out.header(h.name, h.value);
  out.body(json::stringify(body));
}

json::Value answerObject(std::string_view body) {
  std::optional<json::Value> answer = json::parse(body);
  if (!answer || !answer->isObject()) fail(MF_ERR_INTERNAL, "the image answer is not JSON");
  return std::move(*answer);
}

json::Value picture(std::string b64, const std::string& mime) {
  json::Value image = json::Value::object();
  image.set("b64", std::move(b64));
  image.set("mime", mime);
  return image;
}

std::string result(json::Value images, const json::Value* usage) {
  if (images.size() == 0) fail(MF_ERR_INTERNAL, "no image in the answer");
  json::Value out = json::Value::object();
  out.set("images", std::move(images));
  if (usage && usage->isObject()) {
    json::Value u = json::Value::object();
    for (const char* name : {"input_tokens", "output_tokens"})
      if ((*usage)[name].isNumber()) u.set(name, (*usage)[name]);
    out.set("usage", std::move(u));
  }
  return json::stringify(out);
}

std::string parseCloudflare(std::string_view body) {
  const json::Value answer = answerObject(body);
  const std::string& image = answer["result"]["image"].asString();
  if (!answer["success"].asBool(true) || image.empty())
    fail(MF_ERR_INTERNAL,
         "Workers AI answered without an image: " + manifold::adapter::printable(body, 200));
  json::Value images = json::Value::array();
  images.push(picture(image, "image/jpeg"));
  return result(std::move(images), nullptr);
}

std::string parseOpenAi(std::string_view body) {
  const json::Value answer = answerObject(body);
  const std::string format =
      answer["output_format"].isString() ? answer["output_format"].asString() : std::string("png");
  json::Value images = json::Value::array();
  for (const json::Value& entry : answer["data"].asArray()) {
    if (!entry["b64_json"].isString())
      fail(MF_ERR_INTERNAL, "an image in the answer has no b64_json");
    json::Value image = picture(entry["b64_json"].asString(), "image/" + format);
    if (entry["revised_prompt"].isString()) image.set("revised_prompt", entry["revised_prompt"]);
    images.push(std::move(image));
  }
  return result(std::move(images), answer.find("usage"));
}

}  // namespace

bool isImageOperation(std::string_view operation) {
  return operation == kGenerate || operation == kEdit;
}

bool buildImageRequest(const manifold::Engine& engine, const EngineTarget& target,
                       std::string_view operation, const json::Value& request,
                       manifold::RequestBuilder& out) {
  if (target.presetName == "cloudflare") {
    if (operation != kGenerate || engine.model.find("flux") == std::string_view::npos) return false;
    buildCloudflareGeneration(engine, target, request, out);
  } else if (operation == kGenerate) {
    buildOpenAiGeneration(engine, target, request, out);
  } else {
    buildOpenAiEdit(engine, target, request, out);
  }
  return true;
}

std::string parseImageResponse(const EngineTarget& target, std::string_view body) {
  return target.presetName == "cloudflare" ? parseCloudflare(body) : parseOpenAi(body);
}

}  // namespace openai_compatible
