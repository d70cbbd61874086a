#include "api/openai/OpenAiRequestParser.h"

#include "api/JsonChecks.h"

#include <set>

namespace manifold::api {
namespace {

using json::Value;

using Checker = JsonChecks;

bool readPart(Checker& c, const Value& part, const std::string& where, chat::ContentPart& out) {
  if (!part.isObject()) return c.fail(where, where + " must be an object");
  std::string type;
  if (!c.string(part["type"], where + ".type", type)) return false;
  if (type == "text") {
    out.kind = chat::ContentPart::Kind::Text;
    return c.string(part["text"], where + ".text", out.text);
  }
  if (type == "image_url") {
    out.kind = chat::ContentPart::Kind::Image;
    const Value& image = part["image_url"];
    if (image.isString()) return c.string(image, where + ".image_url", out.url, false);
    if (!image.isObject())
      return c.fail(where + ".image_url", where + ".image_url must be an object");
    if (!c.string(image["url"], where + ".image_url.url", out.url, false)) return false;
    if (image.contains("detail") && !image["detail"].isNull()) {
      if (!c.string(image["detail"], where + ".image_url.detail", out.detail)) return false;
      if (out.detail != "auto" && out.detail != "low" && out.detail != "high")
        return c.fail(where + ".image_url.detail",
                      where + ".image_url.detail must be one of auto, low, high");
    }
    return true;
  }
  return c.fail(where + ".type",
                where + ".type \"" + type + "\" is not supported; use text or image_url");
}

bool readContent(Checker& c, const Value& content, const std::string& where,
                 chat::ChatMessage& out) {
  if (content.isNull()) return true;
  if (content.isString()) {
    out.content.push_back({chat::ContentPart::Kind::Text, content.asString(), "", ""});
    return true;
  }
  if (!content.isArray())
    return c.fail(where, where + " must be a string or an array of content parts");
  for (size_t i = 0; i < content.size(); ++i) {
    chat::ContentPart part;
    if (!readPart(c, content[i], where + "[" + std::to_string(i) + "]", part)) return false;
    out.content.push_back(std::move(part));
  }
  return true;
}

bool readToolCalls(Checker& c, const Value& calls, const std::string& where,
                   chat::ChatMessage& out) {
  if (calls.isNull()) return true;
  if (!calls.isArray()) return c.fail(where, where + " must be an array");
  for (size_t i = 0; i < calls.size(); ++i) {
    const std::string at = where + "[" + std::to_string(i) + "]";
    const Value& call = calls[i];
    if (!call.isObject()) return c.fail(at, at + " must be an object");
    chat::ToolCall tc;
    if (!c.string(call["id"], at + ".id", tc.id, false)) return false;
    const Value& fn = call["function"];
    if (!fn.isObject()) return c.fail(at + ".function", at + ".function must be an object");
    if (!c.string(fn["name"], at + ".function.name", tc.name, false)) return false;
    if (!c.string(fn["arguments"], at + ".function.arguments", tc.arguments)) return false;
    out.toolCalls.push_back(std::move(tc));
  }
  return true;
}

bool readMessages(Checker& c, const Value& messages, chat::ChatRequest& out) {
  if (messages.isNull()) return c.fail("messages", "messages is required");
  if (!messages.isArray()) return c.fail("messages", "messages must be an array");
  if (messages.size() == 0) return c.fail("messages", "messages must not be empty");
  static const std::set<std::string> roles{"system", "developer", "user", "assistant", "tool"};
  for (size_t i = 0; i < messages.size(); ++i) {
    const std::string where = "messages[" + std::to_string(i) + "]";
    const Value& m = messages[i];
    if (!m.isObject()) return c.fail(where, where + " must be an object");
    chat::ChatMessage message;
    if (!m["role"].isString() || !roles.count(m["role"].asString()))
      return c.fail(where + ".role",
                    where + ".role must be one of system, developer, user, assistant, tool");
    message.role = m["role"].asString() == "developer" ? "system" : m["role"].asString();
    if (!readContent(c, m["content"], where + ".content", message)) return false;
    if (m.contains("name") && !m["name"].isNull() &&
        !c.string(m["name"], where + ".name", message.name))
      return false;
    if (message.role == "assistant" &&
        !readToolCalls(c, m["tool_calls"], where + ".tool_calls", message))
      return false;
    if (message.role == "tool" &&
        !c.string(m["tool_call_id"], where + ".tool_call_id", message.toolCallId, false))
      return false;
    if (m["content"].isNull() && message.toolCalls.empty())
      return c.fail(where + ".content", where + ".content is required");
    out.messages.push_back(std::move(message));
  }
  return true;
}

bool readTools(Checker& c, const Value& root, chat::ChatRequest& out) {
  const Value& tools = root["tools"];
  if (!tools.isNull()) {
    if (!tools.isArray()) return c.fail("tools", "tools must be an array");
    for (size_t i = 0; i < tools.size(); ++i) {
      const std::string at = "tools[" + std::to_string(i) + "]";
      if (!tools[i].isObject() || tools[i]["type"].asString() != "function")
        return c.fail(at, at + " must be an object with type \"function\"");
      const Value& fn = tools[i]["function"];
      if (!fn.isObject()) return c.fail(at + ".function", at + ".function must be an object");
      chat::ToolSpec spec;
      if (!c.string(fn["name"], at + ".function.name", spec.name, false)) return false;
      if (fn.contains("description") && !fn["description"].isNull() &&
          !c.string(fn["description"], at + ".function.description", spec.description))
        return false;
      const Value& parameters = fn["parameters"];
      if (!parameters.isNull() && !parameters.isObject())
        return c.fail(at + ".function.parameters", at + ".function.parameters must be an object");
      spec.parameters = parameters;
      out.tools.push_back(std::move(spec));
    }
  }
  const Value& choice = root["tool_choice"];
  if (choice.isNull()) return true;
  if (choice.isString()) {
    const std::string& s = choice.asString();
    if (s != "auto" && s != "none" && s != "required")
      return c.fail("tool_choice", "tool_choice must be auto, none, required or a function");
    out.toolChoice = choice;
    return true;
  }
  if (!choice.isObject() || !choice["function"]["name"].isString())
    return c.fail("tool_choice", "tool_choice must be auto, none, required or a function");
  out.toolChoice = Value::object();
  out.toolChoice.set("name", choice["function"]["name"].asString());
  return true;
}

bool readSampling(Checker& c, const Value& root, chat::ChatRequest& out) {
  if (!c.number(root["temperature"], "temperature", 0, 2, out.temperature)) return false;
  if (!c.number(root["top_p"], "top_p", 0, 1, out.topP)) return false;
  const char* maxName =
      root["max_completion_tokens"].isNull() ? "max_tokens" : "max_completion_tokens";
  if (!c.integer(root[maxName], maxName, 1, out.maxTokens)) return false;
  if (!c.integer(root["seed"], "seed", INT64_MIN, out.seed)) return false;
  if (!c.stringList(root["stop"], "stop", 4, out.stop)) return false;
  const Value& format = root["response_format"];
  if (!format.isNull()) {
    static const std::set<std::string> types{"text", "json_object", "json_schema"};
    if (!format.isObject() || !format["type"].isString() || !types.count(format["type"].asString()))
      return c.fail("response_format",
                    "response_format.type must be one of text, json_object, json_schema");
    if (format["type"].asString() == "json_schema" && !format["json_schema"].isObject())
      return c.fail("response_format.json_schema", "response_format.json_schema must be an object");
    out.responseFormat = format;
  }
  return true;
}

bool readStreaming(Checker& c, const Value& root, chat::ChatRequest& out) {
  const Value& stream = root["stream"];
  if (!stream.isNull()) {
    if (!stream.isBool()) return c.fail("stream", "stream must be a boolean");
    out.stream = stream.asBool();
  }
  const Value& options = root["stream_options"];
  if (options.isNull()) return true;
  if (!options.isObject()) return c.fail("stream_options", "stream_options must be an object");
  const Value& usage = options["include_usage"];
  if (!usage.isNull() && !usage.isBool())
    return c.fail("stream_options.include_usage", "stream_options.include_usage must be a boolean");
  out.includeUsage = usage.asBool();
  return true;
}

bool rejectUnsupported(Checker& c, const Value& root) {
  const Value& n = root["n"];
  if (!n.isNull() && (!n.isInt() || n.asInt() != 1))
    return c.fail("n", "only n=1 is supported: Manifold returns one choice per request");
  if (root["logprobs"].asBool() || !root["top_logprobs"].isNull())
    return c.fail(root["logprobs"].asBool() ? "logprobs" : "top_logprobs",
                  "logprobs are not supported: failover may change the answering model");
  if (!root["audio"].isNull()) return c.fail("audio", "audio output is not supported");
  return true;
}

}  // namespace

std::optional<chat::ChatRequest> OpenAiRequestParser::parse(std::string_view body,
                                                            RequestProblem& problem) const {
  Checker c{problem};
  const std::optional<Value> parsed = parseJsonObject(body, kMaxDepth, problem);
  if (!parsed) return std::nullopt;
  const Value& root = *parsed;
  chat::ChatRequest request;
  if (!modelRequired_ && root["model"].isNull()) {
    request.model = "auto";
  } else if (!root["model"].isString() || root["model"].asString().empty()) {
    c.fail("model", "model is required and must be a non-empty string");
    return std::nullopt;
  } else {
    request.model = root["model"].asString();
  }
  if (!readMessages(c, root["messages"], request) || !readTools(c, root, request) ||
      !readSampling(c, root, request) || !readStreaming(c, root, request) ||
      !rejectUnsupported(c, root))
    return std::nullopt;
  const Value& metadata = root["metadata"];
  if (!metadata.isNull() && !metadata.isObject()) {
    c.fail("metadata", "metadata must be an object");
    return std::nullopt;
  }
  request.metadata = metadata;
  const Value& user = root["user"];
  if (!user.isNull() && !user.isString()) {
    c.fail("user", "user must be a string: the end user, as your application names them");
    return std::nullopt;
  }
  if (user.isString()) request.user = user.asString();
  return request;
}

}  // namespace manifold::api
