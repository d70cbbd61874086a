#pragma once

#include <manifold/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "export/ExportDocument.h"

namespace manifold::exporting {

/// Why a messages array cannot be exported: a sentence for the client and the
/// field at fault (messages[2].content).
struct TranscriptProblem {
  std::string message;
  std::string param;
};

/// Reads an OpenAI-shaped messages array into the messages of a document.
/// - content: a string, null, or an array of parts (text parts kept, an image
///   part becomes "[image]", any other part "[<type>]");
/// - an assistant's tool_calls become "Tool call: name arguments" lines, a
///   tool message keeps its content;
/// - reasoning is stripped: the `reasoning` and `reasoning_content` members are
///   never read, and <think>...</think> spans are cut from the text (the
///   rules of chat::ThinkTagSplitter: an unclosed span runs to the end);
/// - a message left with no text is skipped.
/// Returns nullopt, with `problem` set, for anything else: not an array, an
/// empty one, a message that is not an object, an unknown role, content of
/// another type, or no text at all once reasoning is gone.
std::optional<std::vector<ExportMessage>> readTranscript(const json::Value& messages,
                                                         TranscriptProblem& problem);

}  // namespace manifold::exporting
