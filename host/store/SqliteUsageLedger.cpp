#include "store/SqliteUsageLedger.h"

#include "store/SqliteStatement.h"

namespace manifold::store {
namespace {

const std::string kWhat = "cannot read usage";

}  // namespace

SqliteUsageLedger::SqliteUsageLedger(const std::string& path)
    : db_(openConnection(path, "cannot open usage reader")) {}

SqliteUsageLedger::~SqliteUsageLedger() {
  sqlite3_close(db_);
}

std::vector<UsageRow> SqliteUsageLedger::usage(const UsageQuery& query) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement s = prepare(
      db_,
      "SELECT key_id, strftime('%Y-%m-%d', at_ms / 1000, 'unixepoch') AS day, model, COUNT(*), "
      "SUM(prompt_tokens), SUM(completion_tokens), SUM(cached_tokens), SUM(cache_write_tokens), "
      "SUM(reasoning_tokens), TOTAL(cost_usd), SUM(cost_usd IS NULL) FROM attempts "
      "WHERE billed = 1 AND at_ms >= ?1 AND at_ms < ?2 AND (?3 IS NULL OR key_id = ?3) "
      "GROUP BY key_id, day, model ORDER BY key_id, day, model",
      kWhat);
  sqlite3_bind_int64(s.get(), 1, query.fromMs);
  sqlite3_bind_int64(s.get(), 2, query.toMs);
  if (query.keyId)
    bindText(s.get(), 3, *query.keyId);
  else
    sqlite3_bind_null(s.get(), 3);
  std::vector<UsageRow> rows;
  while (nextRow(db_, s.get(), kWhat)) {
    UsageRow r;
    r.keyId = textAt(s.get(), 0);
    r.day = textAt(s.get(), 1);
    r.model = textAt(s.get(), 2);
    r.requests = sqlite3_column_int64(s.get(), 3);
    r.promptTokens = sqlite3_column_int64(s.get(), 4);
    r.completionTokens = sqlite3_column_int64(s.get(), 5);
    r.cachedTokens = sqlite3_column_int64(s.get(), 6);
    r.cacheWriteTokens = sqlite3_column_int64(s.get(), 7);
    r.reasoningTokens = sqlite3_column_int64(s.get(), 8);
    r.costUsd = sqlite3_column_double(s.get(), 9);
    r.unknownCostRequests = sqlite3_column_int64(s.get(), 10);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<AttemptSample> SqliteUsageLedger::attemptsSince(int64_t sinceMs) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement s = prepare(db_,
                        "SELECT engine_id, outcome, at_ms, latency_ms, ttft_ms, billed, cost_usd "
                        "FROM attempts WHERE at_ms >= ?1 AND outcome <> 'skipped' ORDER BY at_ms",
                        kWhat);
  sqlite3_bind_int64(s.get(), 1, sinceMs);
  std::vector<AttemptSample> samples;
  while (nextRow(db_, s.get(), kWhat)) {
    AttemptSample a;
    a.engineId = textAt(s.get(), 0);
    a.outcome = textAt(s.get(), 1);
    a.atMs = sqlite3_column_int64(s.get(), 2);
    a.latencyMs = sqlite3_column_int64(s.get(), 3);
    a.ttftMs = sqlite3_column_int64(s.get(), 4);
    a.billed = sqlite3_column_int(s.get(), 5) != 0;
    if (sqlite3_column_type(s.get(), 6) != SQLITE_NULL)
      a.costUsd = sqlite3_column_double(s.get(), 6);
    samples.push_back(std::move(a));
  }
  return samples;
}

}  // namespace manifold::store
