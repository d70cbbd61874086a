#pragma once

#include <optional>

#include "conversations/ConversationStore.h"
#include "turn/ConversationSink.h"
#include "turn/RuntimeSnapshot.h"
#include "turn/TurnRequest.h"
#include "turn/TurnRoute.h"

namespace manifold::turn {

/// A turn's conversation, between the route stage and prepare, and after
/// execute.
///
/// Before: resolves the conversation the client named (TurnRequest::conversation)
/// for the caller's key, and puts its complete earlier turns between the
/// client's leading system messages and the client's new messages. Nothing the
/// client sent is replaced. History is trimmed to the answering chain's
/// context window (the smallest in the chain; conversations/HistoryFit.h has
/// the rule), oldest turns first, whole turns only, with room kept for the
/// answer and for memory. An unknown id, or another key's, is a 400
/// conversation_not_found before any upstream call, and nothing is stored.
///
/// After: records the turn (the client's new messages and the answer the
/// ConversationSink saw) with its mode and engine: complete only when the
/// answer completed; a cut or failed answer (FailedAfterCommit, ClientGone)
/// is kept with status failed, and never sent as history; a refused turn
/// is not recorded at all (and a new conversation is not created).
class ConversationStep {
 public:
  explicit ConversationStep(conversations::ConversationStore* store) : store_(store) {}

  std::optional<TurnError> apply(TurnRequest& request, const TurnRoute& route,
                                 const RuntimeSnapshot& snapshot) const;
  void record(const TurnRequest& request, const TurnRoute& route, const RuntimeSnapshot& snapshot,
              const ConversationSink& sink, bool answered) const;

 private:
  conversations::ConversationStore* store_;
};

/// The characters of history kept free for the memory the prepare stage may
/// add (memory.budget_chars, 2000 by default).
int64_t memoryReserveChars(const config::GatewayConfig& config);

}  // namespace manifold::turn
