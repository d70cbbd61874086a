#pragma once

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace manifold::store {

/// Small helpers over SQLite's C API for the stores that keep a connection
/// of their own. Errors throw std::runtime_error that starts with `what`.
using Statement = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;

/// Opens an existing database file read-write with a busy timeout; the
/// store's SqliteStore has migrated it first.
sqlite3* openConnection(const std::string& path, const std::string& what);
Statement prepare(sqlite3* db, const char* sql, const std::string& what);
/// Steps once; true while there is a row.
bool nextRow(sqlite3* db, sqlite3_stmt* s, const std::string& what);
/// Steps a prepared statement that returns no rows to its end.
void runToEnd(sqlite3* db, sqlite3_stmt* s, const std::string& what);
/// Prepares and runs a statement that returns no rows.
void execute(sqlite3* db, const char* sql, const std::string& what);

/// BEGIN IMMEDIATE now; ROLLBACK on destruction unless committed, so every
/// early return and throw leaves the database as it was.
class Transaction {
 public:
  Transaction(sqlite3* db, std::string what);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  sqlite3* db_;
  std::string what_;
  bool done_ = false;
};

std::string textAt(sqlite3_stmt* s, int column);
std::optional<std::string> optionalTextAt(sqlite3_stmt* s, int column);
void bindText(sqlite3_stmt* s, int index, std::string_view text);
void bindOptionalText(sqlite3_stmt* s, int index, const std::optional<std::string>& text);

}  // namespace manifold::store
