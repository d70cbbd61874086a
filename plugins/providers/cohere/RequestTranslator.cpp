#include "RequestTranslator.h"

#include <manifold/plugin.hpp>

namespace cohere {
namespace {

namespace json = manifold::json;
using json::Value;

[[noreturn]] void invalid(const std::string& what) {
  throw manifold::Error(MF_ERR_INVALID, "cohere: " + what);
}

Value object(std::initializer_list<std::pair<const char*, Value>> members) {
  Value out = Value::object();
  for (const auto& [key, value] : members) out.set(key, value);
  return out;
}

Value part(const Value& p) {
  const std::string& type = p["type"].asString();
  if (type == "text") return object({{"type", "text"}, {"text", p["text"].asString()}});
  if (type != "image") invalid("content part type \"" + type + "\" is not supported");
  if (p["url"].asString().empty()) invalid("an image content part has no url");
  Value image = object({{"url", p["url"]}});
  if (p["detail"].isString()) image.set("detail", p["detail"]);
  return object({{"type", "image_url"}, {"image_url", std::move(image)}});
}

// Plain text goes as a string; several parts, or any image, as typed parts.
Value content(const Value& parts) {
  if (parts.isString()) return parts;
  if (parts.size() == 1 && parts[0]["type"].asString() == "text")
    return Value(parts[0]["text"].asString());
  Value out = Value::array();
  for (const Value& p : parts.asArray()) out.push(part(p));
  return out;
}

Value toolCall(const Value& call) {
  const Value& arguments = call["arguments"];
  Value function = object({{"name", call["name"].asString()},
                           {"arguments", arguments.isString() ? arguments.asString() : "{}"}});
  return object({{"id", call["id"].asString()}, {"type", "function"}, {"function", function}});
}

// A trailing assistant message (a prefill) goes as an ordinary assistant
// turn: Cohere cannot continue one, and the engine metadata says so.
Value message(const Value& m) {
  const std::string& role = m["role"].asString();
  if (role != "system" && role != "user" && role != "assistant" && role != "tool")
    invalid("message role \"" + role + "\" is not one of system, user, assistant, tool");
  Value out = object({{"role", role}});
  if (role == "tool") out.set("tool_call_id", m["tool_call_id"].asString());
  const bool callsTools = m["tool_calls"].size() > 0;
  const Value& parts = m["content"];
  if (!parts.isNull() && !parts.isString() && !parts.isArray())
    invalid("message content must be a string or an array of parts");
  if (parts.size() > 0 || parts.isString())
    out.set("content", content(parts));
  else if (!(role == "assistant" && callsTools))
    out.set("content", "");  // an assistant turn that only calls tools carries no content
  if (callsTools) {
    Value calls = Value::array();
    for (const Value& call : m["tool_calls"].asArray()) calls.push(toolCall(call));
    out.set("tool_calls", std::move(calls));
  }
  return out;
}

Value tool(const Value& t) {
  if (t["name"].asString().empty()) invalid("a tool has no name");
  Value function = object({{"name", t["name"]}});
  if (t["description"].isString()) function.set("description", t["description"]);
  if (!t["parameters"].isNull()) function.set("parameters", t["parameters"]);
  return object({{"type", "function"}, {"function", std::move(function)}});
}

// Cohere's tool_choice is only REQUIRED or NONE. A named tool becomes
// REQUIRED with `tools` cut down to that one tool.
void addTools(const Value& canonical, Value& body) {
  const Value& choice = canonical["tool_choice"];
  const std::string& only = choice["name"].asString();
  if (!choice.isNull() && !choice.isString() && only.empty())
    invalid("tool_choice must be a string or {\"name\": ...}");
  Value tools = Value::array();
  for (const Value& t : canonical["tools"].asArray())
    if (only.empty() || t["name"].asString() == only) tools.push(tool(t));
  if (!only.empty() && tools.size() == 0)
    invalid("tool_choice names unknown tool \"" + only + "\"");
  if (tools.size() > 0) body.set("tools", std::move(tools));
  if (choice.asString() == "required" || !only.empty())
    body.set("tool_choice", "REQUIRED");
  else if (choice.asString() == "none")
    body.set("tool_choice", "NONE");
  else if (choice.isString() && choice.asString() != "auto")
    invalid("tool_choice \"" + choice.asString() + "\" is not one of auto, none, required");
}

void addResponseFormat(const Value& format, Value& body) {
  const std::string& type = format["type"].asString();
  if (format.isNull() || type == "text") return;
  if (type == "json_object") {
    body.set("response_format", object({{"type", "json_object"}}));
  } else if (type == "json_schema") {
    const Value& schema = format["json_schema"]["schema"];
    if (!schema.isObject()) invalid("response_format json_schema has no schema object");
    body.set("response_format", object({{"type", "json_object"}, {"json_schema", schema}}));
  } else {
    invalid("response_format type \"" + type + "\" is not supported");
  }
}

}  // namespace

std::string translateRequest(const Value& canonical, const std::string& model) {
  if (!canonical.isObject()) invalid("the canonical request is not a JSON object");
  const Value& messages = canonical["messages"];
  if (messages.size() == 0 || !messages.isArray()) invalid("the request has no messages");

  Value body = object({{"model", model.empty() ? canonical["model"].asString() : model}});
  Value out = Value::array();
  for (const Value& m : messages.asArray()) out.push(message(m));
  body.set("messages", std::move(out));
  body.set("stream", canonical["stream"].asBool());
  addTools(canonical, body);
  addResponseFormat(canonical["response_format"], body);
  // Canonical name -> Cohere's name, in the order they are sent.
  const std::pair<const char*, const char*> renamed[] = {{"temperature", "temperature"},
                                                         {"top_p", "p"},
                                                         {"max_tokens", "max_tokens"},
                                                         {"stop", "stop_sequences"},
                                                         {"seed", "seed"}};
  for (const auto& [from, to] : renamed)
    if (const Value* v = canonical.find(from); v && !v->isNull()) body.set(to, *v);
  return json::stringify(body);
}

}  // namespace cohere
