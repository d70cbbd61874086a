#include "api/anthropic/AnthropicRequestParser.h"

#include "api/JsonChecks.h"

namespace manifold::api {
namespace {

using json::Value;

bool readImage(JsonChecks& c, const Value& block, const std::string& at, chat::ContentPart& out) {
  const Value& source = block["source"];
  if (!source.isObject()) return c.fail(at + ".source", at + ".source must be an object");
  out.kind = chat::ContentPart::Kind::Image;
  const std::string type = source["type"].asString();
  if (type == "url") return c.string(source["url"], at + ".source.url", out.url, false);
  if (type != "base64")
    return c.fail(at + ".source.type", at + ".source.type must be base64 or url");
  std::string mediaType, data;
  if (!c.string(source["media_type"], at + ".source.media_type", mediaType, false) ||
      !c.string(source["data"], at + ".source.data", data, false))
    return false;
  out.url = "data:" + mediaType + ";base64," + data;
  return true;
}

/// The text of a tool_result's content: a string or text blocks.
bool readToolResultText(JsonChecks& c, const Value& content, const std::string& at,
                        std::string& out) {
  if (content.isNull()) return true;
  if (content.isString()) {
    out = content.asString();
    return true;
  }
  if (!content.isArray()) return c.fail(at, at + " must be a string or an array of blocks");
  for (size_t i = 0; i < content.size(); ++i) {
    const std::string where = at + "[" + std::to_string(i) + "]";
    if (content[i]["type"].asString() != "text")
      return c.fail(where + ".type", where + ".type must be text in a tool_result");
    std::string text;
    if (!c.string(content[i]["text"], where + ".text", text)) return false;
    out += text;
  }
  return true;
}

// One Anthropic message becomes one or more canonical messages.
bool readMessage(JsonChecks& c, const Value& m, const std::string& where,
                 std::vector<chat::ChatMessage>& out) {
  if (!m.isObject()) return c.fail(where, where + " must be an object");
  const std::string role = m["role"].asString();
  if (role != "user" && role != "assistant")
    return c.fail(where + ".role", where + ".role must be user or assistant");
  chat::ChatMessage message;
  message.role = role;
  const Value& content = m["content"];
  if (content.isString()) {
    message.content.push_back({chat::ContentPart::Kind::Text, content.asString(), "", ""});
    out.push_back(std::move(message));
    return true;
  }
  if (!content.isArray())
    return c.fail(where + ".content", where + ".content must be a string or an array of blocks");
  std::vector<chat::ChatMessage> toolResults;
  for (size_t i = 0; i < content.size(); ++i) {
    const std::string at = where + ".content[" + std::to_string(i) + "]";
    const Value& block = content[i];
    if (!block.isObject()) return c.fail(at, at + " must be an object");
    const std::string type = block["type"].asString();
    if (type == "text") {
      chat::ContentPart part;
      if (!c.string(block["text"], at + ".text", part.text)) return false;
      message.content.push_back(std::move(part));
    } else if (type == "image" && role == "user") {
      chat::ContentPart part;
      if (!readImage(c, block, at, part)) return false;
      message.content.push_back(std::move(part));
    } else if (type == "tool_use" && role == "assistant") {
      chat::ToolCall call;
      if (!c.string(block["id"], at + ".id", call.id, false) ||
          !c.string(block["name"], at + ".name", call.name, false))
        return false;
      if (!block["input"].isObject()) return c.fail(at + ".input", at + ".input must be an object");
      call.arguments = json::stringify(block["input"]);
      message.toolCalls.push_back(std::move(call));
    } else if (type == "tool_result" && role == "user") {
      chat::ChatMessage result;
      result.role = "tool";
      if (!c.string(block["tool_use_id"], at + ".tool_use_id", result.toolCallId, false))
        return false;
      std::string text;
      if (!readToolResultText(c, block["content"], at + ".content", text)) return false;
      if (block["is_error"].asBool()) text = "Error: " + text;
      result.content.push_back({chat::ContentPart::Kind::Text, std::move(text), "", ""});
      toolResults.push_back(std::move(result));
    } else if (type == "thinking" || type == "redacted_thinking") {
      continue;
    } else {
      return c.fail(at + ".type",
                    at + ".type \"" + type + "\" is not supported in a " + role + " message");
    }
  }
  for (chat::ChatMessage& result : toolResults) out.push_back(std::move(result));
  if (!message.content.empty() || !message.toolCalls.empty()) out.push_back(std::move(message));
  return true;
}

bool readSystem(JsonChecks& c, const Value& system, chat::ChatRequest& out) {
  if (system.isNull()) return true;
  chat::ChatMessage message;
  message.role = "system";
  if (system.isString()) {
    message.content.push_back({chat::ContentPart::Kind::Text, system.asString(), "", ""});
  } else if (system.isArray()) {
    for (size_t i = 0; i < system.size(); ++i) {
      const std::string at = "system[" + std::to_string(i) + "]";
      if (system[i]["type"].asString() != "text")
        return c.fail(at + ".type", at + ".type must be text");
      chat::ContentPart part;
      if (!c.string(system[i]["text"], at + ".text", part.text)) return false;
      message.content.push_back(std::move(part));
    }
  } else {
    return c.fail("system", "system must be a string or an array of text blocks");
  }
  if (!message.content.empty()) out.messages.push_back(std::move(message));
  return true;
}

bool readTools(JsonChecks& c, const Value& root, chat::ChatRequest& out) {
  const Value& tools = root["tools"];
  if (!tools.isNull()) {
    if (!tools.isArray()) return c.fail("tools", "tools must be an array");
    for (size_t i = 0; i < tools.size(); ++i) {
      const std::string at = "tools[" + std::to_string(i) + "]";
      const Value& tool = tools[i];
      if (!tool.isObject()) return c.fail(at, at + " must be an object");
      const std::string type = tool["type"].asString();
      if (!type.empty() && type != "custom")
        return c.fail(at + ".type",
                      at + ".type \"" + type + "\" is a server tool, which Manifold does not run");
      chat::ToolSpec spec;
      if (!c.string(tool["name"], at + ".name", spec.name, false)) return false;
      if (!tool["description"].isNull() &&
          !c.string(tool["description"], at + ".description", spec.description))
        return false;
      if (!tool["input_schema"].isObject())
        return c.fail(at + ".input_schema", at + ".input_schema must be an object");
      spec.parameters = tool["input_schema"];
      out.tools.push_back(std::move(spec));
    }
  }
  const Value& choice = root["tool_choice"];
  if (choice.isNull()) return true;
  const std::string type = choice["type"].asString();
  if (type == "auto" || type == "none") {
    out.toolChoice = Value(type);
  } else if (type == "any") {
    out.toolChoice = Value("required");
  } else if (type == "tool" && choice["name"].isString()) {
    out.toolChoice = Value::object();
    out.toolChoice.set("name", choice["name"].asString());
  } else {
    return c.fail("tool_choice", "tool_choice.type must be auto, any, tool (with a name) or none");
  }
  return true;
}

bool readSampling(JsonChecks& c, const Value& root, chat::ChatRequest& out) {
  if (root["max_tokens"].isNull()) return c.fail("max_tokens", "max_tokens is required");
  if (!c.integer(root["max_tokens"], "max_tokens", 1, out.maxTokens) ||
      !c.number(root["temperature"], "temperature", 0, 1, out.temperature) ||
      !c.number(root["top_p"], "top_p", 0, 1, out.topP) ||
      !c.stringList(root["stop_sequences"], "stop_sequences", 16, out.stop))
    return false;
  const Value& stream = root["stream"];
  if (!stream.isNull() && !stream.isBool()) return c.fail("stream", "stream must be a boolean");
  out.stream = stream.asBool();
  out.includeUsage = true;  // Anthropic streams always carry usage
  const Value& metadata = root["metadata"];
  if (!metadata.isNull() && !metadata.isObject())
    return c.fail("metadata", "metadata must be an object");
  out.metadata = metadata;
  // Anthropic's name for the end user, which scopes memory as OpenAI's `user` does.
  const Value& userId = metadata["user_id"];
  if (!userId.isNull() && !userId.isString())
    return c.fail("metadata.user_id", "metadata.user_id must be a string");
  if (userId.isString()) out.user = userId.asString();
  return true;
}

}  // namespace

std::optional<chat::ChatRequest> AnthropicRequestParser::parse(std::string_view body,
                                                               RequestProblem& problem,
                                                               bool& reasoningRequested) const {
  JsonChecks c{problem};
  const std::optional<Value> parsed = parseJsonObject(body, kMaxDepth, problem);
  if (!parsed) return std::nullopt;
  const Value& root = *parsed;
  chat::ChatRequest request;
  if (!c.string(root["model"], "model", request.model, false)) return std::nullopt;
  const Value& messages = root["messages"];
  if (!messages.isArray() || messages.size() == 0) {
    c.fail("messages", "messages must be a non-empty array");
    return std::nullopt;
  }
  if (!readSystem(c, root["system"], request)) return std::nullopt;
  for (size_t i = 0; i < messages.size(); ++i)
    if (!readMessage(c, messages[i], "messages[" + std::to_string(i) + "]", request.messages))
      return std::nullopt;
  if (!readTools(c, root, request) || !readSampling(c, root, request)) return std::nullopt;
  const Value& thinking = root["thinking"];
  reasoningRequested = thinking.isObject() && thinking["type"].asString() == "enabled";
  return request;
}

}  // namespace manifold::api
