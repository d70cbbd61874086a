#include "api/openai/AudioResponses.h"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "media/AudioConverter.h"

namespace manifold::api {
namespace {

Poco::JSON::Object::Ptr parseResult(const std::string& resultJson, std::string& why) {
  try {
    Poco::JSON::Object::Ptr result =
        Poco::JSON::Parser().parse(resultJson).extract<Poco::JSON::Object::Ptr>();
    if (result) return result;
  } catch (const Poco::Exception& e) {
    why = "the engine's result is not JSON: " + e.message();
    return nullptr;
  }
  why = "the engine's result is not a JSON object";
  return nullptr;
}

std::optional<std::string> decodeBase64(const std::string& text) {
  try {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::ostringstream out;
    out << decoder.rdbuf();
    return out.str();
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<AudioReply> speechReply(const std::string& resultJson, media::AudioFormat format,
                                      std::string& why) {
  const Poco::JSON::Object::Ptr result = parseResult(resultJson, why);
  if (!result) return std::nullopt;
  const std::string mime = result->optValue<std::string>("mime", "");
  const std::optional<std::string> audio =
      decodeBase64(result->optValue<std::string>("audio_b64", ""));
  if (!audio || audio->empty()) {
    why = "the engine's result has no base64 audio";
    return std::nullopt;
  }
  if (media::mimeIsFormat(mime, format)) return AudioReply{*audio, media::mimeOf(format)};
  std::optional<std::string> converted = media::AudioConverter::convert(*audio, mime, format, why);
  if (!converted) {
    why = "cannot convert the engine's " + mime + " audio: " + why;
    return std::nullopt;
  }
  return AudioReply{std::move(*converted), media::mimeOf(format)};
}

std::optional<AudioReply> transcriptionReply(const std::string& resultJson,
                                             const std::string& responseFormat,
                                             const std::string& language, double durationS,
                                             std::string& why) {
  const Poco::JSON::Object::Ptr result = parseResult(resultJson, why);
  if (!result) return std::nullopt;
  if (!result->get("text").isString()) {
    why = "the engine's result has no text";
    return std::nullopt;
  }
  const std::string text = result->getValue<std::string>("text");
  if (responseFormat == "text") return AudioReply{text, "text/plain; charset=utf-8"};
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  if (responseFormat == "verbose_json") {
    out->set("task", "transcribe");
    out->set("language", result->has("language")
                             ? result->get("language")
                             : Poco::Dynamic::Var(language.empty() ? "unknown" : language));
    out->set("duration",
             result->has("duration") ? result->get("duration") : Poco::Dynamic::Var(durationS));
    out->set("text", text);
    for (const char* name : {"segments", "words"})
      out->set(name, result->has(name)
                         ? result->get(name)
                         : Poco::Dynamic::Var(Poco::JSON::Array::Ptr(new Poco::JSON::Array)));
  } else {
    out->set("text", text);
  }
  std::ostringstream body;
  Poco::JSON::Stringifier::condense(out, body);
  return AudioReply{body.str(), "application/json"};
}

}  // namespace manifold::api
