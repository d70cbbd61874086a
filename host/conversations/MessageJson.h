#pragma once

#include <manifold/json.hpp>

#include <optional>
#include <string>

#include "chat/ChatRequest.h"

namespace manifold::conversations {

/// A message as a conversation stores it: the canonical request's message
/// JSON (chat::messageJson), with the assistant's reasoning, when it had
/// some, in a "reasoning" member that no engine is sent, and "fenced": true
/// on a gateway tool's result that is already inside boundary markers.
std::string storedMessageJson(const chat::ChatMessage& message, const std::string& reasoning = "",
                              bool fenced = false);

/// The canonical message back from what storedMessageJson wrote (and
/// whether it was fenced); nullopt for anything else.
std::optional<chat::ChatMessage> storedMessage(const std::string& json, bool* fenced = nullptr);

/// The stored message in the OpenAI chat message shape: content a string
/// when it is all text (null for an assistant that only called tools), else
/// text and image_url parts; tool_calls as {id, type: function, function:
/// {name, arguments}}; "reasoning" kept when stored.
json::Value openAiMessage(const std::string& storedJson);

}  // namespace manifold::conversations
