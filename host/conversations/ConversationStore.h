#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace manifold::conversations {

/// A conversation without its messages.
struct ConversationInfo {
  std::string id;  ///< "conv_" + 24 hex digits
  std::string keyId;
  std::string endUser;  ///< the OpenAI "user" field of its first turn, or ""
  std::string title;    ///< its first user message, cut
  int64_t createdAtMs = 0;
  int64_t updatedAtMs = 0;
};

/// One stored message: a canonical request message (JSON, in the shape of
/// schemas/canonical-request.schema.json's messages, plus "reasoning" on an
/// assistant message that had some) and how its turn ended.
struct StoredMessage {
  int64_t turn = 0;
  std::string role;
  std::string mode;
  std::string engine;
  bool complete = false;  ///< false: the turn failed or was cut; never history
  std::string json;
};

/// One turn to append: the client's new messages, then the answer.
struct NewTurn {
  std::string conversationId;
  std::string keyId;
  /// Creates the conversation with this turn (its id is new); else it must exist.
  bool create = false;
  std::string endUser;  ///< when create
  std::string title;    ///< when create
  std::string mode;
  std::string engine;
  bool complete = false;
  std::vector<std::string> roles;         ///< one per message
  std::vector<std::string> messagesJson;  ///< canonical messages, in order
  int64_t nowMs = 0;
};

/// Where conversations are kept, each visible to its own key only: every
/// lookup takes the caller's key id, and another key's conversation is as
/// absent as one that never existed. Implementations throw
/// std::runtime_error on storage failures.
class ConversationStore {
 public:
  virtual ~ConversationStore() = default;

  /// The conversation, when it exists and belongs to `keyId`.
  virtual std::optional<ConversationInfo> get(const std::string& keyId, const std::string& id) = 0;
  /// `keyId`'s conversations, newest first, at most `limit`, after (older
  /// than) the conversation `afterId` when it is set.
  virtual std::vector<ConversationInfo> list(const std::string& keyId, size_t limit,
                                             const std::string& afterId) = 0;
  /// Deletes the conversation and its messages; false when it is not `keyId`'s.
  virtual bool remove(const std::string& keyId, const std::string& id) = 0;
  /// Appends a whole turn in one transaction (creating the conversation when
  /// the turn says so); false when the conversation is not the key's (any
  /// more: it may have been deleted while the turn ran).
  virtual bool appendTurn(const NewTurn& turn) = 0;
  /// The conversation's messages in order, complete turns only unless
  /// `withFailed`; empty when it is not `keyId`'s.
  virtual std::vector<StoredMessage> messages(const std::string& keyId, const std::string& id,
                                              bool withFailed) = 0;

  /// The complete turns as an OpenAI-shaped chat messages JSON array
  /// (assistant reasoning kept in a "reasoning" member), or nullopt when the
  /// conversation is not `keyId`'s. For the export endpoints.
  std::optional<std::string> messagesJson(const std::string& keyId, const std::string& id);
};

/// A new conversation id: "conv_" and 24 hex digits from the system's secure source.
std::string newConversationId();

}  // namespace manifold::conversations
