#include "store/SqliteStore.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Timestamp.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
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

void SqliteStore::writeAttempts(const std::vector<AttemptRecord>& batch) {
  std::lock_guard<std::mutex> lock(mutex_);
  sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(*session_);
  sqlite3_stmt* insert = nullptr;
  const char* sql =
      "INSERT INTO attempts(request_id, at_ms, mode, engine_id, key_index, outcome, reason, "
      "upstream_status, latency_ms, ttft_ms, billed, prompt_tokens, completion_tokens, "
      "cached_tokens, key_id, model, cache_write_tokens, reasoning_tokens, usage_known, cost_usd) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  if (sqlite3_prepare_v2(db, sql, -1, &insert, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("cannot prepare attempt insert: ") + sqlite3_errmsg(db));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(insert, sqlite3_finalize);
  execScript(db, "BEGIN;", "cannot begin attempt batch");
  // A failed row fails the batch: it is rolled back whole and counted as lost
  // by the writer, never half written.
  std::string failure;
  for (const AttemptRecord& r : batch) {
    auto text = [&](int i, const std::string& s) {
      sqlite3_bind_text(insert, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    };
    text(1, r.requestId);
    sqlite3_bind_int64(insert, 2, r.atMs);
    text(3, r.mode);
    text(4, r.engineId);
    sqlite3_bind_int(insert, 5, r.keyIndex);
    text(6, r.outcome);
    text(7, r.reason);
    sqlite3_bind_int(insert, 8, r.upstreamStatus);
    sqlite3_bind_int64(insert, 9, r.latencyMs);
    sqlite3_bind_int64(insert, 10, r.ttftMs);
    sqlite3_bind_int(insert, 11, r.billed ? 1 : 0);
    sqlite3_bind_int64(insert, 12, r.promptTokens);
    sqlite3_bind_int64(insert, 13, r.completionTokens);
    sqlite3_bind_int64(insert, 14, r.cachedTokens);
    text(15, r.keyId);
    text(16, r.model);
    sqlite3_bind_int64(insert, 17, r.cacheWriteTokens);
    sqlite3_bind_int64(insert, 18, r.reasoningTokens);
    sqlite3_bind_int(insert, 19, r.usageKnown ? 1 : 0);
    if (r.costUsd)
      sqlite3_bind_double(insert, 20, *r.costUsd);
    else
      sqlite3_bind_null(insert, 20);
    const int rc = sqlite3_step(insert);
    sqlite3_reset(insert);
    if (rc != SQLITE_DONE) {
      failure = std::string("cannot insert attempt: ") + sqlite3_errstr(rc);
      break;
    }
  }
  if (failure.empty() && sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr) != SQLITE_OK)
    failure = std::string("cannot commit attempt batch: ") + sqlite3_errmsg(db);
  if (!failure.empty()) {
    sqlite3_exec(db, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw std::runtime_error(failure);
  }
}

}  // namespace manifold::store
