#pragma once

#include <mutex>
#include <string>

#include "conversations/ConversationStore.h"

struct sqlite3;

namespace manifold::conversations {

/// Conversations in the gateway's SQLite file (migration 0007_conversations.sql),
/// on a connection of its own. Open it after SqliteStore has migrated the file.
class SqliteConversationStore : public ConversationStore {
 public:
  /// Throws when the file cannot be opened.
  explicit SqliteConversationStore(const std::string& path);
  ~SqliteConversationStore() override;
  SqliteConversationStore(const SqliteConversationStore&) = delete;
  SqliteConversationStore& operator=(const SqliteConversationStore&) = delete;

  std::optional<ConversationInfo> get(const std::string& keyId, const std::string& id) override;
  std::vector<ConversationInfo> list(const std::string& keyId, size_t limit,
                                     const std::string& afterId) override;
  bool remove(const std::string& keyId, const std::string& id) override;
  bool appendTurn(const NewTurn& turn) override;
  std::vector<StoredMessage> messages(const std::string& keyId, const std::string& id,
                                      bool withFailed) override;

 private:
  std::optional<ConversationInfo> getLocked(const std::string& keyId, const std::string& id);

  std::mutex mutex_;
  sqlite3* db_ = nullptr;
};

}  // namespace manifold::conversations
