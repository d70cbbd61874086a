#include "store/SqliteStore.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Timestamp.h>
#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

#include "store/Migrations.h"

namespace manifold::store {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

int64_t nowMs() {
  return Poco::Timestamp().epochMicroseconds() / 1000;
}

void execScript(sqlite3* db, std::string_view sql, const std::string& what) {
  char* message = nullptr;
  if (sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string reason = message ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error(what + ": " + reason);
  }
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path) {
  // SQLite would only report a missing folder after Poco's connect retries.
  const std::filesystem::path parent = std::filesystem::absolute(path).parent_path();
  if (!std::filesystem::is_directory(parent))
    throw std::runtime_error("store folder \"" + parent.string() +
                             "\" does not exist (store.sqlite_path)");
  Poco::Data::SQLite::Connector::registerConnector();
  session_ = std::make_unique<Poco::Data::Session>("SQLite", path, 5);
  sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(*session_);
  execScript(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
             "cannot configure SQLite store \"" + path + "\"");
  migrate();
}

SqliteStore::~SqliteStore() = default;

void SqliteStore::migrate() {
  sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(*session_);
  execScript(db,
             "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
             "NOT NULL, applied_at_ms INTEGER NOT NULL);",
             "cannot create schema_migrations");
  const int current = schemaVersion();
  for (const Migration& m : migrations()) {
    if (m.version <= current) continue;
    execScript(db, "BEGIN IMMEDIATE;", "cannot begin migration");
    try {
      execScript(db, m.sql, "migration " + std::string(m.name) + " failed");
      int version = m.version;
      std::string name(m.name);
      int64_t at = nowMs();
      *session_ << "INSERT INTO schema_migrations(version, name, applied_at_ms) VALUES(?, ?, ?)",
          use(version), use(name), use(at), now;
      execScript(db, "COMMIT;", "cannot commit migration");
    } catch (...) {
      execScript(db, "ROLLBACK;", "cannot roll back migration");
      throw;
    }
  }
}

int SqliteStore::schemaVersion() {
  int version = 0;
  *session_ << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(version), now;
  return version;
}

std::optional<std::string> SqliteStore::get(const std::string& space, const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Poco::Data::BLOB> values;  // BLOB, not string: values may hold NUL bytes
  int64_t at = nowMs();
  std::string ns = space, k = key;
  *session_ << "SELECT value FROM plugin_kv WHERE namespace = ? AND key = ? AND (expires_at_ms = 0 "
               "OR expires_at_ms > ?)",
      use(ns), use(k), use(at), into(values), now;
  if (values.empty()) return std::nullopt;
  const Poco::Data::BLOB& blob = values.front();
  return std::string(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
}

void SqliteStore::put(const std::string& space, const std::string& key, const std::string& value,
                      int64_t ttlMs) {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t expires = ttlMs > 0 ? nowMs() + ttlMs : 0;
  std::string ns = space, k = key;
  Poco::Data::BLOB v(reinterpret_cast<const unsigned char*>(value.data()), value.size());
  *session_ << "INSERT INTO plugin_kv(namespace, key, value, expires_at_ms) VALUES(?, ?, ?, ?) "
               "ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value, expires_at_ms = "
               "excluded.expires_at_ms",
      use(ns), use(k), use(v), use(expires), now;
}

void SqliteStore::remove(const std::string& space, const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string ns = space, k = key;
  *session_ << "DELETE FROM plugin_kv WHERE namespace = ? AND key = ?", use(ns), use(k), now;
}

}  // namespace manifold::store
