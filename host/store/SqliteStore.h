#pragma once

#include <Poco/Data/Session.h>

#include <memory>
#include <mutex>
#include <string>

#include "store/AttemptRecord.h"
#include "store/KeyValueStore.h"

namespace manifold::store {

/// The embedded store: one SQLite file in WAL mode, migrated at open from the
/// SQL files in schemas/migrations (compiled into the binary).
class SqliteStore : public KeyValueStore, public AttemptLog {
 public:
  /// Opens (creating if needed) and migrates the database. Throws on failure.
  explicit SqliteStore(const std::string& path);
  ~SqliteStore() override;

  std::optional<std::string> get(const std::string& space, const std::string& key) override;
  void put(const std::string& space, const std::string& key, const std::string& value,
           int64_t ttlMs) override;
  void remove(const std::string& space, const std::string& key) override;

  void writeAttempts(const std::vector<AttemptRecord>& batch) override;

  /// The schema version the database is at after migration.
  int schemaVersion();

 private:
  void migrate();

  std::mutex mutex_;
  std::unique_ptr<Poco::Data::Session> session_;
};

}  // namespace manifold::store
