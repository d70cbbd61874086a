// {{id}}: a provider plugin. It answers on its own, with no HTTP upstream, by
// greeting the last user message. For a real HTTP API derive from
// manifold::TranslatorProvider instead (buildRequest, openStream,
// parseResponse, classifyError): the host then owns the wire.
//
// Settings (plugins.settings["{{id}}"]): {"greeting": "Hello"}
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <string>

namespace json = manifold::json;

class {{class}} : public manifold::GeneratingProvider {
 public:
  // Called once per plugin configuration: read settings here, not per request.
  {{class}}(manifold::Host host, std::string_view /*configJson*/) {
    if (auto greeting = host.config("greeting")) {
      if (auto parsed = json::parse(*greeting); parsed && parsed->isString())
        greeting_ = parsed->asString();
    }
  }

  // Called for every request, on any thread. Throw manifold::Error to fail it;
  // the gateway then tries the next engine of the chain.
  void generate(const manifold::Engine& engine, std::string_view requestJson,
                manifold::EventSink& sink) override {
    json::ParseError error;
    const std::optional<json::Value> request = json::parse(requestJson, &error);
    if (!request) throw manifold::Error(MF_ERR_INVALID, "bad request JSON: " + error.message);

    // Canonical content is a list of parts (schemas/canonical-request.schema.json).
    std::string lastUser;
    for (const json::Value& message : (*request)["messages"].asArray()) {
      if (message["role"].asString() != "user") continue;
      lastUser.clear();
      for (const json::Value& part : message["content"].asArray())
        if (part["type"].asString() == "text") lastUser += part["text"].asString();
    }

    // Each call streams one piece of the answer; false means the client has gone.
    if (!sink.text(greeting_ + " from " + std::string(engine.model) + ": ")) return;
    if (!sink.text(lastUser)) return;
    sink.usage(manifold::Usage{static_cast<int64_t>(lastUser.size() / 4), 2, 0, 0});
    sink.finish(MF_FINISH_STOP);
  }

 private:
  std::string greeting_ = "Hello";
};

MANIFOLD_PLUGIN("{{id}}", "0.1.0", "{{class}}: a provider", {{class}})
