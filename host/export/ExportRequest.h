#pragma once

#include <manifold/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "export/TranscriptReader.h"

namespace manifold::exporting {

/// The body of POST /v1/export/pdf and /v1/export/xlsx: exactly one of
/// `messages` (an OpenAI-shaped messages array) and `conversation_id`, and an
/// optional `title` ("Conversation" when absent or empty).
struct ExportRequest {
  std::string title;
  json::Value messages;        ///< null when conversation_id is given
  std::string conversationId;  ///< "" when messages are given
};

/// Reads an export request body; nullopt, with `problem` set, when it is not
/// a JSON object, names both sources or neither, or a field has the wrong type.
std::optional<ExportRequest> readExportRequest(std::string_view body, TranscriptProblem& problem);

}  // namespace manifold::exporting
