#pragma once

#include <manifold/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace manifold::chat {

/// One part of a message's content.
struct ContentPart {
  enum class Kind { Text, Image };
  Kind kind = Kind::Text;
  std::string text;    ///< Text
  std::string url;     ///< Image: https or data: URL
  std::string detail;  ///< Image: "auto", "low" or "high"; may be empty
};

struct ToolCall {
  std::string id;
  std::string name;
  std::string arguments;  ///< JSON text, as the model wrote it
};

struct ChatMessage {
  std::string role;  ///< system, user, assistant or tool ("developer" arrives as system)
  std::vector<ContentPart> content;
  std::string name;
  std::string toolCallId;  ///< role tool
  std::vector<ToolCall> toolCalls;
};

struct ToolSpec {
  std::string name;
  std::string description;
  json::Value parameters;  ///< a JSON Schema object, or null
};

/// Where the stable, cacheable prefix of a prompt ends (see PromptCache.h).
struct PromptCacheMark {
  int64_t prefixMessages = 0;  ///< the first N messages
  std::string key;             ///< the same for every turn of one conversation
};

/// The canonical chat request: what every ingress codec produces and every
/// provider adapter consumes (as JSON, schemas/canonical-request.schema.json).
struct ChatRequest {
  std::string model;  ///< what the client asked for: an engine, "mode/<name>" or a name
  std::vector<ChatMessage> messages;
  std::vector<ToolSpec> tools;
  json::Value toolChoice;      ///< null, "auto", "none", "required" or {"name": ...}
  json::Value responseFormat;  ///< null or {"type": ..., "json_schema": ...}
  std::optional<double> temperature;
  std::optional<double> topP;
  std::optional<int64_t> maxTokens;
  std::optional<int64_t> seed;
  std::vector<std::string> stop;
  bool stream = false;
  bool includeUsage = false;
  json::Value metadata;  ///< null or an object, passed through to providers
  /// The end user the client named (OpenAI's `user` field), "" for none. It
  /// scopes memory within a key; it is not sent to providers.
  std::string user;
  std::optional<PromptCacheMark> promptCache;

  bool hasImages() const;
  bool usesTools() const;
  bool wantsJson() const;
};

/// The canonical request as JSON for a provider adapter. `stream` says how
/// the host will read the upstream. A non-empty `prefill` is appended as a
/// final assistant message for the engine to continue from.
std::string toCanonicalJson(const ChatRequest& request, bool stream,
                            const std::string& prefill = "");

}  // namespace manifold::chat
