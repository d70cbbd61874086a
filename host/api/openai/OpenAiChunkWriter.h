#pragma once

#include <manifold/plugin.h>

#include <ostream>
#include <string>

#include "chat/AnswerAccumulator.h"
#include "chat/CanonicalEvent.h"
#include "chat/ErrorCodes.h"

namespace manifold::api {

/// Writes one OpenAI chat.completion.chunk SSE stream: the same id on every
/// chunk, the role on the first delta, a finish chunk, the optional usage
/// chunk, then [DONE]; or an error event and no [DONE] when it fails after
/// the first byte. Each write is flushed as its own HTTP chunk.
class OpenAiChunkWriter {
 public:
  OpenAiChunkWriter(std::ostream& out, std::string id, std::string model, int64_t created);

  /// Returns false once the client has gone away.
  bool writeRole();
  bool writeEvent(const chat::CanonicalEvent& event);
  bool writeFinish(int32_t finishReason, const chat::AnswerAccumulator* usage);
  bool writeError(const mf_error& error);

  /// The non-streaming chat.completion object for a complete answer.
  static std::string completionJson(const std::string& id, const std::string& model,
                                    int64_t created, const chat::AnswerAccumulator& answer);

 private:
  bool writeChunk(const std::string& deltaJson, const char* finishReason);
  bool writeData(const std::string& payload);

  std::ostream& out_;
  std::string prefix_;  // {"id":..,"object":..,"created":..,"model":..,
};

/// The usage object in OpenAI's shape, from accumulated usage.
std::string usageJson(const chat::AnswerAccumulator& answer);

}  // namespace manifold::api
