#pragma once

#include <string>

#include "chat/ChatRequest.h"

namespace manifold::chat {

/// The index of the request's last user message, or -1.
int lastUserMessage(const ChatRequest& request);

/// A message's text parts, joined by line breaks.
std::string messageText(const ChatMessage& message);

/// The text of the request's last user message; "" when it has none.
std::string lastUserText(const ChatRequest& request);

}  // namespace manifold::chat
