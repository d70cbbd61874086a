#include "RequestTranslator.h"

#include <manifold/plugin.hpp>

#include <algorithm>
#include <optional>
#include <vector>

namespace anthropic {
namespace {

namespace json = manifold::json;
using json::Value;

[[noreturn]] void invalid(const std::string& what) {
  throw manifold::Error(MF_ERR_INVALID, "anthropic: " + what);
}

Value object(std::initializer_list<std::pair<const char*, Value>> members) {
  Value out = Value::object();
  for (const auto& [name, value] : members) out.set(name, value);
  return out;
}

// "data:image/png;base64,..." becomes a base64 source, an http(s) URL a url source.
Value imageBlock(const std::string& url) {
  Value source;
  const size_t marker = url.find(";base64,");
  if (url.rfind("data:", 0) == 0) {
    if (marker == std::string::npos || marker == 5)
      invalid("an image data: URL must be \"data:<media type>;base64,<bytes>\"");
    source = object({{"type", "base64"},
                     {"media_type", url.substr(5, marker - 5)},
                     {"data", url.substr(marker + 8)}});
  } else if (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) {
    source = object({{"type", "url"}, {"url", url}});
  } else {
    invalid("an image needs an http(s) or data: URL");
  }
  return object({{"type", "image"}, {"source", std::move(source)}});
}

std::vector<Value> contentBlocks(const Value& content) {
  if (content.isString()) return {object({{"type", "text"}, {"text", content}})};
  if (!content.isNull() && !content.isArray())
    invalid("message content must be a string or an array of parts");
  std::vector<Value> blocks;
  for (const Value& part : content.asArray()) {
    const std::string& type = part["type"].asString();
    if (type == "text")
      blocks.push_back(object({{"type", "text"}, {"text", part["text"].asString()}}));
    else if (type == "image")
      blocks.push_back(imageBlock(part["url"].asString()));
    else
      invalid("content part type \"" + type + "\" is not supported");
  }
  return blocks;
}

// OpenAI-style clients send "" for a call without arguments: that is {}.
Value toolUseBlock(const Value& call) {
  const std::string& arguments = call["arguments"].asString();
  const std::optional<Value> input = arguments.empty() ? Value::object() : json::parse(arguments);
  if (!input || !input->isObject())
    invalid("the arguments of tool call \"" + call["id"].asString() + "\" are not a JSON object");
  return object({{"type", "tool_use"},
                 {"id", call["id"].asString()},
                 {"name", call["name"].asString()},
                 {"input", *input}});
}

Value toolResultBlock(const Value& message) {
  Value content = Value::array();
  for (Value& block : contentBlocks(message["content"])) content.push(std::move(block));
  return object({{"type", "tool_result"},
                 {"tool_use_id", message["tool_call_id"].asString()},
                 {"content", std::move(content)}});
}

struct Turn {
  std::string role;  // "user" or "assistant"
  std::vector<Value> blocks;
};

// Where the last block of one canonical message went among the turns.
struct Place {
  size_t turn;
  size_t block;
};

// System messages become the top-level system blocks; the rest become turns,
// consecutive ones of the same role merged (Anthropic requires alternation).
// Tool results are user turns.
struct Conversation {
  std::vector<Value> system;
  std::vector<Turn> turns;
  std::vector<std::optional<Place>> places;  // one per canonical message; none for system

  void add(const Value& m) {
    const std::string& role = m["role"].asString();
    std::vector<Value> blocks;
    if (role == "tool") {
      blocks.push_back(toolResultBlock(m));
    } else if (role == "system" || role == "user" || role == "assistant") {
      blocks = contentBlocks(m["content"]);
    } else {
      invalid("message role \"" + role + "\" is not one of system, user, assistant, tool");
    }
    if (role == "assistant")
      for (const Value& call : m["tool_calls"].asArray()) blocks.push_back(toolUseBlock(call));
    places.push_back(append(role, std::move(blocks)));
  }

