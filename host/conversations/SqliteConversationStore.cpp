#include "conversations/SqliteConversationStore.h"

#include "store/SqliteStatement.h"

namespace manifold::conversations {
namespace {

using store::bindText;
using store::nextRow;
using store::prepare;
using store::Statement;
using store::textAt;

const std::string kWhat = "conversation store";

constexpr const char* kColumns =
    "id, key_id, end_user, title, created_at_ms, updated_at_ms FROM conversations";

ConversationInfo infoAt(sqlite3_stmt* s) {
  ConversationInfo c;
  c.id = textAt(s, 0);
  c.keyId = textAt(s, 1);
  c.endUser = textAt(s, 2);
  c.title = textAt(s, 3);
  c.createdAtMs = sqlite3_column_int64(s, 4);
  c.updatedAtMs = sqlite3_column_int64(s, 5);
  return c;
}

void insertConversation(sqlite3* db, const NewTurn& turn) {
  Statement s = prepare(db,
                        "INSERT INTO conversations (id, key_id, end_user, title, created_at_ms, "
                        "updated_at_ms) VALUES (?1,?2,?3,?4,?5,?5)",
                        kWhat);
  bindText(s.get(), 1, turn.conversationId);
  bindText(s.get(), 2, turn.keyId);
  bindText(s.get(), 3, turn.endUser);
  bindText(s.get(), 4, turn.title);
  sqlite3_bind_int64(s.get(), 5, turn.nowMs);
  store::runToEnd(db, s.get(), kWhat);
}

/// The next turn and message numbers of a conversation.
std::pair<int64_t, int64_t> nextNumbers(sqlite3* db, const std::string& id) {
  Statement s = prepare(db,
                        "SELECT COALESCE(MAX(turn), 0) + 1, COALESCE(MAX(seq), 0) + 1 FROM "
                        "conversation_messages WHERE conversation_id = ?1",
                        kWhat);
  bindText(s.get(), 1, id);
  if (!nextRow(db, s.get(), kWhat)) return {1, 1};
  return {sqlite3_column_int64(s.get(), 0), sqlite3_column_int64(s.get(), 1)};
}

}  // namespace

SqliteConversationStore::SqliteConversationStore(const std::string& path)
    : db_(store::openConnection(path, "cannot open the conversation store")) {}

SqliteConversationStore::~SqliteConversationStore() {
  sqlite3_close(db_);
}

std::optional<ConversationInfo> SqliteConversationStore::get(const std::string& keyId,
                                                             const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return getLocked(keyId, id);
}

std::optional<ConversationInfo> SqliteConversationStore::getLocked(const std::string& keyId,
                                                                   const std::string& id) {
  const std::string sql = std::string("SELECT ") + kColumns + " WHERE id = ?1 AND key_id = ?2";
  Statement s = prepare(db_, sql.c_str(), kWhat);
  bindText(s.get(), 1, id);
  bindText(s.get(), 2, keyId);
  if (!nextRow(db_, s.get(), kWhat)) return std::nullopt;
  return infoAt(s.get());
}

std::vector<ConversationInfo> SqliteConversationStore::list(const std::string& keyId, size_t limit,
                                                            const std::string& afterId) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Newest first by (created_at_ms, id); the cursor must be the key's own.
  const std::string sql =
      std::string("SELECT ") + kColumns + " WHERE key_id = ?1" +
      (afterId.empty() ? ""
                       : " AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = ?3 AND "
                         "c.key_id = ?1 AND (conversations.created_at_ms < c.created_at_ms OR "
                         "(conversations.created_at_ms = c.created_at_ms AND conversations.id "
                         "< c.id)))") +
      " ORDER BY created_at_ms DESC, id DESC LIMIT ?2";
  Statement s = prepare(db_, sql.c_str(), kWhat);
  bindText(s.get(), 1, keyId);
  sqlite3_bind_int64(s.get(), 2, static_cast<int64_t>(limit));
  if (!afterId.empty()) bindText(s.get(), 3, afterId);
  std::vector<ConversationInfo> out;
  while (nextRow(db_, s.get(), kWhat)) out.push_back(infoAt(s.get()));
  return out;
}

bool SqliteConversationStore::remove(const std::string& keyId, const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  store::Transaction transaction(db_, kWhat);
  if (!getLocked(keyId, id)) return false;
  for (const char* sql : {"DELETE FROM conversation_messages WHERE conversation_id = ?1",
                          "DELETE FROM conversations WHERE id = ?1"}) {
    Statement s = prepare(db_, sql, kWhat);
    bindText(s.get(), 1, id);
    store::runToEnd(db_, s.get(), kWhat);
  }
  transaction.commit();
  return true;
}

bool SqliteConversationStore::appendTurn(const NewTurn& turn) {
  std::lock_guard<std::mutex> lock(mutex_);
  store::Transaction transaction(db_, kWhat);
  if (turn.create)
    insertConversation(db_, turn);
  else if (!getLocked(turn.keyId, turn.conversationId))
    return false;
  auto [turnNumber, seq] = nextNumbers(db_, turn.conversationId);
  for (size_t i = 0; i < turn.messagesJson.size(); ++i) {
    Statement s = prepare(db_,
                          "INSERT INTO conversation_messages (conversation_id, seq, turn, role, "
                          "mode, engine, status, message, created_at_ms) "
                          "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
                          kWhat);
    bindText(s.get(), 1, turn.conversationId);
    sqlite3_bind_int64(s.get(), 2, seq++);
    sqlite3_bind_int64(s.get(), 3, turnNumber);
    bindText(s.get(), 4, i < turn.roles.size() ? turn.roles[i] : "");
    bindText(s.get(), 5, turn.mode);
    bindText(s.get(), 6, turn.engine);
    bindText(s.get(), 7, turn.complete ? "complete" : "failed");
    bindText(s.get(), 8, turn.messagesJson[i]);
    sqlite3_bind_int64(s.get(), 9, turn.nowMs);
    store::runToEnd(db_, s.get(), kWhat);
  }
  Statement touch =
      prepare(db_, "UPDATE conversations SET updated_at_ms = ?2 WHERE id = ?1", kWhat);
  bindText(touch.get(), 1, turn.conversationId);
  sqlite3_bind_int64(touch.get(), 2, turn.nowMs);
  store::runToEnd(db_, touch.get(), kWhat);
  transaction.commit();
  return true;
}

std::vector<StoredMessage> SqliteConversationStore::messages(const std::string& keyId,
                                                             const std::string& id,
                                                             bool withFailed) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<StoredMessage> out;
  if (!getLocked(keyId, id)) return out;
  const std::string sql =
      std::string(
          "SELECT turn, role, mode, engine, status, message FROM conversation_messages "
          "WHERE conversation_id = ?1") +
      (withFailed ? "" : " AND status = 'complete'") + " ORDER BY seq";
  Statement s = prepare(db_, sql.c_str(), kWhat);
  bindText(s.get(), 1, id);
  while (nextRow(db_, s.get(), kWhat)) {
    StoredMessage m;
    m.turn = sqlite3_column_int64(s.get(), 0);
    m.role = textAt(s.get(), 1);
    m.mode = textAt(s.get(), 2);
    m.engine = textAt(s.get(), 3);
    m.complete = textAt(s.get(), 4) == "complete";
    m.json = textAt(s.get(), 5);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace manifold::conversations
