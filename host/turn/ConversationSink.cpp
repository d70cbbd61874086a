#include "turn/ConversationSink.h"

#include <manifold/json.hpp>

#include "trust/BoundaryMarkers.h"
#include "trust/Sanitiser.h"

namespace manifold::turn {
namespace {

using Type = chat::CanonicalEvent::Type;

void appendText(chat::ChatMessage& m, const std::string& text) {
  if (m.content.empty()) m.content.push_back({chat::ContentPart::Kind::Text, "", "", ""});
  m.content.back().text += text;
}

std::string member(const json::Value& v, const char* name) {
  return v[name].isString() ? v[name].asString() : "";
}

}  // namespace

bool ConversationSink::begin(const failover::RouteInfo& route) {
  begun_ = true;
  engineId_ = route.engineId;
  failover::RouteInfo named = route;
  named.conversationId = conversationId_;
  named.historyTurns = historyTurns_;
  return client_.begin(named);
}

bool ConversationSink::event(const chat::CanonicalEvent& e) {
  if (e.type == Type::TextDelta) {
    appendText(pending_.message, e.text);
    sawDeltas_ = true;
  } else if (e.type == Type::ReasoningDelta) {
    pending_.reasoning += e.text;
    sawDeltas_ = true;
  }
  return client_.event(e);
}

void ConversationSink::end(const chat::AnswerAccumulator& answer) {
  if (!sawDeltas_) {  // not streamed: the answer comes whole
    if (!answer.text().empty()) appendText(pending_.message, answer.text());
    pending_.reasoning = answer.reasoning();
  }
  for (const auto& [index, call] : answer.toolCalls())
    pending_.message.toolCalls.push_back({call.id, call.name, call.arguments});
  ended_ = true;
  client_.end(answer);
}

bool ConversationSink::imageEvent(const std::string& fields) {
  // Kept as the markdown link the other APIs answer with, so the picture
  // stays part of the history whichever API carries the conversation on.
  if (const std::optional<json::Value> image = json::parse("{" + fields + "}"))
    appendText(pending_.message, "![image](" + member(*image, "url") + ")");
  sawDeltas_ = true;
  return client_.imageEvent(fields);
}

void ConversationSink::abort(const mf_error& error) {
  client_.abort(error);
}

bool ConversationSink::toolEvent(const char* type, const std::string& fields) {
  const std::string kind = type;
  if (kind == "tool_call" || kind == "tool_result") {
    const json::Value v = json::parse("{" + fields + "}").value_or(json::Value::object());
    if (kind == "tool_call") {
      pending_.message.toolCalls.push_back(
          {member(v, "id"), member(v, "name"), member(v, "arguments")});
    } else {
      flushAssistant();
      // Fenced as the tool loop fenced it for the model, with the
      // conversation's own markers, so it can be sent again as it is.
      const bool failed = v["is_error"].asBool();
      const std::string body =
          "tool " + member(v, "name") + (failed ? " failed" : "") + ":\n" + member(v, "content");
      AnswerMessage result;
      result.message.role = "tool";
      result.message.toolCallId = member(v, "id");
      result.message.name = member(v, "name");
      result.fenced = true;
      appendText(result.message,
                 trust::BoundaryMarkers::forConversation(conversationId_)
                     .wrap(trust::UntrustedKind::ToolResult, trust::stripInvisible(body)));
      done_.push_back(std::move(result));
    }
  }
  if (!client_.streamsToolEvents()) return true;
  return client_.toolEvent(type, fields);
}

void ConversationSink::flushAssistant() {
  if (pending_.message.content.empty() && pending_.message.toolCalls.empty() &&
      pending_.reasoning.empty())
    return;
  pending_.message.role = "assistant";
  done_.push_back(std::move(pending_));
  pending_ = AnswerMessage();
}

std::vector<AnswerMessage> ConversationSink::messages() const {
  std::vector<AnswerMessage> out = done_;
  AnswerMessage last = pending_;
  if (!last.message.content.empty() || !last.message.toolCalls.empty() || !last.reasoning.empty()) {
    last.message.role = "assistant";
    out.push_back(std::move(last));
  }
  return out;
}

}  // namespace manifold::turn
