#include "RequestTranslator.h"

#include <manifold/plugin.hpp>

namespace openai_compatible {
namespace {

namespace json = manifold::json;
using json::Value;

[[noreturn]] void invalid(const std::string& what) {
  throw manifold::Error(MF_ERR_INVALID, "openai-compatible: " + what);
}

Value imagePart(const Value& part) {
  if (!part["url"].isString() || part["url"].asString().empty())
    invalid("an image content part has no url");
  Value image = Value::object();
  image.set("url", part["url"]);
  if (part["detail"].isString()) image.set("detail", part["detail"]);
  Value out = Value::object();
  out.set("type", "image_url");
  out.set("image_url", std::move(image));
  return out;
}

Value textPart(const Value& part) {
  Value out = Value::object();
  out.set("type", "text");
  out.set("text", part["text"].asString());
  return out;
}

// A single text part becomes a plain string, which every compatible server
// accepts; anything richer stays an array of typed parts.
Value content(const Value& parts) {
  if (parts.isString()) return parts;
  if (!parts.isNull() && !parts.isArray()) invalid("message content must be an array of parts");
  if (parts.size() == 1 && parts[0]["type"].asString() == "text")
    return Value(parts[0]["text"].asString());
  Value out = Value::array();
  for (const Value& part : parts.asArray()) {
    const std::string& type = part["type"].asString();
    if (type == "text")
      out.push(textPart(part));
    else if (type == "image")
      out.push(imagePart(part));
    else
      invalid("content part type \"" + type + "\" is not supported");
  }
  return out;
}

Value toolCall(const Value& call) {
  Value function = Value::object();
  function.set("name", call["name"].asString());
  function.set("arguments", call["arguments"].isString() ? call["arguments"].asString() : "{}");
  Value out = Value::object();
  out.set("id", call["id"].asString());
  out.set("type", "function");
  out.set("function", std::move(function));
  return out;
}

Value message(const Value& m, bool prefix) {
  const std::string& role = m["role"].asString();
  if (role != "system" && role != "user" && role != "assistant" && role != "tool")
    invalid("message role \"" + role + "\" is not one of system, user, assistant, tool");
  Value out = Value::object();
  out.set("role", role);
  const bool hasToolCalls = m["tool_calls"].size() > 0;
  const Value& parts = m["content"];
  const bool noParts = parts.isNull() || (parts.isArray() && parts.size() == 0);
  if (!noParts)
    out.set("content", content(parts));
  else if (!(role == "assistant" && hasToolCalls))
    out.set("content", "");  // an assistant turn that only calls tools carries no content
  if (m["name"].isString() && !m["name"].asString().empty()) out.set("name", m["name"]);
  if (role == "tool") out.set("tool_call_id", m["tool_call_id"].asString());
  if (hasToolCalls) {
    Value calls = Value::array();
    for (const Value& call : m["tool_calls"].asArray()) calls.push(toolCall(call));
    out.set("tool_calls", std::move(calls));
  }
  if (prefix) out.set("prefix", true);
  return out;
}

Value tool(const Value& t) {
  if (!t["name"].isString() || t["name"].asString().empty()) invalid("a tool has no name");
  Value function = Value::object();
  function.set("name", t["name"]);
  if (t["description"].isString()) function.set("description", t["description"]);
  if (!t["parameters"].isNull()) function.set("parameters", t["parameters"]);
  Value out = Value::object();
  out.set("type", "function");
  out.set("function", std::move(function));
  return out;
}

Value toolChoice(const Value& choice) {
  if (choice.isString()) return choice;
  if (!choice["name"].isString()) invalid("tool_choice must be a string or {\"name\": ...}");
  Value function = Value::object();
  function.set("name", choice["name"]);
  Value out = Value::object();
  out.set("type", "function");
  out.set("function", std::move(function));
  return out;
}

}  // namespace

std::string translateRequest(const Value& canonical, const BodySettings& settings) {
  if (!canonical.isObject()) invalid("the canonical request is not a JSON object");
  const Value& messages = canonical["messages"];
  if (!messages.isArray() || messages.size() == 0) invalid("the request has no messages");

  Value body = Value::object();
  body.set("model", settings.model.empty() ? canonical["model"].asString() : settings.model);
  Value out = Value::array();
  for (size_t i = 0; i < messages.size(); ++i) {
    const bool last = i + 1 == messages.size();
    const bool prefill = last && messages[i]["role"].asString() == "assistant";
    out.push(message(messages[i], prefill && settings.prefillPrefix));
  }
  body.set("messages", std::move(out));

  if (canonical["tools"].size() > 0) {
    Value tools = Value::array();
    for (const Value& t : canonical["tools"].asArray()) tools.push(tool(t));
    body.set("tools", std::move(tools));
  }
  if (!canonical["tool_choice"].isNull())
    body.set("tool_choice", toolChoice(canonical["tool_choice"]));
  for (const char* field :
       {"response_format", "temperature", "top_p", "max_tokens", "stop", "seed"}) {
    if (const Value* v = canonical.find(field); v && !v->isNull()) body.set(field, *v);
  }
  // OpenAI caches prefixes by itself; the key only routes one conversation's
  // turns to the same cache.
  if (settings.promptCacheKey && canonical["prompt_cache"]["key"].isString())
    body.set("prompt_cache_key", canonical["prompt_cache"]["key"]);
  if (canonical["stream"].asBool()) {
    body.set("stream", true);
    if (settings.streamUsage) {
      Value options = Value::object();
      options.set("include_usage", true);
      body.set("stream_options", std::move(options));
    }
  }
  return json::stringify(body);
}

}  // namespace openai_compatible
