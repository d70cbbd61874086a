#include "SpeechRequests.h"

namespace gemini {
namespace {

namespace json = manifold::json;

[[noreturn]] void fail(int32_t code, const std::string& what) {
  throw manifold::Error(code, "gemini: " + what, code == MF_ERR_INTERNAL);
}

bool isGeminiVoice(const std::string& voice) {
  return !voice.empty() && voice[0] >= 'A' && voice[0] <= 'Z';
}

/// Gemini says "audio/L16;codec=pcm;rate=24000"; schemas/media.md's raw PCM
/// is "audio/L16;rate=N;channels=1".
std::string pcmMime(const std::string& geminiMime) {
  const size_t at = geminiMime.find("rate=");
  std::string rate = "24000";
  if (at != std::string::npos) rate = geminiMime.substr(at + 5, geminiMime.find(';', at) - at - 5);
  return "audio/L16;rate=" + rate + ";channels=1";
}

json::Value arrayOf(json::Value item) {
  json::Value array = json::Value::array();
  array.push(std::move(item));
  return array;
}

}  // namespace

std::string speechRequestBody(const json::Value& request, const std::string& defaultVoice) {
  const std::string& asked = request["voice"].asString();
  json::Value voice = json::Value::object();
  voice.set("voiceName", isGeminiVoice(asked) ? asked : defaultVoice);
  json::Value voiceConfig = json::Value::object();
  voiceConfig.set("prebuiltVoiceConfig", std::move(voice));
  json::Value speechConfig = json::Value::object();
  speechConfig.set("voiceConfig", std::move(voiceConfig));

  json::Value generation = json::Value::object();
  generation.set("responseModalities", arrayOf("AUDIO"));
  generation.set("speechConfig", std::move(speechConfig));

  std::string text = request["input"].asString();
  if (request["instructions"].isString())  // Gemini TTS is steered by the prompt itself
    text = request["instructions"].asString() + ": " + text;
  json::Value part = json::Value::object();
  part.set("text", std::move(text));
  json::Value content = json::Value::object();
  content.set("parts", arrayOf(std::move(part)));

  json::Value body = json::Value::object();
  body.set("contents", arrayOf(std::move(content)));
  body.set("generationConfig", std::move(generation));
  return json::stringify(body);
}

std::string parseSpeechResponse(std::string_view body) {
  const std::optional<json::Value> response = json::parse(body);
  if (!response || !response->isObject())
    fail(MF_ERR_INTERNAL, "the speech answer is not a GenerateContentResponse");
  const json::Value& blocked = (*response)["promptFeedback"]["blockReason"];
  if (blocked.isString()) fail(MF_ERR_CONTENT_FILTER, "prompt blocked: " + blocked.asString());
  const json::Value& candidate = (*response)["candidates"][0];
  for (const json::Value& part : candidate["content"]["parts"].asArray()) {
    const json::Value& data = part["inlineData"];
    if (!data["data"].isString() || data["data"].asString().empty()) continue;
    json::Value result = json::Value::object();
    result.set("audio_b64", data["data"].asString());
    const std::string& mime = data["mimeType"].asString();
    result.set("mime", mime.rfind("audio/L16", 0) == 0 || mime.rfind("audio/pcm", 0) == 0
                           ? pcmMime(mime)
                           : mime);
    return json::stringify(result);
  }
  const std::string& finish = candidate["finishReason"].asString();
  if (finish == "SAFETY" || finish == "PROHIBITED_CONTENT")
    fail(MF_ERR_CONTENT_FILTER, "speech refused: " + finish);
  fail(MF_ERR_INTERNAL, "the speech answer has no audio");
}

}  // namespace gemini
