#include "memory/SqliteMemoryStore.h"

#include <sqlite3.h>

#include "store/SqliteStatement.h"

namespace manifold::memory {
namespace {

using store::bindText;
using store::prepare;
using store::textAt;

const std::string kWhat = "memory store";

MemoryFact factAt(sqlite3_stmt* s) {
  MemoryFact f;
  f.id = textAt(s, 0);
  f.keyId = textAt(s, 1);
  f.user = textAt(s, 2);
  f.subject = textAt(s, 3);
  f.text = textAt(s, 4);
  f.source = textAt(s, 5);
  f.createdMs = sqlite3_column_int64(s, 6);
  f.updatedMs = sqlite3_column_int64(s, 7);
  return f;
}

}  // namespace

SqliteMemoryStore::SqliteMemoryStore(const std::string& path)
    : db_(store::openConnection(path, "cannot open the memory store")) {
  std::lock_guard<std::mutex> lock(mutex_);
  anyFacts_ = tableHasFacts();
}

bool SqliteMemoryStore::tableHasFacts() {
  store::Statement s = prepare(db_, "SELECT EXISTS(SELECT 1 FROM memory_facts)", kWhat);
  return store::nextRow(db_, s.get(), kWhat) && sqlite3_column_int(s.get(), 0) != 0;
}

SqliteMemoryStore::~SqliteMemoryStore() {
  sqlite3_close(db_);
}

MemoryFact SqliteMemoryStore::remember(const MemoryFact& fact) {
  std::lock_guard<std::mutex> lock(mutex_);
  // A slot keeps its id and creation time; only what it says and when changes.
  store::Statement s =
      prepare(db_,
              "INSERT INTO memory_facts(id, key_id, end_user, subject, text, source, created_ms, "
              "updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT(key_id, end_user, subject) WHERE subject != '' DO UPDATE SET "
              "text = excluded.text, source = excluded.source, updated_ms = excluded.updated_ms "
              "RETURNING id, key_id, end_user, subject, text, source, created_ms, updated_ms",
              kWhat);
  bindText(s.get(), 1, fact.id);
  bindText(s.get(), 2, fact.keyId);
  bindText(s.get(), 3, fact.user);
  bindText(s.get(), 4, fact.subject);
  bindText(s.get(), 5, fact.text);
  bindText(s.get(), 6, fact.source);
  sqlite3_bind_int64(s.get(), 7, fact.createdMs);
  sqlite3_bind_int64(s.get(), 8, fact.updatedMs);
  anyFacts_ = true;  // before the insert, so no reader skips a fact once it is stored
  if (!store::nextRow(db_, s.get(), kWhat)) return fact;
  MemoryFact stored = factAt(s.get());
  store::runToEnd(db_, s.get(), kWhat);
  return stored;
}

std::vector<MemoryFact> SqliteMemoryStore::list(const std::string& keyId, const std::string& user) {
  if (!anyFacts_) return {};
  std::lock_guard<std::mutex> lock(mutex_);
  store::Statement s = prepare(db_,
                               "SELECT id, key_id, end_user, subject, text, source, created_ms, "
                               "updated_ms FROM memory_facts WHERE key_id = ? AND end_user = ? "
                               "ORDER BY updated_ms DESC, rowid DESC",
                               kWhat);
  bindText(s.get(), 1, keyId);
  bindText(s.get(), 2, user);
  std::vector<MemoryFact> out;
  while (store::nextRow(db_, s.get(), kWhat)) out.push_back(factAt(s.get()));
  return out;
}

bool SqliteMemoryStore::forget(const std::string& keyId, const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  store::Statement s = prepare(db_, "DELETE FROM memory_facts WHERE key_id = ? AND id = ?", kWhat);
  bindText(s.get(), 1, keyId);
  bindText(s.get(), 2, id);
  store::runToEnd(db_, s.get(), kWhat);
  const bool removed = sqlite3_changes(db_) > 0;
  if (removed) anyFacts_ = tableHasFacts();
  return removed;
}

bool SqliteMemoryStore::forgetSubject(const std::string& keyId, const std::string& user,
                                      const std::string& subject) {
  std::lock_guard<std::mutex> lock(mutex_);
  store::Statement s = prepare(
      db_, "DELETE FROM memory_facts WHERE key_id = ? AND end_user = ? AND subject = ?", kWhat);
  bindText(s.get(), 1, keyId);
  bindText(s.get(), 2, user);
  bindText(s.get(), 3, subject);
  store::runToEnd(db_, s.get(), kWhat);
  const bool removed = sqlite3_changes(db_) > 0;
  if (removed) anyFacts_ = tableHasFacts();
  return removed;
}

}  // namespace manifold::memory
