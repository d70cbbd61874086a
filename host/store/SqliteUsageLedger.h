#pragma once

#include <mutex>
#include <string>

#include "store/UsageLedger.h"

struct sqlite3;

namespace manifold::store {

/// Reads usage from the store's SQLite file on a connection of its own, so
/// the endpoints neither wait for the attempt writer nor hold it up (WAL
/// readers do not block the writer). Open it after SqliteStore has migrated
/// the file.
class SqliteUsageLedger : public UsageLedger {
 public:
  /// Throws when the file cannot be opened.
  explicit SqliteUsageLedger(const std::string& path);
  ~SqliteUsageLedger() override;
  SqliteUsageLedger(const SqliteUsageLedger&) = delete;
  SqliteUsageLedger& operator=(const SqliteUsageLedger&) = delete;

  std::vector<UsageRow> usage(const UsageQuery& query) override;
  std::vector<AttemptSample> attemptsSince(int64_t sinceMs) override;

 private:
  std::mutex mutex_;
  sqlite3* db_ = nullptr;
};

}  // namespace manifold::store
