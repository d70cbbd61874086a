#include "export/TranscriptReader.h"

#include <set>

#include "chat/ThinkTagSplitter.h"

namespace manifold::exporting {
namespace {

std::string withoutReasoning(const std::string& text) {
  chat::ThinkTagSplitter splitter;
  std::vector<chat::ThinkPiece> pieces;
  splitter.feed(text, pieces);
  splitter.flush(pieces);
  std::string answer;
  for (const chat::ThinkPiece& piece : pieces)
    if (!piece.reasoning) answer += piece.text;
  return answer;
}

std::string trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

/// The text of a content array's parts, one after another.
std::optional<std::string> partsText(const json::Value& parts, const std::string& param,
                                     TranscriptProblem& problem) {
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) {
    const json::Value& part = parts[i];
    const std::string& type = part["type"].asString();
    if (!part.isObject() || type.empty()) {
      problem = {"each content part must be an object with a type",
                 param + "[" + std::to_string(i) + "]"};
      return std::nullopt;
    }
    if (!text.empty()) text += "\n\n";
    if (type == "text")
      text += part["text"].asString();
    else if (type == "image_url" || type == "image")
      text += "[image]";
    else
      text += "[" + type + "]";
  }
  return text;
}

std::string toolCallLines(const json::Value& calls) {
  std::string lines;
  for (const json::Value& call : calls.asArray()) {
    const json::Value& function = call["function"];
    if (!lines.empty()) lines += "\n\n";
    lines += "Tool call: " + function["name"].asString();
    const json::Value& arguments = function["arguments"];
    if (arguments.isString() && !arguments.asString().empty())
      lines += " " + arguments.asString();
    else if (!arguments.isNull())
      lines += " " + json::stringify(arguments);
  }
  return lines;
}

}  // namespace

std::optional<std::vector<ExportMessage>> readTranscript(const json::Value& messages,
                                                         TranscriptProblem& problem) {
  static const std::set<std::string> roles = {"system", "developer", "user", "assistant", "tool"};
  if (!messages.isArray() || messages.size() == 0) {
    problem = {"messages must be a non-empty array of chat messages", "messages"};
    return std::nullopt;
  }
  std::vector<ExportMessage> out;
  for (size_t i = 0; i < messages.size(); ++i) {
    const std::string param = "messages[" + std::to_string(i) + "]";
    const json::Value& message = messages[i];
    if (!message.isObject()) {
      problem = {"each message must be a JSON object", param};
      return std::nullopt;
    }
    const std::string& role = message["role"].asString();
    if (!roles.count(role)) {
      problem = {"role must be one of system, developer, user, assistant, tool", param + ".role"};
      return std::nullopt;
    }
    const json::Value& content = message["content"];
    std::string text;
    if (content.isString()) {
      text = content.asString();
    } else if (content.isArray()) {
      std::optional<std::string> parts = partsText(content, param + ".content", problem);
      if (!parts) return std::nullopt;
      text = std::move(*parts);
    } else if (!content.isNull()) {
      problem = {"content must be a string, an array of parts or null", param + ".content"};
      return std::nullopt;
    }
    text = trimmed(withoutReasoning(text));
    const json::Value& calls = message["tool_calls"];
    if (calls.isArray() && calls.size() > 0)
      text += (text.empty() ? "" : "\n\n") + toolCallLines(calls);
    if (!text.empty()) out.push_back({role, std::move(text)});
  }
  if (out.empty()) {
    problem = {"the messages hold no text to export once reasoning is removed", "messages"};
    return std::nullopt;
  }
  return out;
}

}  // namespace manifold::exporting
