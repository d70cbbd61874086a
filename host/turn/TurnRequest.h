#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chat/ChatRequest.h"

namespace manifold::turn {

/// Headers the gateway puts on an answer. Their names are the gateway's own
/// and always string literals, so building a list allocates nothing for
/// them: every answer carries several.
using AnswerHeaders = std::vector<std::pair<std::string_view, std::string>>;

/// The conversation a turn carries on, once the conversation step has
/// resolved it (turn/ConversationStep.h).
struct ConversationTurn {
  std::string id;
  bool isNew = false;    ///< created when this turn is recorded
  int historyTurns = 0;  ///< earlier turns sent with this one
  /// What the client sent this turn, system messages aside: what the turn
  /// records before its answer.
  std::vector<chat::ChatMessage> clientMessages;
};

/// One request as a turn sees it: the canonical request and what the API
/// layer learnt around it. Nothing here is a socket or an HTTP object.
struct TurnRequest {
  chat::ChatRequest chat;
  std::string requestId;
  std::string api;  ///< "openai", "anthropic" or "native", for reports
  /// A mode or plugin intent the client asked for explicitly (the native
  /// API's "mode" field, else the x-manifold-mode header); nullopt for none.
  std::optional<std::string> requestedRoute;
  /// The caller's credentials as presented (the Authorization and x-api-key
  /// headers), for the admit stage; never logged.
  std::string authorization;
  std::string apiKeyHeader;
  /// Whether the client connected over loopback (the admit stage's rule
  /// when no master key is set).
  bool loopbackPeer = false;
  /// Set by the admit stage: the gateway key the turn belongs to ("" for the
  /// master key or an anonymous loopback caller).
  std::string keyId;
  /// Headers the admit stage wants on the answer (x-ratelimit-*); the API
  /// layer sets them when the answer begins.
  AnswerHeaders responseHeaders;
  /// Set by the prepare stage: the `sources` event of the live pre-step
  /// (its tools' results, as the native stream tells them), "" when none ran.
  std::string liveSourcesEvent;
  /// The conversation the client named: an id, "new" to start one, or
  /// nullopt for none (the native body's conversation_id / conversation,
  /// else the x-manifold-conversation header).
  std::optional<std::string> conversation;
  /// Set by the conversation step when the turn belongs to one.
  std::optional<ConversationTurn> conversationTurn;
};

/// Why a turn was refused before anything reached the client: the status
/// and the OpenAI error fields, plus headers the client should see.
struct TurnError {
  int status = 400;
  std::string message;
  std::string param;
  std::string code;
  AnswerHeaders headers;
};

}  // namespace manifold::turn
