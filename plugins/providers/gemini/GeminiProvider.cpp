// A translator for Google's Gemini API (generativelanguage.googleapis.com,
// v1beta). It builds the upstream request and reads the upstream's bytes; the
// host does the I/O. See README.md in this folder.
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <memory>
#include <string>

#include "ErrorClassifier.h"
#include "EventTranslator.h"
#include "GeminiStreamParser.h"
#include "ImageRequests.h"
#include "RequestTranslator.h"
#include "SpeechRequests.h"

namespace gemini {
namespace {

namespace json = manifold::json;

constexpr const char* kDefaultBaseUrl = "https://generativelanguage.googleapis.com";

[[noreturn]] void invalid(const std::string& what) {
  throw manifold::Error(MF_ERR_INVALID, "gemini: " + what);
}

json::Value parseOrFail(std::string_view text, const char* what) {
  json::ParseError error;
  std::optional<json::Value> value = json::parse(text, &error);
  if (!value || !value->isObject())
    invalid(std::string(what) + " is not a JSON object" +
            (error.message.empty() ? "" : ": " + error.message));
  return std::move(*value);
}

// Engine options: {"thinking_budget": <integer>}; anything else is ignored.
EngineSettings settingsOf(const manifold::Engine& engine) {
  const json::Value options =
      parseOrFail(engine.optionsJson.empty() ? "{}" : engine.optionsJson, "the engine options");
  EngineSettings settings;
  const json::Value& budget = options["thinking_budget"];
  if (budget.isInt())
    settings.thinkingBudget = budget.asInt();
  else if (!budget.isNull())
    invalid("engine option \"thinking_budget\" must be an integer");
  return settings;
}

// The model goes into the URL path, so it may only hold the characters model ids use.
std::string modelPath(std::string_view model) {
  if (model.substr(0, 7) == "models/") model.remove_prefix(7);
  const bool safe = model.find_first_not_of(
                        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        "0123456789.-_") == std::string_view::npos;
  if (model.empty() || !safe)
    invalid("the engine's model \"" + std::string(model) + "\" is not a Gemini model id");
  return "/v1beta/models/" + std::string(model);
}

std::string baseUrlOf(const manifold::Engine& engine) {
  std::string base = engine.baseUrl.empty() ? kDefaultBaseUrl : std::string(engine.baseUrl);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

class GeminiProvider : public manifold::TranslatorProvider {
 public:
  // Everything is per engine; the instance has no settings of its own.
  GeminiProvider(manifold::Host host, std::string_view /*configJson*/) : host_(host) {}

  void buildRequest(const manifold::Engine& engine, std::string_view canonicalJson,
                    manifold::RequestBuilder& out) override {
    const EngineSettings settings = settingsOf(engine);
    const json::Value canonical = parseOrFail(canonicalJson, "the canonical request");
    const bool stream = canonical["stream"].asBool();
    out.method("POST");
    out.url(baseUrlOf(engine) + modelPath(engine.model) +
            (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
    out.header("Content-Type", "application/json");
    // In a header, never in the URL: URLs end up in logs and error messages.
    if (!engine.apiKey.empty()) out.header("x-goog-api-key", engine.apiKey);
    out.body(translateRequest(canonical, settings));
  }

  std::unique_ptr<manifold::StreamParser> openStream(const manifold::Engine& /*engine*/,
                                                     manifold::EventSink sink) override {
    return std::make_unique<GeminiStreamParser>(sink);
  }

  void parseResponse(const manifold::Engine& /*engine*/, std::string_view body,
                     manifold::EventSink& sink) override {
    const std::optional<json::Value> response = json::parse(body);
    const bool documented =
        response && response->isObject() &&
        ((*response)["candidates"].isArray() || (*response)["promptFeedback"].isObject() ||
         (*response)["error"].isObject());
    if (!documented)
      throw manifold::Error(MF_ERR_UNAVAILABLE,
                            "gemini: upstream sent a body that is not a GenerateContentResponse",
                            true);
    EventTranslator translator(sink);
    if (translator.onResponse(*response)) translator.end();
  }

  // Media (schemas/media.md): one branch per operation this plugin does.
  bool buildMediaRequest(const manifold::Engine& engine, std::string_view operation,
                         std::string_view requestJson, manifold::RequestBuilder& out) override {
    const bool image = operation == MF_MEDIA_IMAGE_GENERATE || operation == MF_MEDIA_IMAGE_EDIT;
    if (operation != MF_MEDIA_SPEECH && !image) return false;
    const json::Value request = parseOrFail(requestJson, "the media request");
    const json::Value options =
        parseOrFail(engine.optionsJson.empty() ? "{}" : engine.optionsJson, "the engine options");
    out.method("POST");
    out.url(baseUrlOf(engine) + modelPath(engine.model) + ":generateContent");
    out.header("Content-Type", "application/json");
    if (!engine.apiKey.empty()) out.header("x-goog-api-key", engine.apiKey);
    out.body(image ? imageRequestBody(request)
                   : speechRequestBody(request, options["voice"].isString()
                                                    ? options["voice"].asString()
                                                    : "Kore"));
    return true;
  }

  std::string parseMediaResponse(const manifold::Engine& /*engine*/, std::string_view operation,
                                 const std::vector<manifold::HeaderView>& /*headers*/,
                                 std::string_view body) override {
    if (operation == MF_MEDIA_SPEECH) return parseSpeechResponse(body);
    if (operation == MF_MEDIA_IMAGE_GENERATE || operation == MF_MEDIA_IMAGE_EDIT)
      return parseImageResponse(body);
    throw manifold::Error(MF_ERR_INTERNAL, "gemini: no media operation " + std::string(operation));
  }

  manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                                std::string_view body) override {
    return gemini::classifyError(status, headers, body, host_.nowUnixMs());
  }

 private:
  manifold::Host host_;
};

}  // namespace
}  // namespace gemini

MANIFOLD_PLUGIN("gemini", "1.0.0",
                "Google Gemini API (generateContent, streamGenerateContent) translator",
                gemini::GeminiProvider)
