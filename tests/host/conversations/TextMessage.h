#pragma once

#include <string>

#include "chat/ChatRequest.h"

namespace manifold::conversations {

/// A message of one text part.
inline chat::ChatMessage textMessage(const std::string& role, const std::string& text) {
  chat::ChatMessage m;
  m.role = role;
  m.content.push_back({chat::ContentPart::Kind::Text, text, "", ""});
  return m;
}

}  // namespace manifold::conversations
