// A translator for Anthropic's Messages API (POST /v1/messages). It never does
// I/O: it builds the upstream request and turns the upstream's bytes into
// canonical events, and the host sends and receives. See README.md here.
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <memory>
#include <string>

#include "ErrorClassifier.h"
#include "EventTranslator.h"
#include "MessageStreamParser.h"
#include "RequestTranslator.h"

namespace anthropic {
namespace {

namespace json = manifold::json;

constexpr const char* kDefaultBaseUrl = "https://api.anthropic.com";
constexpr const char* kApiVersion = "2023-06-01";

[[noreturn]] void invalid(const std::string& what) {
  throw manifold::Error(MF_ERR_INVALID, "anthropic: " + what);
}

int64_t positiveOption(const json::Value& options, const char* name, int64_t fallback) {
  const json::Value& v = options[name];
  if (v.isNull()) return fallback;
  if (!v.isInt() || v.asInt() <= 0)
    invalid(std::string("engine option \"") + name + "\" must be a positive integer");
  return v.asInt();
}

// Engine options: {"max_tokens": 4096, "thinking_budget": 2048,
// "max_output_tokens": 32000}, all optional. max_output_tokens caps a
// max_tokens raised above the thinking budget (see translateRequest).
RequestSettings settingsFor(const manifold::Engine& engine) {
  const std::string_view text = engine.optionsJson.empty() ? "{}" : engine.optionsJson;
  const std::optional<json::Value> options = json::parse(text);
  if (!options || !options->isObject()) invalid("engine options are not a JSON object");
  RequestSettings settings;
  settings.model = std::string(engine.model);
  settings.maxTokens = positiveOption(*options, "max_tokens", settings.maxTokens);
  settings.thinkingBudget = positiveOption(*options, "thinking_budget", 0);
  settings.maxOutputTokens =
      positiveOption(*options, "max_output_tokens", settings.maxOutputTokens);
  return settings;
}

class AnthropicProvider : public manifold::TranslatorProvider {
 public:
  AnthropicProvider(manifold::Host host, std::string_view /*configJson*/) : host_(host) {}

  void buildRequest(const manifold::Engine& engine, std::string_view canonicalJson,
                    manifold::RequestBuilder& out) override {
    json::ParseError parseError;
    const std::optional<json::Value> canonical = json::parse(canonicalJson, &parseError);
    if (!canonical) invalid("the canonical request is not JSON: " + parseError.message);
    const std::string body = translateRequest(*canonical, settingsFor(engine));
    std::string base = engine.baseUrl.empty() ? kDefaultBaseUrl : std::string(engine.baseUrl);
    while (!base.empty() && base.back() == '/') base.pop_back();

    out.method("POST");
    out.url(base + "/v1/messages");
    if (!engine.apiKey.empty()) out.header("x-api-key", engine.apiKey);
    out.header("anthropic-version", kApiVersion);
    out.header("content-type", "application/json");
    out.header("accept",
               (*canonical)["stream"].asBool() ? "text/event-stream" : "application/json");
    out.body(body);
  }

  std::unique_ptr<manifold::StreamParser> openStream(const manifold::Engine& /*engine*/,
                                                     manifold::EventSink sink) override {
    return std::make_unique<MessageStreamParser>(sink);
  }

  void parseResponse(const manifold::Engine& /*engine*/, std::string_view body,
                     manifold::EventSink& sink) override {
    const std::optional<json::Value> message = json::parse(body);
    const std::string type = message ? (*message)["type"].asString() : "";
    if (!(type == "message" && (*message)["content"].isArray()) && type != "error")
      throw manifold::Error(MF_ERR_UNAVAILABLE,
                            "anthropic: upstream sent a body that is not a message", true);
    EventTranslator(sink).onMessage(*message);
  }

  // classify_error is not told the engine, so the message names the plugin.
  manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                                std::string_view body) override {
    return anthropic::classifyError(status, headers, body, host_.nowUnixMs());
  }

 private:
  manifold::Host host_;
};

}  // namespace
}  // namespace anthropic

MANIFOLD_PLUGIN("anthropic", "1.0.0", "Anthropic Messages API translator (Claude)",
                anthropic::AnthropicProvider)
