#include "chat/MessageText.h"

namespace manifold::chat {

int lastUserMessage(const ChatRequest& request) {
  for (int i = static_cast<int>(request.messages.size()) - 1; i >= 0; --i)
    if (request.messages[i].role == "user") return i;
  return -1;
}

std::string messageText(const ChatMessage& message) {
  std::string text;
  for (const ContentPart& part : message.content)
    if (part.kind == ContentPart::Kind::Text) text += (text.empty() ? "" : "\n") + part.text;
  return text;
}

std::string lastUserText(const ChatRequest& request) {
  const int at = lastUserMessage(request);
  return at < 0 ? "" : messageText(request.messages[at]);
}

}  // namespace manifold::chat
