#pragma once

#include <manifold/plugin.h>

#include <ostream>
#include <string>

#include "chat/AnswerAccumulator.h"
#include "chat/CanonicalEvent.h"

namespace manifold::api {

/// Writes one answer as an Anthropic Messages event stream: message_start,
/// then content blocks (text, thinking, tool_use) each opened, filled with
/// deltas and stopped, then message_delta (stop reason, usage) and
/// message_stop; or an `error` event when the answer fails after the first
/// byte. Reasoning becomes thinking blocks only when the client asked for
/// thinking; otherwise it is dropped, never shown as text.
class AnthropicEventWriter {
 public:
  AnthropicEventWriter(std::ostream& out, std::string id, std::string model, bool thinking);

  /// Returns false once the client has gone away.
  bool writeStart();
  bool writeEvent(const chat::CanonicalEvent& event);
  bool writeFinish(const chat::AnswerAccumulator& answer);
  bool writeError(const mf_error& error);

  /// The non-streaming message object for a complete answer.
  static std::string messageJson(const std::string& id, const std::string& model,
                                 const chat::AnswerAccumulator& answer, bool thinking);

 private:
  enum class Block { None, Text, Thinking, ToolUse };

  bool switchTo(Block block, const chat::CanonicalEvent& event);
  bool closeBlock();
  bool write(const char* name, const std::string& json);

  std::ostream& out_;
  const std::string id_;
  const std::string model_;
  const bool thinking_;
  Block open_ = Block::None;
  int blockIndex_ = -1;
  int32_t toolIndex_ = -1;
};

/// Anthropic's stop_reason for a canonical finish reason; null when the provider gave none.
const char* anthropicStopReason(int32_t finishReason);

/// Anthropic's error type for an mf_error code.
std::string anthropicErrorType(int32_t mfErrorCode);

}  // namespace manifold::api
