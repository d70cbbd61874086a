#include "AttemptRows.h"

#include <sqlite3.h>

#include <stdexcept>

namespace manifold::test {

std::vector<AttemptRow> readAttempts(const std::string& sqlitePath) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(sqlitePath.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + sqlitePath);
  }
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT engine_id, outcome, reason, key_id, model, billed, usage_known, "
                     "prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens, "
                     "reasoning_tokens, cost_usd FROM attempts ORDER BY id",
                     -1, &s, nullptr);
  std::vector<AttemptRow> rows;
  auto text = [&](int i) {
    const unsigned char* t = sqlite3_column_text(s, i);
    return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
  };
  while (s && sqlite3_step(s) == SQLITE_ROW) {
    AttemptRow r;
    r.engineId = text(0);
    r.outcome = text(1);
    r.reason = text(2);
    r.keyId = text(3);
    r.model = text(4);
    r.billed = sqlite3_column_int(s, 5) != 0;
    r.usageKnown = sqlite3_column_int(s, 6) != 0;
    r.promptTokens = sqlite3_column_int64(s, 7);
    r.completionTokens = sqlite3_column_int64(s, 8);
    r.cachedTokens = sqlite3_column_int64(s, 9);
    r.cacheWriteTokens = sqlite3_column_int64(s, 10);
    r.reasoningTokens = sqlite3_column_int64(s, 11);
    if (sqlite3_column_type(s, 12) != SQLITE_NULL) r.costUsd = sqlite3_column_double(s, 12);
    rows.push_back(r);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rows;
}

}  // namespace manifold::test
