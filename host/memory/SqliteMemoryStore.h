#pragma once

#include <atomic>
#include <mutex>
#include <string>

#include "memory/MemoryStore.h"

struct sqlite3;

namespace manifold::memory {

/// Facts in the gateway's SQLite file (migration 0008_memory.sql), on a
/// connection of its own. Open it after SqliteStore has migrated the file.
class SqliteMemoryStore : public MemoryStore {
 public:
  /// Throws when the file cannot be opened.
  explicit SqliteMemoryStore(const std::string& path);
  ~SqliteMemoryStore() override;
  SqliteMemoryStore(const SqliteMemoryStore&) = delete;
  SqliteMemoryStore& operator=(const SqliteMemoryStore&) = delete;

  MemoryFact remember(const MemoryFact& fact) override;
  std::vector<MemoryFact> list(const std::string& keyId, const std::string& user) override;
  bool forget(const std::string& keyId, const std::string& id) override;
  bool forgetSubject(const std::string& keyId, const std::string& user,
                     const std::string& subject) override;

 private:
  /// Whether the table holds any fact; `mutex_` held.
  bool tableHasFacts();

  std::mutex mutex_;
  sqlite3* db_ = nullptr;
  /// Every chat turn lists its caller's facts; while there are none at all
  /// (memory unused) that costs no lock and no query.
  std::atomic<bool> anyFacts_{false};
};

}  // namespace manifold::memory
