#include "store/SqliteStatement.h"

#include <stdexcept>

namespace manifold::store {

sqlite3* openConnection(const std::string& path, const std::string& what) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    const std::string reason = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error(what + " on \"" + path + "\": " + reason);
  }
  sqlite3_busy_timeout(db, 2000);
  // As the store's own connection (SqliteStore): the file is in WAL mode,
  // where NORMAL syncs at checkpoints rather than at every commit; a crash
  // of the process loses nothing, a power cut at most the last commits.
  // synchronous is a setting of each connection, not of the file.
  sqlite3_exec(db, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
  return db;
}

Statement prepare(sqlite3* db, const char* sql, const std::string& what) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
    throw std::runtime_error(what + ": " + sqlite3_errmsg(db));
  return Statement(statement, sqlite3_finalize);
}

bool nextRow(sqlite3* db, sqlite3_stmt* s, const std::string& what) {
  const int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw std::runtime_error(what + ": " + sqlite3_errmsg(db));
}

void runToEnd(sqlite3* db, sqlite3_stmt* s, const std::string& what) {
  while (nextRow(db, s, what)) {
  }
}

void execute(sqlite3* db, const char* sql, const std::string& what) {
  Statement s = prepare(db, sql, what);
  runToEnd(db, s.get(), what);
}

std::string textAt(sqlite3_stmt* s, int column) {
  const unsigned char* text = sqlite3_column_text(s, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<size_t>(sqlite3_column_bytes(s, column)))
              : std::string();
}

std::optional<std::string> optionalTextAt(sqlite3_stmt* s, int column) {
  if (sqlite3_column_type(s, column) == SQLITE_NULL) return std::nullopt;
  return textAt(s, column);
}

void bindText(sqlite3_stmt* s, int index, std::string_view text) {
  sqlite3_bind_text(s, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void bindOptionalText(sqlite3_stmt* s, int index, const std::optional<std::string>& text) {
  if (text)
    bindText(s, index, *text);
  else
    sqlite3_bind_null(s, index);
}

Transaction::Transaction(sqlite3* db, std::string what) : db_(db), what_(std::move(what)) {
  execute(db_, "BEGIN IMMEDIATE", what_);
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  execute(db_, "COMMIT", what_);
  done_ = true;
}

}  // namespace manifold::store
