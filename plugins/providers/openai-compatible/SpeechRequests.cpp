#include "SpeechRequests.h"

#include <manifold/adapter.hpp>
#include <manifold/base64.hpp>

#include "CloudflareAccount.h"
#include "MultipartBody.h"

namespace openai_compatible {
namespace {

namespace json = manifold::json;
using manifold::adapter::headerValue;

constexpr std::string_view kSpeech = MF_MEDIA_SPEECH;
constexpr std::string_view kTranscription = MF_MEDIA_TRANSCRIPTION;

[[noreturn]] void fail(int32_t code, const std::string& what) {
  throw manifold::Error(code, "openai-compatible: " + what, code != MF_ERR_INVALID);
}

bool isCloudflare(const EngineTarget& target) {
  return target.presetName == "cloudflare";
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

/// Which operation a Cloudflare model does, by its name.
bool cloudflareDoes(std::string_view model, std::string_view operation) {
  if (operation == kSpeech) return contains(model, "melotts");
  return contains(model, "whisper");
}

void bearer(const std::string& token, manifold::RequestBuilder& out) {
  if (!token.empty()) out.header("Authorization", "Bearer " + token);
}

void addPresetHeaders(const EngineTarget& target, manifold::RequestBuilder& out) {
  for (const HeaderPair& h : target.headers) out.header(h.name, h.value);
}

std::string audioBytes(const json::Value& request) {
  std::optional<std::string> bytes = manifold::base64::decode(request["audio_b64"].asString());
  if (!bytes || bytes->empty()) fail(MF_ERR_INVALID, "audio_b64 is not base64 audio");
  return std::move(*bytes);
}

/// The language option of an engine: MeloTTS takes "lang" ("en", "es", "fr",
/// "zh", "jp", "kr").
std::string engineOption(const manifold::Engine& engine, const char* name, const char* fallback) {
  const std::optional<json::Value> options =
      json::parse(engine.optionsJson.empty() ? "{}" : engine.optionsJson);
  const json::Value* value = options ? options->find(name) : nullptr;
  return value && value->isString() ? value->asString() : fallback;
}

void buildOpenAiSpeech(const manifold::Engine& engine, const EngineTarget& target,
                       const json::Value& request, manifold::RequestBuilder& out) {
  json::Value body = json::Value::object();
  body.set("model", std::string(engine.model));
  body.set("input", request["input"].asString());
  body.set("voice", request["voice"].isString() ? request["voice"].asString() : "alloy");
  body.set("response_format",
           request["response_format"].isString() ? request["response_format"].asString() : "mp3");
  if (request["speed"].isNumber()) body.set("speed", request["speed"].asDouble());
  if (request["instructions"].isString()) body.set("instructions", request["instructions"]);
  out.method("POST");
  out.url(target.baseUrl + "/audio/speech");
  out.header("Content-Type", "application/json");
  if (target.auth == AuthStyle::Bearer) bearer(std::string(engine.apiKey), out);
  addPresetHeaders(target, out);
  out.body(json::stringify(body));
}

void buildOpenAiTranscription(const manifold::Engine& engine, const EngineTarget& target,
                              const json::Value& request, manifold::RequestBuilder& out) {
  const std::string audio = audioBytes(request);
  MultipartBody form(MultipartBody::boundaryFor(audio));
  form.file("file", request["filename"].isString() ? request["filename"].asString() : "audio",
            request["mime"].isString() ? request["mime"].asString() : "application/octet-stream",
            audio);
  form.field("model", engine.model);
  for (const char* name : {"language", "prompt"})
    if (request[name].isString()) form.field(name, request[name].asString());
  if (request["temperature"].isNumber())
    form.field("temperature", json::stringify(request["temperature"]));
  // The host renders "text" itself from the JSON answer.
  form.field("response_format",
             request["response_format"].asString() == "verbose_json" ? "verbose_json" : "json");
  out.method("POST");
  out.url(target.baseUrl + "/audio/transcriptions");
  out.header("Content-Type", form.contentType());
  if (target.auth == AuthStyle::Bearer) bearer(std::string(engine.apiKey), out);
  addPresetHeaders(target, out);
  out.body(form.finish());
}

void buildCloudflare(const manifold::Engine& engine, const EngineTarget& target,
                     std::string_view operation, const json::Value& request,
                     manifold::RequestBuilder& out) {
  const CloudflareAccount account = CloudflareAccount::fromKey(engine.apiKey);
  out.method("POST");
  out.url(account.runUrl(target.baseUrl, engine.model));
  bearer(account.token, out);
  addPresetHeaders(target, out);
  if (operation == kSpeech) {
    json::Value body = json::Value::object();
    body.set("prompt", request["input"].asString());
    body.set("lang", engineOption(engine, "lang", "en"));
    out.header("Content-Type", "application/json");
    out.body(json::stringify(body));
  } else {  // Whisper takes the audio itself as the body
    out.header("Content-Type", "application/octet-stream");
    out.body(audioBytes(request));
  }
}

json::Value parseObject(std::string_view body, const char* what) {
  std::optional<json::Value> value = json::parse(body);
  if (!value || !value->isObject()) fail(MF_ERR_INTERNAL, std::string(what) + " is not JSON");
  return std::move(*value);
}

/// Cloudflare's envelope: {"result": {...}, "success": true, "errors": [...]}.
json::Value cloudflareResult(std::string_view body) {
  json::Value answer = parseObject(body, "the Workers AI answer");
  if (!answer["success"].asBool(true) || !answer["result"].isObject())
    fail(MF_ERR_INTERNAL,
         "Workers AI answered without a result: " + manifold::adapter::printable(body, 200));
  return answer["result"];
}

/// What audio the bytes are, by their magic numbers, else by Content-Type.
std::string audioMime(std::string_view bytes, const std::vector<manifold::HeaderView>& headers) {
  if (bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WAVE") return "audio/wav";
  if (bytes.substr(0, 4) == "OggS") return "audio/ogg";
  if (bytes.substr(0, 4) == "fLaC") return "audio/flac";
  if (bytes.substr(0, 3) == "ID3" ||
      (bytes.size() > 1 && static_cast<unsigned char>(bytes[0]) == 0xff &&
       (static_cast<unsigned char>(bytes[1]) & 0xe0) == 0xe0))
    return "audio/mpeg";
  const std::string type(headerValue(headers, "content-type").value_or(""));
  if (type.rfind("audio/", 0) != 0)
    fail(MF_ERR_INTERNAL, "the speech answer is not audio (Content-Type \"" + type + "\")");
  return type;
}

std::string speechResult(std::string b64, const std::string& mime) {
  json::Value result = json::Value::object();
  result.set("audio_b64", std::move(b64));
  result.set("mime", mime);
  return json::stringify(result);
}

std::string transcriptionResult(const json::Value& answer) {
  if (!answer["text"].isString()) fail(MF_ERR_INTERNAL, "the transcription answer has no text");
  json::Value result = json::Value::object();
  for (const char* name : {"text", "language", "duration", "segments", "words"})
    if (answer.contains(name)) result.set(name, answer[name]);
  return json::stringify(result);
}

}  // namespace

bool isSpeechOperation(std::string_view operation) {
  return operation == kSpeech || operation == kTranscription;
}

bool buildSpeechRequest(const manifold::Engine& engine, const EngineTarget& target,
                        std::string_view operation, const json::Value& request,
                        manifold::RequestBuilder& out) {
  if (isCloudflare(target)) {
    if (!cloudflareDoes(engine.model, operation)) return false;
    buildCloudflare(engine, target, operation, request, out);
  } else if (operation == kSpeech) {
    buildOpenAiSpeech(engine, target, request, out);
  } else {
    buildOpenAiTranscription(engine, target, request, out);
  }
  return true;
}

std::string parseSpeechResponse(const EngineTarget& target, std::string_view operation,
                                const std::vector<manifold::HeaderView>& headers,
                                std::string_view body) {
  if (isCloudflare(target)) {
    const json::Value result = cloudflareResult(body);
    if (operation == kTranscription) return transcriptionResult(result);
    const std::string& audio = result["audio"].asString();
    if (audio.empty()) fail(MF_ERR_INTERNAL, "MeloTTS answered without audio");
    return speechResult(audio, "audio/mpeg");
  }
  if (operation == kTranscription)
    return transcriptionResult(parseObject(body, "the transcription answer"));
  if (body.empty()) fail(MF_ERR_INTERNAL, "the speech answer is empty");
  return speechResult(manifold::base64::encode(body), audioMime(body, headers));
}

}  // namespace openai_compatible
