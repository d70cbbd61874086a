// Cohere's v2 Chat API (POST /v2/chat). A pure translator: it builds the
// upstream request and turns the upstream's bytes into canonical events; the
// host does the I/O. See README.md in this folder.
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <memory>
#include <string>

#include "ChatStreamParser.h"
#include "ErrorClassifier.h"
#include "EventTranslator.h"
#include "RequestTranslator.h"

namespace cohere {
namespace {

namespace json = manifold::json;

constexpr const char* kDefaultBaseUrl = "https://api.cohere.com";

class CohereProvider : public manifold::TranslatorProvider {
 public:
  // Everything is per engine: the instance has no settings of its own.
  CohereProvider(manifold::Host host, std::string_view /*configJson*/) : host_(host) {}

  void buildRequest(const manifold::Engine& engine, std::string_view canonicalJson,
                    manifold::RequestBuilder& out) override {
    json::ParseError parseError;
    const std::optional<json::Value> canonical = json::parse(canonicalJson, &parseError);
    if (!canonical)
      throw manifold::Error(MF_ERR_INVALID,
                            "cohere: the canonical request is not JSON: " + parseError.message);
    const bool stream = (*canonical)["stream"].asBool();
    std::string base = engine.baseUrl.empty() ? kDefaultBaseUrl : std::string(engine.baseUrl);
    while (!base.empty() && base.back() == '/') base.pop_back();

    out.method("POST");
    out.url(base + "/v2/chat");
    out.header("Content-Type", "application/json");
    out.header("Accept", stream ? "text/event-stream" : "application/json");
    if (!engine.apiKey.empty()) out.header("Authorization", "Bearer " + std::string(engine.apiKey));
    out.body(translateRequest(*canonical, std::string(engine.model)));
  }

  std::unique_ptr<manifold::StreamParser> openStream(const manifold::Engine& /*engine*/,
                                                     manifold::EventSink sink) override {
    return std::make_unique<ChatStreamParser>(sink);
  }

  void parseResponse(const manifold::Engine& /*engine*/, std::string_view body,
                     manifold::EventSink& sink) override {
    const std::optional<json::Value> response = json::parse(body);
    if (!response || !(*response)["message"].isObject())
      throw manifold::Error(MF_ERR_UNAVAILABLE,
                            "upstream sent a response that is not a chat answer", true);
    translateResponse(*response, sink);
  }

  manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                                std::string_view body) override {
    return cohere::classifyError(status, headers, body, host_.nowUnixMs());
  }

 private:
  manifold::Host host_;
};

}  // namespace
}  // namespace cohere

MANIFOLD_PLUGIN("cohere", "1.0.0", "Cohere v2 Chat API translator (Command models)",
                cohere::CohereProvider)
