#include "export/ExportRequest.h"

namespace manifold::exporting {

std::optional<ExportRequest> readExportRequest(std::string_view body, TranscriptProblem& problem) {
  json::ParseError error;
  std::optional<json::Value> root = json::parse(body, &error);
  if (!root || !root->isObject()) {
    problem = {
        root ? "the body must be a JSON object" : "the body is not valid JSON: " + error.message,
        ""};
    return std::nullopt;
  }
  ExportRequest request;
  const json::Value& title = (*root)["title"];
  if (!title.isNull() && !title.isString()) {
    problem = {"title must be a string", "title"};
    return std::nullopt;
  }
  request.title = title.asString().empty() ? "Conversation" : title.asString();
  const json::Value* messages = root->find("messages");
  const json::Value* conversation = root->find("conversation_id");
  if ((messages != nullptr) == (conversation != nullptr)) {
    problem = {"give exactly one of messages and conversation_id", "messages"};
    return std::nullopt;
  }
  if (conversation) {
    if (!conversation->isString() || conversation->asString().empty()) {
      problem = {"conversation_id must be a non-empty string", "conversation_id"};
      return std::nullopt;
    }
    request.conversationId = conversation->asString();
  } else {
    request.messages = *messages;
  }
  return request;
}

}  // namespace manifold::exporting