  std::optional<Place> append(const std::string& role, std::vector<Value> blocks) {
    if (blocks.empty()) return std::nullopt;
    if (role == "system") {
      for (Value& b : blocks) {
        if (b["type"].asString() != "text") invalid("a system message may only hold text");
        system.push_back(std::move(b));
      }
      return std::nullopt;
    }
    const std::string turnRole = role == "tool" ? "user" : role;
    if (turns.empty() || turns.back().role != turnRole) turns.push_back({turnRole, {}});
    for (Value& b : blocks) turns.back().blocks.push_back(std::move(b));
    return Place{turns.size() - 1, turns.back().blocks.size() - 1};
  }
};

// Breakpoints on the last system block and on the last turn block of the
// stable prefix (system messages in the prefix are covered by the first):
// two at most, within Anthropic's limit of four.
void markCachePrefix(Conversation& c, const Value& promptCache) {
  if (!promptCache.isObject()) return;
  const Value ephemeral = object({{"type", "ephemeral"}});
  if (!c.system.empty()) c.system.back().set("cache_control", ephemeral);
  const int64_t end = std::min<int64_t>(promptCache["prefix_messages"].asInt(0),
                                        static_cast<int64_t>(c.places.size()));
  for (int64_t i = end - 1; i >= 0; --i) {
    if (const std::optional<Place>& p = c.places[static_cast<size_t>(i)]) {
      c.turns[p->turn].blocks[p->block].set("cache_control", ephemeral);
      return;
    }
  }
}

Value array(std::vector<Value> items) {
  return Value(json::Array(std::move(items)));
}

Value tools(const Value& canonicalTools) {
  Value out = Value::array();
  for (const Value& t : canonicalTools.asArray()) {
    if (t["name"].asString().empty()) invalid("a tool has no name");
    Value tool = object({{"name", t["name"]}});
    if (t["description"].isString()) tool.set("description", t["description"]);
    tool.set("input_schema",
             t["parameters"].isObject() ? t["parameters"] : object({{"type", "object"}}));
    out.push(std::move(tool));
  }
  return out;
}

Value toolChoice(const Value& choice) {
  const std::string& mode = choice.asString();
  if (mode == "auto" || mode == "none") return object({{"type", mode}});
  if (mode == "required") return object({{"type", "any"}});
  if (!choice["name"].isString()) invalid("tool_choice must be auto, none, required or {\"name\"}");
  return object({{"type", "tool"}, {"name", choice["name"]}});
}

struct ThinkingFit {
  int64_t maxTokens;
  int64_t budget;
};

// See translateRequest's comment. A max_tokens above the budget is the
// client's to set, and is left alone even above the output limit.
ThinkingFit fitThinking(int64_t maxTokens, int64_t budget, int64_t outputLimit) {
  if (maxTokens > budget) return {maxTokens, budget};
  const int64_t raised = std::min(budget + maxTokens, outputLimit);
  if (budget < raised) return {raised, budget};
  const int64_t shrunk = std::max(kMinThinkingBudget, raised - maxTokens);
  if (shrunk >= raised)
    invalid("max_output_tokens (" + std::to_string(outputLimit) +
            ") leaves no room for thinking: Anthropic needs budget_tokens of at least " +
            std::to_string(kMinThinkingBudget) + " and max_tokens above it");
  return {raised, shrunk};
}

}  // namespace

std::string translateRequest(const Value& canonical, const RequestSettings& settings) {
  if (!canonical.isObject()) invalid("the canonical request is not a JSON object");
  if (!canonical["messages"].isArray() || canonical["messages"].size() == 0)
    invalid("the request has no messages");
  const Value& format = canonical["response_format"];
  if (!format.isNull() && format["type"].asString() != "text")
    invalid("response_format is not supported (Anthropic has no JSON mode)");

  Conversation conversation;
  for (const Value& m : canonical["messages"].asArray()) conversation.add(m);
  if (conversation.turns.empty()) invalid("the request has no user or assistant message");
  markCachePrefix(conversation, canonical["prompt_cache"]);

  Value body = Value::object();
  body.set("model", settings.model.empty() ? canonical["model"].asString() : settings.model);
  ThinkingFit fit{canonical["max_tokens"].asInt(settings.maxTokens), settings.thinkingBudget};
  if (fit.budget > 0) fit = fitThinking(fit.maxTokens, fit.budget, settings.maxOutputTokens);
  body.set("max_tokens", fit.maxTokens);
  if (!conversation.system.empty()) body.set("system", array(std::move(conversation.system)));
  Value messages = Value::array();
  for (Turn& turn : conversation.turns)
    messages.push(object({{"role", turn.role}, {"content", array(std::move(turn.blocks))}}));
  body.set("messages", std::move(messages));
  if (canonical["tools"].size() > 0) body.set("tools", tools(canonical["tools"]));
  if (!canonical["tool_choice"].isNull())
    body.set("tool_choice", toolChoice(canonical["tool_choice"]));
  const Value& stop = canonical["stop"];
  if (stop.isString()) body.set("stop_sequences", array({stop}));
  if (stop.isArray() && stop.size() > 0) body.set("stop_sequences", stop);
  for (const char* field : {"temperature", "top_p"})
    if (canonical[field].isNumber()) body.set(field, canonical[field]);
  if (fit.budget > 0)
    body.set("thinking", object({{"type", "enabled"}, {"budget_tokens", fit.budget}}));
  if (canonical["stream"].asBool()) body.set("stream", true);
  return json::stringify(body);
}

}  // namespace anthropic
