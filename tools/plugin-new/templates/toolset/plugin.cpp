// {{id}}: a toolset plugin. It offers tools in the OpenAI "tools" shape and
// runs them when a model calls them. This one counts words.
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <string>

namespace json = manifold::json;

class {{class}} : public manifold::Toolset {
 public:
  {{class}}(manifold::Host host, std::string_view /*configJson*/) : host_(host) {}

  // A JSON array of tool definitions.
  std::string listTools() override {
    return R"([{"type": "function", "function": {
      "name": "count_words",
      "description": "Counts the words of a text.",
      "parameters": {"type": "object", "required": ["text"],
                     "properties": {"text": {"type": "string"}}}}}])";
  }

  // May be called from many threads at once; keep per-call state on the stack.
  // Throw manifold::Error for a call that cannot be answered.
  std::string callTool(std::string_view name, std::string_view argumentsJson) override {
    if (name != "count_words")
      throw manifold::Error(MF_ERR_NOT_FOUND, "no tool named \"" + std::string(name) + "\"");
    const std::optional<json::Value> arguments = json::parse(argumentsJson);
    if (!arguments || !(*arguments)["text"].isString())
      throw manifold::Error(MF_ERR_INVALID, "count_words needs {\"text\": \"...\"}");
    int64_t words = 0;
    bool inWord = false;
    for (char c : (*arguments)["text"].asString()) {
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (!space && !inWord) ++words;
      inWord = !space;
    }
    json::Value result = json::Value::object();
    result.set("words", words);
    return json::stringify(result);
  }

 private:
  manifold::Host host_;
};

MANIFOLD_PLUGIN("{{id}}", "0.1.0", "{{class}}: a toolset", {{class}})
