// One translator for every provider that speaks OpenAI's chat-completions
// API. Providers differ only in data: a preset (presets.json) gives the base
// URL, extra headers and auth style; an engine's options pick the preset and
// may refine it. See README.md in this folder.
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <memory>
#include <string>

#include "ChatStreamParser.h"
#include "EngineTarget.h"
#include "ErrorClassifier.h"
#include "EventTranslator.h"
#include "ImageRequests.h"
#include "Presets.h"
#include "RequestTranslator.h"
#include "SpeechRequests.h"

namespace openai_compatible {
namespace {

namespace json = manifold::json;

json::Value mediaRequest(std::string_view text) {
  std::optional<json::Value> request = json::parse(text);
  if (!request || !request->isObject())
    throw manifold::Error(MF_ERR_INVALID, "openai-compatible: the media request is not JSON");
  return std::move(*request);
}

class OpenAiCompatibleProvider : public manifold::TranslatorProvider {
 public:
  // The instance has no settings of its own: everything is per engine. The
  // preset table is parsed here so that a broken build fails at start-up.
  OpenAiCompatibleProvider(manifold::Host host, std::string_view /*configJson*/)
      : host_(host), presets_(Presets::builtIn()) {}

  void buildRequest(const manifold::Engine& engine, std::string_view canonicalJson,
                    manifold::RequestBuilder& out) override {
    const EngineTarget target = EngineTarget::resolve(engine, presets_);
    json::ParseError parseError;
    const std::optional<json::Value> canonical = json::parse(canonicalJson, &parseError);
    if (!canonical)
      throw manifold::Error(MF_ERR_INVALID,
                            "openai-compatible: the canonical request is not "
                            "JSON: " +
                                parseError.message);
    const bool stream = (*canonical)["stream"].asBool();
    BodySettings settings{std::string(engine.model), target.streamUsage, target.prefillPrefix,
                          target.promptCacheKey};

    out.method("POST");
    out.url(target.url);
    out.header("Content-Type", "application/json");
    out.header("Accept", stream ? "text/event-stream" : "application/json");
    if (target.auth == AuthStyle::Bearer && !engine.apiKey.empty())
      out.header("Authorization", "Bearer " + std::string(engine.apiKey));
    for (const HeaderPair& h : target.headers) out.header(h.name, h.value);
    out.body(translateRequest(*canonical, settings));
  }

  std::unique_ptr<manifold::StreamParser> openStream(const manifold::Engine& /*engine*/,
                                                     manifold::EventSink sink) override {
    return std::make_unique<ChatStreamParser>(sink);
  }

  void parseResponse(const manifold::Engine& /*engine*/, std::string_view body,
                     manifold::EventSink& sink) override {
    const std::optional<json::Value> completion = json::parse(body);
    if (!completion || !completion->isObject())
      throw manifold::Error(MF_ERR_UNAVAILABLE, "upstream sent a response that is not JSON", true);
    if (!completion->contains("error") && !(*completion)["choices"].isArray())
      throw manifold::Error(MF_ERR_UNAVAILABLE, "upstream sent a response without choices", true);
    translateCompletion(*completion, sink);
  }

  // Media (schemas/media.md): one branch per family of operations.
  bool buildMediaRequest(const manifold::Engine& engine, std::string_view operation,
                         std::string_view requestJson, manifold::RequestBuilder& out) override {
    const EngineTarget target = EngineTarget::resolve(engine, presets_);
    const json::Value request = mediaRequest(requestJson);
    if (isSpeechOperation(operation))
      return buildSpeechRequest(engine, target, operation, request, out);
    if (isImageOperation(operation))
      return buildImageRequest(engine, target, operation, request, out);
    return false;
  }

  std::string parseMediaResponse(const manifold::Engine& engine, std::string_view operation,
                                 const std::vector<manifold::HeaderView>& headers,
                                 std::string_view body) override {
    const EngineTarget target = EngineTarget::resolve(engine, presets_);
    if (isSpeechOperation(operation)) return parseSpeechResponse(target, operation, headers, body);
    if (isImageOperation(operation)) return parseImageResponse(target, body);
    throw manifold::Error(MF_ERR_INTERNAL,
                          "openai-compatible: no media operation " + std::string(operation));
  }

  // classify_error is not told the engine, so the message names the plugin.
  manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                                std::string_view body) override {
    return openai_compatible::classifyError(status, headers, body, "openai-compatible",
                                            host_.nowUnixMs());
  }

 private:
  manifold::Host host_;
  const Presets& presets_;
};

}  // namespace
}  // namespace openai_compatible

MANIFOLD_PLUGIN("openai-compatible", "1.0.0",
                "OpenAI chat-completions translator for OpenAI, Groq, Cerebras, SambaNova, "
                "OpenRouter, GitHub Models, Mistral, DeepSeek, Ollama and any compatible server",
                openai_compatible::OpenAiCompatibleProvider)
