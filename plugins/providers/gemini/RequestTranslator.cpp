#include "RequestTranslator.h"

#include <manifold/plugin.hpp>

#include <map>
#include <vector>

#include <manifold/adapter.hpp>

namespace gemini {
namespace {

namespace json = manifold::json;
using json::Object;
using json::Value;

// Gemini 3 refuses a replayed functionCall part without the signature it sent
// with it. The canonical format cannot carry one, so replays carry the value
// Google documents for calls that have none.
constexpr const char* kNoThoughtSignature = "skip_thought_signature_validator";

[[noreturn]] void invalid(const std::string& what) {
  throw manifold::Error(MF_ERR_INVALID, "gemini: " + what);
}

Value object(Object members) {
  return Value(std::move(members));
}

Value array(Value item) {
  Value out = Value::array();
  out.push(std::move(item));
  return out;
}

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Gemini wants a media type for a file URI; the extension is the only hint.
std::string guessImageType(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  const size_t dot = url.rfind('.');
  const std::string ext =
      dot == std::string_view::npos ? "" : manifold::adapter::lower(url.substr(dot + 1));
  static const std::map<std::string, std::string> types = {
      {"png", "image/png"},   {"gif", "image/gif"},   {"webp", "image/webp"},
      {"heic", "image/heic"}, {"heif", "image/heif"}, {"jpg", "image/jpeg"}};
  const auto it = types.find(ext);
  return it == types.end() ? "image/jpeg" : it->second;
}

Value imagePart(const std::string& url) {
  if (startsWith(url, "http://") || startsWith(url, "https://"))
    return object({{"fileData", object({{"mimeType", guessImageType(url)}, {"fileUri", url}})}});
  if (!startsWith(url, "data:")) invalid("an image url must be https://, http:// or data:");
  const size_t comma = url.find(',');
  const std::string_view meta = std::string_view(url).substr(5, comma - 5);
  if (comma == std::string::npos || meta.size() <= 7 || meta.substr(meta.size() - 7) != ";base64")
    invalid("an image data: URL must carry a media type and base64 bytes");
  const std::string type(meta.substr(0, meta.find(';')));
  return object({{"inlineData", object({{"mimeType", type}, {"data", url.substr(comma + 1)}})}});
}

Value parts(const Value& content) {
  Value out = Value::array();
  if (content.isString()) {
    if (!content.asString().empty()) out.push(object({{"text", content}}));
    return out;
  }
  if (!content.isNull() && !content.isArray())
    invalid("message content must be a string or an array of parts");
  for (const Value& part : content.asArray()) {
    const std::string& type = part["type"].asString();
    if (type == "text" && !part["text"].asString().empty())
      out.push(object({{"text", part["text"]}}));
    else if (type == "image")
      out.push(imagePart(part["url"].asString()));
    else if (type != "text")
      invalid("content part type \"" + type + "\" is not supported");
  }
  return out;
}

std::string textOf(const Value& content) {
  if (content.isString()) return content.asString();
  std::string text;
  for (const Value& part : content.asArray()) text += part["text"].asString();
  return text;
}

Value functionCall(const Value& call) {
  const std::string& name = call["name"].asString();
  if (name.empty()) invalid("an assistant tool call has no name");
  const std::string& text = call["arguments"].asString();
  std::optional<Value> args = json::parse(text.empty() ? "{}" : text);
  if (!args || !args->isObject())
    invalid("the arguments of tool call \"" + name + "\" are not a JSON object");
  return object({{"functionCall", object({{"name", name}, {"args", std::move(*args)}})}});
}

// A tool's answer; Gemini names the function where the canonical form names the call.
Value functionResponse(const Value& message, const std::map<std::string, std::string>& calls) {
  const std::string& id = message["tool_call_id"].asString();
  const auto call = calls.find(id);
  if (call == calls.end()) invalid("tool result \"" + id + "\" answers no earlier tool call");
  const std::string text = textOf(message["content"]);
  std::optional<Value> response = json::parse(text);
  if (!response || !response->isObject()) response = object({{"result", text}});
  return object({{"functionResponse", object({{"name", call->second}, {"response", *response}})}});
}

struct Content {
  std::string role;
  Value parts;
};

// Gemini wants turns to alternate, so consecutive messages of one role merge.
void append(std::vector<Content>& contents, const std::string& role, Value parts) {
  if (parts.size() == 0) return;
  if (contents.empty() || contents.back().role != role) {
    contents.push_back({role, std::move(parts)});
    return;
  }
  for (const Value& part : parts.asArray()) contents.back().parts.push(part);
}

Value tools(const Value& canonicalTools) {
  Value declarations = Value::array();
  for (const Value& t : canonicalTools.asArray()) {
    if (t["name"].asString().empty()) invalid("a tool has no name");
    Value declaration = object({{"name", t["name"]}});
    if (t["description"].isString()) declaration.set("description", t["description"]);
    // The JSON Schema field, not "parameters" (an OpenAPI subset that refuses
    // keywords such as additionalProperties or $defs).
    if (!t["parameters"].isNull()) declaration.set("parametersJsonSchema", t["parameters"]);
    declarations.push(std::move(declaration));
  }
  return array(object({{"functionDeclarations", std::move(declarations)}}));
}

Value toolConfig(const Value& choice) {
  Value config = Value::object();
  const std::string& mode = choice.asString();
  if (mode == "auto" || mode == "none" || mode == "required") {
    config.set("mode", mode == "auto" ? "AUTO" : mode == "none" ? "NONE" : "ANY");
  } else if (choice["name"].isString()) {
    config.set("mode", "ANY");
    config.set("allowedFunctionNames", array(choice["name"]));
  } else {
    invalid("tool_choice must be auto, none, required or {\"name\": ...}");
  }
  return object({{"functionCallingConfig", std::move(config)}});
}

Value generationConfig(const Value& canonical, const EngineSettings& settings) {
  static constexpr std::pair<const char*, const char*> kNumbers[] = {
      {"temperature", "temperature"},
      {"top_p", "topP"},
      {"max_tokens", "maxOutputTokens"},
      {"seed", "seed"}};
  Value config = Value::object();
  for (const auto& [from, to] : kNumbers)
    if (canonical[from].isNumber()) config.set(to, canonical[from]);
  if (canonical["stop"].size() > 0) config.set("stopSequences", canonical["stop"]);
  const Value& format = canonical["response_format"];
  const std::string& type = format["type"].asString();
  if (type == "json_object" || type == "json_schema")
    config.set("responseMimeType", "application/json");
  if (type == "json_schema" && format["json_schema"]["schema"].isObject())
    config.set("responseJsonSchema", format["json_schema"]["schema"]);
  if (!format.isNull() && type != "text" && type != "json_object" && type != "json_schema")
    invalid("response_format type \"" + type + "\" is not supported");
  if (settings.thinkingBudget)
    config.set("thinkingConfig", object({{"thinkingBudget", *settings.thinkingBudget},
                                         {"includeThoughts", *settings.thinkingBudget != 0}}));
  return config;
}

}  // namespace

std::string translateRequest(const Value& canonical, const EngineSettings& settings) {
  if (!canonical.isObject()) invalid("the canonical request is not a JSON object");
  const Value& messages = canonical["messages"];
  if (!messages.isArray() || messages.size() == 0) invalid("the request has no messages");

  Value system = Value::array();
  std::vector<Content> contents;
  std::map<std::string, std::string> callNames;  // tool call id -> function name
  for (const Value& m : messages.asArray()) {
    const std::string& role = m["role"].asString();
    if (role == "system") {
      const Value more = parts(m["content"]);
      for (const Value& part : more.asArray()) system.push(part);
    } else if (role == "user") {
      append(contents, "user", parts(m["content"]));
    } else if (role == "assistant") {
      Value out = parts(m["content"]);
      for (const Value& call : m["tool_calls"].asArray()) {
        Value part = functionCall(call);
        if (&call == &m["tool_calls"][0]) part.set("thoughtSignature", kNoThoughtSignature);
        out.push(std::move(part));
        callNames[call["id"].asString()] = call["name"].asString();
      }
      append(contents, "model", std::move(out));
    } else if (role == "tool") {
      append(contents, "user", array(functionResponse(m, callNames)));
    } else {
      invalid("message role \"" + role + "\" is not one of system, user, assistant, tool");
    }
  }
  if (contents.empty()) invalid("the request has no user or assistant content");

  Value body = Value::object();
  Value turns = Value::array();
  for (Content& c : contents) turns.push(object({{"role", c.role}, {"parts", std::move(c.parts)}}));
  body.set("contents", std::move(turns));
  if (system.size() > 0) body.set("systemInstruction", object({{"parts", std::move(system)}}));
  if (canonical["tools"].size() > 0) body.set("tools", tools(canonical["tools"]));
  if (!canonical["tool_choice"].isNull())
    body.set("toolConfig", toolConfig(canonical["tool_choice"]));
  Value config = generationConfig(canonical, settings);
  if (config.size() > 0) body.set("generationConfig", std::move(config));
  return json::stringify(body);
}

}  // namespace gemini
