#pragma once

#include <string>

#include "Conversation.h"
#include "GatewayClient.h"

namespace manifold::tools {

/// One chat in a terminal: asks the gateway, shows the answer and its route,
/// and obeys the slash commands.
class ChatSession {
 public:
  static const char* const kCommands;  // the slash commands, one per line

  ChatSession(GatewayClient gateway, bool colour);

  Conversation& conversation() { return conversation_; }

  /// Sends `text` with the conversation so far and prints the answer as it
  /// streams. Returns false when the turn failed; the reason is printed on
  /// standard error.
  bool ask(const std::string& text);

  /// Handles a line that starts with '/'. Returns false for /quit.
  bool command(const std::string& line);

 private:
  std::string dim(const std::string& text) const;

  GatewayClient gateway_;
  bool colour_;
  Conversation conversation_;
};

}  // namespace manifold::tools
