#include "turn/AfterAnswer.h"

#include <Poco/Logger.h>

#include <manifold/json.hpp>

#include <stdexcept>

#include "chat/MessageText.h"
#include "memory/MemoryUpdates.h"
#include "trust/BoundaryMarkers.h"
#include "turn/InternalPrompts.h"

namespace manifold::turn {
namespace {

Poco::Logger& logger() {
  return Poco::Logger::get("turn");
}

InternalAnswer ask(const InternalCompletion& completion, const ExecutionContext& context,
                   InternalAsk question) {
  return completion.run(question, context.request, context.snapshot, context.observer,
                        context.cancel);
}

}  // namespace

const config::SuggestionsConfig* AfterAnswer::suggestionsFor(
    const ExecutionContext& context, const failover::AnswerSink& sink) const {
  if (context.route.dispatch || !sink.streamsFollowUps()) return nullptr;
  const config::ModeConfig* mode = context.snapshot.engines.mode(context.route.mode);
  return mode && mode->suggestions ? &*mode->suggestions : nullptr;
}

bool AfterAnswer::extracts(const ExecutionContext& context) const {
  const config::MemoryConfig& memory = context.snapshot.config.memory;
  return memory_ && memory.enabled && !memory.extractorMode.empty() && !context.route.dispatch;
}

bool AfterAnswer::hasWork(const ExecutionContext& context, const failover::AnswerSink& sink) const {
  return suggestionsFor(context, sink) || extracts(context);
}

void AfterAnswer::run(const ExecutionContext& context, const std::string& answerText,
                      failover::AnswerSink& sink) const {
  if (const config::SuggestionsConfig* suggestions = suggestionsFor(context, sink))
    suggest(context, *suggestions, answerText, sink);
  if (extracts(context)) extractMemory(context);
}

void AfterAnswer::suggest(const ExecutionContext& context, const config::SuggestionsConfig& config,
                          const std::string& answerText, failover::AnswerSink& sink) const {
  const InternalAnswer answer =
      ask(completion_, context,
          {"suggestions", config.mode, std::chrono::milliseconds(config.timeoutMs),
           suggestionsPrompt(chat::lastUserText(context.request.chat), answerText,
                             trust::BoundaryMarkers::fresh())});
  const std::string& requestId = context.request.requestId;
  if (!answer.ok) {
    logger().information("[%s] no suggestions: mode %s failed: %s", requestId, config.mode,
                         answer.problem);
    return;
  }
  const std::optional<std::vector<std::string>> suggestions = parseSuggestions(answer.text);
  if (!suggestions) {
    logger().information("[%s] no suggestions: mode %s did not answer with three lines", requestId,
                         config.mode);
    return;
  }
  json::Value list = json::Value::array();
  for (const std::string& suggestion : *suggestions) list.push(suggestion);
  sink.followUpEvent("suggestions", "\"suggestions\":" + json::stringify(list));
}

void AfterAnswer::extractMemory(const ExecutionContext& context) const {
  const config::MemoryConfig& config = context.snapshot.config.memory;
  const std::string userText = chat::lastUserText(context.request.chat);
  if (userText.empty()) return;
  const InternalAnswer answer =
      ask(completion_, context,
          {"memory", config.extractorMode, std::chrono::milliseconds(config.extractorTimeoutMs),
           memoryExtractorPrompt(userText, trust::BoundaryMarkers::fresh())});
  const std::string& requestId = context.request.requestId;
  if (!answer.ok) {
    logger().information("[%s] memory extractor: mode %s failed: %s", requestId,
                         config.extractorMode, answer.problem);
    return;
  }
  const std::optional<std::vector<std::string>> facts = parseExtractedFacts(answer.text);
  if (!facts) {
    logger().information("[%s] memory extractor: mode %s answered no fact list; nothing kept",
                         requestId, config.extractorMode);
    return;
  }
  try {
    for (const std::string& fact : *facts)
      memory::rememberNote(
          *memory_,
          memory::newFact(context.request.keyId, context.request.chat.user, "", fact, "extractor"));
  } catch (const std::exception& e) {
    logger().error("[%s] memory extractor: the memory store failed: %s", requestId,
                   std::string(e.what()));
  }
}

}  // namespace manifold::turn
