#include "conversations/MessageJson.h"

namespace manifold::conversations {
namespace {

using chat::ContentPart;

std::string stringAt(const json::Value& v, const char* name) {
  const json::Value* member = v.find(name);
  return member && member->isString() ? member->asString() : "";
}

json::Value openAiContent(const json::Value& parts, bool toolCallsOnly) {
  bool allText = true;
  std::string text;
  for (const json::Value& part : parts.asArray()) {
    if (stringAt(part, "type") != "text") allText = false;
    text += stringAt(part, "text");
  }
  if (allText) return parts.size() == 0 && toolCallsOnly ? json::Value() : json::Value(text);
  json::Value out = json::Value::array();
  for (const json::Value& part : parts.asArray()) {
    json::Value p = json::Value::object();
    if (stringAt(part, "type") == "text") {
      p.set("type", "text");
      p.set("text", stringAt(part, "text"));
    } else {
      json::Value image = json::Value::object();
      image.set("url", stringAt(part, "url"));
      if (!stringAt(part, "detail").empty()) image.set("detail", stringAt(part, "detail"));
      p.set("type", "image_url");
      p.set("image_url", std::move(image));
    }
    out.push(std::move(p));
  }
  return out;
}

}  // namespace

std::string storedMessageJson(const chat::ChatMessage& message, const std::string& reasoning,
                              bool fenced) {
  json::Value v = chat::messageJson(message);
  if (!reasoning.empty()) v.set("reasoning", reasoning);
  if (fenced) v.set("fenced", true);
  return json::stringify(v);
}

std::optional<chat::ChatMessage> storedMessage(const std::string& text, bool* fenced) {
  const std::optional<json::Value> v = json::parse(text);
  if (!v || !v->isObject() || !(*v)["role"].isString() || !(*v)["content"].isArray())
    return std::nullopt;
  chat::ChatMessage m;
  m.role = (*v)["role"].asString();
  for (const json::Value& part : (*v)["content"].asArray()) {
    if (stringAt(part, "type") == "text")
      m.content.push_back({ContentPart::Kind::Text, stringAt(part, "text"), "", ""});
    else if (stringAt(part, "type") == "image")
      m.content.push_back(
          {ContentPart::Kind::Image, "", stringAt(part, "url"), stringAt(part, "detail")});
    else
      return std::nullopt;
  }
  m.name = stringAt(*v, "name");
  m.toolCallId = stringAt(*v, "tool_call_id");
  for (const json::Value& call : (*v)["tool_calls"].asArray())
    m.toolCalls.push_back(
        {stringAt(call, "id"), stringAt(call, "name"), stringAt(call, "arguments")});
  if (fenced) *fenced = (*v)["fenced"].asBool();
  return m;
}

json::Value openAiMessage(const std::string& storedJson) {
  const json::Value v = json::parse(storedJson).value_or(json::Value::object());
  json::Value out = json::Value::object();
  out.set("role", stringAt(v, "role"));
  const json::Value& calls = v["tool_calls"];
  out.set("content", openAiContent(v["content"], calls.size() > 0));
  if (!stringAt(v, "name").empty()) out.set("name", stringAt(v, "name"));
  if (!stringAt(v, "tool_call_id").empty()) out.set("tool_call_id", stringAt(v, "tool_call_id"));
  if (calls.size() > 0) {
    json::Value list = json::Value::array();
    for (const json::Value& call : calls.asArray()) {
      json::Value function = json::Value::object();
      function.set("name", stringAt(call, "name"));
      function.set("arguments", stringAt(call, "arguments"));
      json::Value c = json::Value::object();
      c.set("id", stringAt(call, "id"));
      c.set("type", "function");
      c.set("function", std::move(function));
      list.push(std::move(c));
    }
    out.set("tool_calls", std::move(list));
  }
  if (!stringAt(v, "reasoning").empty()) out.set("reasoning", stringAt(v, "reasoning"));
  return out;
}

}  // namespace manifold::conversations
