#include "ImageRequests.h"

namespace gemini {
namespace {

namespace json = manifold::json;

[[noreturn]] void fail(int32_t code, const std::string& what) {
  throw manifold::Error(code, "gemini: " + what, code == MF_ERR_INTERNAL);
}

json::Value inlinePart(const json::Value& file) {
  json::Value data = json::Value::object();
  data.set("mimeType", file["mime"].isString() ? file["mime"].asString() : "image/png");
  data.set("data", file["b64"].asString());
  json::Value part = json::Value::object();
  part.set("inlineData", std::move(data));
  return part;
}

bool isRefusal(const std::string& finishReason) {
  return finishReason == "IMAGE_SAFETY" || finishReason == "SAFETY" ||
         finishReason == "PROHIBITED_CONTENT" || finishReason == "IMAGE_PROHIBITED_CONTENT";
}

}  // namespace

std::string imageRequestBody(const json::Value& request) {
  json::Value parts = json::Value::array();
  for (const json::Value& image : request["images"].asArray()) parts.push(inlinePart(image));
  if (request["mask"].isObject()) parts.push(inlinePart(request["mask"]));
  json::Value text = json::Value::object();
  text.set("text", request["prompt"].asString());
  parts.push(std::move(text));
  json::Value content = json::Value::object();
  content.set("role", "user");
  content.set("parts", std::move(parts));

  json::Value generation = json::Value::object();
  generation.set("responseModalities", json::Value::array().push("TEXT").push("IMAGE"));
  json::Value body = json::Value::object();
  body.set("contents", json::Value::array().push(std::move(content)));
  body.set("generationConfig", std::move(generation));
  return json::stringify(body);
}

std::string parseImageResponse(std::string_view body) {
  const std::optional<json::Value> response = json::parse(body);
  if (!response || !response->isObject())
    fail(MF_ERR_INTERNAL, "the image answer is not a GenerateContentResponse");
  const json::Value& blocked = (*response)["promptFeedback"]["blockReason"];
  if (blocked.isString()) {
    const json::Value& message = (*response)["promptFeedback"]["blockReasonMessage"];
    fail(MF_ERR_CONTENT_FILTER, "prompt blocked: " + blocked.asString() +
                                    (message.isString() ? " (" + message.asString() + ")" : ""));
  }
  json::Value images = json::Value::array();
  const json::Value& candidate = (*response)["candidates"][0];
  for (const json::Value& part : candidate["content"]["parts"].asArray()) {
    const json::Value& data = part["inlineData"];
    // Text parts beside the picture are the model's remarks, not a revised prompt.
    if (!data["data"].isString() || data["data"].asString().empty()) continue;
    json::Value image = json::Value::object();
    image.set("b64", data["data"].asString());
    image.set("mime", data["mimeType"].isString() ? data["mimeType"].asString() : "image/png");
    images.push(std::move(image));
  }
  const std::string& finish = candidate["finishReason"].asString();
  if (images.size() == 0 && isRefusal(finish))
    fail(MF_ERR_CONTENT_FILTER, "picture refused: " + finish +
                                    (candidate["finishMessage"].isString()
                                         ? " (" + candidate["finishMessage"].asString() + ")"
                                         : ""));
  if (images.size() == 0) fail(MF_ERR_INTERNAL, "no image in the answer");
  json::Value result = json::Value::object();
  result.set("images", std::move(images));
  const json::Value& usage = (*response)["usageMetadata"];
  if (usage.isObject()) {
    json::Value u = json::Value::object();
    u.set("input_tokens", usage["promptTokenCount"].asInt(0));
    u.set("output_tokens", usage["candidatesTokenCount"].asInt(0));
    result.set("usage", std::move(u));
  }
  return json::stringify(result);
}

}  // namespace gemini
