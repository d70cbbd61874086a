#pragma once

#include <string>

#include "memory/MemoryStore.h"
#include "turn/Executor.h"
#include "turn/InternalCompletion.h"
#include "turn/TurnRoute.h"

namespace manifold::turn {

/// What a turn does once its answer has ended well, each part through an
/// internal completion (turn/InternalPrompts.h has the prompts):
/// - follow-up suggestions, when the route's mode has `suggestions` and the
///   answer can carry events after done (the native stream): one
///   `suggestions` event with exactly three, or, on any failure, nothing but
///   a log line saying why;
/// - the memory extractor, when memory.extractor_mode is set: the facts it
///   finds in the user's message are stored with source "extractor".
/// Both run after the answer's last event, so they never delay it; the
/// response ends once they are done (each bounded by its timeout).
class AfterAnswer {
 public:
  AfterAnswer(const InternalCompletion& completion, memory::MemoryStore* memory)
      : completion_(completion), memory_(memory) {}

  /// Whether run() would do anything for this turn; a turn captures its
  /// answer's text only then.
  bool hasWork(const ExecutionContext& context, const failover::AnswerSink& sink) const;
  void run(const ExecutionContext& context, const std::string& answerText,
           failover::AnswerSink& sink) const;

 private:
  const config::SuggestionsConfig* suggestionsFor(const ExecutionContext& context,
                                                  const failover::AnswerSink& sink) const;
  bool extracts(const ExecutionContext& context) const;

  void suggest(const ExecutionContext& context, const config::SuggestionsConfig& config,
               const std::string& answerText, failover::AnswerSink& sink) const;
  void extractMemory(const ExecutionContext& context) const;

  const InternalCompletion& completion_;
  memory::MemoryStore* memory_;
};

}  // namespace manifold::turn
