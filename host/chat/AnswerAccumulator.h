#pragma once

#include <map>
#include <string>

#include "chat/CanonicalEvent.h"

namespace manifold::chat {

/// A tool call assembled from its deltas.
struct AssembledToolCall {
  std::string id;
  std::string name;
  std::string arguments;
};

/// Folds a stream of canonical events into one complete answer, for
/// non-streaming responses and for accounting.
class AnswerAccumulator {
 public:
  void add(const CanonicalEvent& event);

  const std::string& text() const { return text_; }
  const std::string& reasoning() const { return reasoning_; }
  const std::map<int32_t, AssembledToolCall>& toolCalls() const { return toolCalls_; }
  int32_t finishReason() const { return finishReason_; }
  const CanonicalEvent& usage() const { return usage_; }
  bool hasUsage() const { return hasUsage_; }

 private:
  std::string text_;
  std::string reasoning_;
  std::map<int32_t, AssembledToolCall> toolCalls_;
  int32_t finishReason_ = 0;
  CanonicalEvent usage_;
  bool hasUsage_ = false;
};

}  // namespace manifold::chat
