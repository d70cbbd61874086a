#include "Conversation.h"

#include <manifold/json.hpp>

namespace manifold::tools {
namespace {

void appendMessage(std::string& out, const char* role, const std::string& content) {
  out += out.back() == '[' ? "{\"role\":\"" : ",{\"role\":\"";
  out += role;
  out += "\",\"content\":";
  json::appendQuoted(out, content);
  out += '}';
}

}  // namespace

void Conversation::setMode(std::string mode) {
  mode_ = mode == "auto" ? "" : std::move(mode);
}

std::string Conversation::requestBody(const std::string& userText) const {
  std::string body = "{\"messages\":[";
  for (const auto& [user, assistant] : history_) {
    appendMessage(body, "user", user);
    appendMessage(body, "assistant", assistant);
  }
  appendMessage(body, "user", userText);
  body += ']';
  if (!mode_.empty()) {
    body += ",\"mode\":";
    json::appendQuoted(body, mode_);
  }
  if (!model_.empty()) {
    body += ",\"model\":";
    json::appendQuoted(body, model_);
  }
  return body + '}';
}

void Conversation::answered(std::string userText, std::string answerText) {
  history_.emplace_back(std::move(userText), std::move(answerText));
}

}  // namespace manifold::tools
