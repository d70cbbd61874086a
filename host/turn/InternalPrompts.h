#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chat/ChatRequest.h"
#include "trust/BoundaryMarkers.h"

namespace manifold::turn {

/// The fixed prompts of the internal completions, and how their answers are
/// read. The user's message and the answer reach the model between
/// boundary markers (user kind), so neither can instruct it.

/// Asks for three follow-up prompts the user might send next, one per line.
chat::ChatRequest suggestionsPrompt(const std::string& userText, const std::string& answerText,
                                    const trust::BoundaryMarkers& markers);
/// Exactly three suggestions: three non-empty lines (list bullets, numbers
/// and quotes taken off), or a JSON array of three strings; each at most 200
/// characters. Anything else is nullopt.
std::optional<std::vector<std::string>> parseSuggestions(const std::string& answer);

/// Asks for facts about the user in their message, one short sentence per
/// line, or NONE.
chat::ChatRequest memoryExtractorPrompt(const std::string& userText,
                                        const trust::BoundaryMarkers& markers);
/// The facts, at most five of at most 300 characters each; NONE is no fact.
/// Anything else (more lines, longer ones, no answer) is nullopt.
std::optional<std::vector<std::string>> parseExtractedFacts(const std::string& answer);

}  // namespace manifold::turn
