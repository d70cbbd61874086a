#include "turn/ConversationStep.h"

#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include <map>

#include "conversations/HistoryFit.h"
#include "conversations/MessageJson.h"
#include "trust/RequestGuard.h"

namespace manifold::turn {
namespace {

using conversations::StoredMessage;

Poco::Logger& logger() {
  return Poco::Logger::get("conversations");
}

TurnError badConversation(std::string message, std::string code) {
  TurnError e;
  e.status = 400;
  e.message = std::move(message);
  e.param = "conversation_id";
  e.code = std::move(code);
  return e;
}

TurnError storeFailed(const std::string& requestId, const std::exception& e) {
  logger().error("[%s] the conversation store failed: %s", requestId, std::string(e.what()));
  TurnError error;
  error.status = 500;
  error.message = "the gateway could not read its conversations; try again";
  error.code = "conversation_store_error";
  return error;
}

/// The smallest known context window in the chain; 0 when none is known.
int64_t chainWindow(const TurnRoute& route, const RuntimeSnapshot& snapshot) {
  int64_t smallest = 0;
  for (const std::string& id : route.chain)
    if (const config::EngineConfig* engine = snapshot.engines.engine(id))
      if (engine->contextWindow > 0 && (smallest == 0 || engine->contextWindow < smallest))
        smallest = engine->contextWindow;
  return smallest;
}

/// The first `chars` code points of `text`.
std::string cut(const std::string& text, int64_t chars) {
  size_t i = 0;
  for (int64_t n = 0; i < text.size() && n < chars; ++n) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return text.substr(0, i);
}

std::string titleOf(const std::vector<chat::ChatMessage>& messages, int64_t chars) {
  for (const chat::ChatMessage& m : messages)
    if (m.role == "user")
      for (const chat::ContentPart& part : m.content)
        if (part.kind == chat::ContentPart::Kind::Text && !part.text.empty())
          return cut(part.text, chars);
  return "";
}

}  // namespace

// Room kept for the facts the prepare stage adds after the history is fitted.
int64_t memoryReserveChars(const config::GatewayConfig& config) {
  return config.memory.enabled ? config.memory.budgetChars : 0;
}

std::optional<TurnError> ConversationStep::apply(TurnRequest& request, const TurnRoute& route,
                                                 const RuntimeSnapshot& snapshot) const {
  if (!request.conversation) return std::nullopt;
  if (route.dispatch) {
    logger().information("[%s] conversation not kept: the message became a task",
                         request.requestId);
    return std::nullopt;
  }
  if (!store_ || !snapshot.config.conversations.enabled)
    return badConversation("conversations are not enabled on this gateway",
                           "conversations_disabled");

  ConversationTurn turn;
  std::vector<std::vector<chat::ChatMessage>> history;
  bool fenced = false;
  if (*request.conversation == "new") {
    turn.id = conversations::newConversationId();
    turn.isNew = true;
  } else {
    turn.id = *request.conversation;
    try {
      if (!store_->get(request.keyId, turn.id)) {
        logger().information("[%s] refused: no conversation %s for this key", request.requestId,
                             turn.id);
        return badConversation("no conversation " + turn.id, "conversation_not_found");
      }
      std::map<int64_t, std::vector<chat::ChatMessage>> byTurn;
      for (const StoredMessage& stored : store_->messages(request.keyId, turn.id, false)) {
        bool wasFenced = false;
        std::optional<chat::ChatMessage> m = conversations::storedMessage(stored.json, &wasFenced);
        if (!m) {
          logger().warning("[%s] conversation %s: turn %?d has a message that cannot be read",
                           request.requestId, turn.id, stored.turn);
          continue;
        }
        fenced = fenced || wasFenced;
        byTurn[stored.turn].push_back(std::move(*m));
      }
      for (auto& [number, messages] : byTurn) history.push_back(std::move(messages));
    } catch (const std::exception& e) {
      return storeFailed(request.requestId, e);
    }
  }

  std::vector<chat::ChatMessage>& messages = request.chat.messages;
  auto firstNew = messages.begin();
  while (firstNew != messages.end() && firstNew->role == "system") ++firstNew;
  turn.clientMessages.assign(firstNew, messages.end());

  const int64_t window = chainWindow(route, snapshot);
  const size_t fit =
      window > 0 ? conversations::turnsThatFit(
                       history, conversations::historyBudget(window, request.chat,
                                                             memoryReserveChars(snapshot.config)))
                 : history.size();
  if (fit < history.size())
    logger().information("[%s] conversation %s: %?d of %?d earlier turns fit %?d tokens",
                         request.requestId, turn.id, fit, history.size(), window);
  std::vector<chat::ChatMessage> sent;
  for (size_t i = history.size() - fit; i < history.size(); ++i)
    sent.insert(sent.end(), history[i].begin(), history[i].end());
  messages.insert(firstNew, sent.begin(), sent.end());
  if (fenced && fit > 0) trust::explainBoundaryMarkers(request.chat);
  turn.historyTurns = static_cast<int>(fit);
  request.conversationTurn = std::move(turn);
  return std::nullopt;
}

void ConversationStep::record(const TurnRequest& request, const TurnRoute& route,
                              const RuntimeSnapshot& snapshot, const ConversationSink& sink,
                              bool answered) const {
  const ConversationTurn& turn = *request.conversationTurn;
  conversations::NewTurn row;
  row.conversationId = turn.id;
  row.keyId = request.keyId;
  row.create = turn.isNew;
  row.endUser = request.chat.user;
  row.mode = route.mode;
  row.engine = sink.engineId();
  row.complete = answered && sink.ended();
  row.nowMs = Poco::Timestamp().epochMicroseconds() / 1000;
  // The title comes from the client's own words, not the history.
  if (turn.isNew)
    row.title = titleOf(turn.clientMessages, snapshot.config.conversations.titleChars);
  for (const chat::ChatMessage& m : turn.clientMessages) {
    row.roles.push_back(m.role);
    row.messagesJson.push_back(conversations::storedMessageJson(m));
  }
  for (const AnswerMessage& m : sink.messages()) {
    row.roles.push_back(m.message.role);
    row.messagesJson.push_back(conversations::storedMessageJson(m.message, m.reasoning, m.fenced));
  }
  try {
    if (!store_->appendTurn(row))
      logger().warning("[%s] conversation %s is gone; the turn was not kept", request.requestId,
                       turn.id);
    else if (!row.complete)
      logger().information("[%s] conversation %s: the turn did not complete; kept as failed",
                           request.requestId, turn.id);
  } catch (const std::exception& e) {
    logger().error("[%s] conversation %s: the turn could not be kept: %s", request.requestId,
                   turn.id, std::string(e.what()));
  }
}

}  // namespace manifold::turn
