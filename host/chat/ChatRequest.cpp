#include "chat/ChatRequest.h"

namespace manifold::chat {
namespace {

json::Value partJson(const ContentPart& part) {
  json::Value v = json::Value::object();
  if (part.kind == ContentPart::Kind::Text) {
    v.set("type", "text");
    v.set("text", part.text);
  } else {
    v.set("type", "image");
    v.set("url", part.url);
    if (!part.detail.empty()) v.set("detail", part.detail);
  }
  return v;
}

}  // namespace

json::Value messageJson(const ChatMessage& m) {
  json::Value v = json::Value::object();
  v.set("role", m.role);
  json::Value content = json::Value::array();
  for (const ContentPart& part : m.content) content.push(partJson(part));
  v.set("content", std::move(content));
  if (!m.name.empty()) v.set("name", m.name);
  if (!m.toolCallId.empty()) v.set("tool_call_id", m.toolCallId);
  if (!m.toolCalls.empty()) {
    json::Value calls = json::Value::array();
    for (const ToolCall& c : m.toolCalls) {
      json::Value call = json::Value::object();
      call.set("id", c.id);
      call.set("name", c.name);
      call.set("arguments", c.arguments);
      calls.push(std::move(call));
    }
    v.set("tool_calls", std::move(calls));
  }
  return v;
}

bool ChatRequest::hasImages() const {
  for (const ChatMessage& m : messages)
    for (const ContentPart& p : m.content)
      if (p.kind == ContentPart::Kind::Image) return true;
  return false;
}

bool ChatRequest::usesTools() const {
  return !tools.empty();
}

bool ChatRequest::wantsJson() const {
  const json::Value* type = responseFormat.find("type");
  return type && type->isString() && type->asString() != "text";
}

std::string toCanonicalJson(const ChatRequest& r, bool stream, const std::string& prefill) {
  json::Value v = json::Value::object();
  v.set("model", r.model);
  json::Value messages = json::Value::array();
  for (const ChatMessage& m : r.messages) messages.push(messageJson(m));
  if (!prefill.empty()) {
    ChatMessage assistant;
    assistant.role = "assistant";
    assistant.content.push_back({ContentPart::Kind::Text, prefill, "", ""});
    messages.push(messageJson(assistant));
  }
  v.set("messages", std::move(messages));
  if (!r.tools.empty()) {
    json::Value tools = json::Value::array();
    for (const ToolSpec& t : r.tools) {
      json::Value tool = json::Value::object();
      tool.set("name", t.name);
      if (!t.description.empty()) tool.set("description", t.description);
      if (!t.parameters.isNull()) tool.set("parameters", t.parameters);
      tools.push(std::move(tool));
    }
    v.set("tools", std::move(tools));
  }
  if (!r.toolChoice.isNull()) v.set("tool_choice", r.toolChoice);
  if (!r.responseFormat.isNull()) v.set("response_format", r.responseFormat);
  if (r.temperature) v.set("temperature", *r.temperature);
  if (r.topP) v.set("top_p", *r.topP);
  if (r.maxTokens) v.set("max_tokens", *r.maxTokens);
  if (r.seed) v.set("seed", *r.seed);
  if (!r.stop.empty()) {
    json::Value stop = json::Value::array();
    for (const std::string& s : r.stop) stop.push(s);
    v.set("stop", std::move(stop));
  }
  v.set("stream", stream);
  if (r.promptCache) {
    json::Value cache = json::Value::object();
    cache.set("prefix_messages", r.promptCache->prefixMessages);
    cache.set("key", r.promptCache->key);
    v.set("prompt_cache", std::move(cache));
  }
  if (!r.metadata.isNull()) v.set("metadata", r.metadata);
  return json::stringify(v);
}

}  // namespace manifold::chat
