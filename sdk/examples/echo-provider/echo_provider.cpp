// A complete Manifold provider plugin: it answers every chat request by
// echoing the last user message, preceded by a prefix from its settings.
//
// Settings (gateway config, plugins.settings["example.echo"]):
//   {"prefix": "echo: "}
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

namespace json = manifold::json;

class EchoProvider : public manifold::GeneratingProvider {
 public:
  // Called once per plugin version; read settings here, not per request.
  EchoProvider(manifold::Host host, std::string_view /*configJson*/) {
    if (auto prefix = host.config("prefix")) {
      if (auto parsed = json::parse(*prefix); parsed && parsed->isString())
        prefix_ = parsed->asString();
    }
    host.info("echo provider ready with prefix \"" + prefix_ + "\"");
  }

  // Called for every request, on any thread. Throw manifold::Error to fail
  // it; the gateway then tries the next engine in the chain.
  void generate(const manifold::Engine& /*engine*/, std::string_view requestJson,
                manifold::EventSink& sink) override {
    json::ParseError error;
    std::optional<json::Value> request = json::parse(requestJson, &error);
    if (!request) throw manifold::Error(MF_ERR_INVALID, "bad request JSON: " + error.message);

    // Canonical content is a list of parts; the echo repeats the text ones.
    std::string lastUser;
    for (const json::Value& message : (*request)["messages"].asArray()) {
      if (message["role"].asString() != "user") continue;
      lastUser.clear();
      for (const json::Value& part : message["content"].asArray())
        if (part["type"].asString() == "text") lastUser += part["text"].asString();
    }

    // Emit returns false when the client has gone: stop then.
    if (!sink.text(prefix_ + lastUser)) return;
    sink.usage(manifold::Usage{static_cast<int64_t>(lastUser.size() / 4), 1, 0, 0});
    sink.finish(MF_FINISH_STOP);
  }

 private:
  std::string prefix_ = "echo: ";
};

MANIFOLD_PLUGIN("example.echo", "1.0.0", "Echoes the last user message", EchoProvider)
