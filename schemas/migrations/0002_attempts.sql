-- Every attempt of every chat request, answered, failed or skipped, with why.
-- Only the attempt that answered is billed.
CREATE TABLE IF NOT EXISTS attempts (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id        TEXT    NOT NULL,
  at_ms             INTEGER NOT NULL,
  mode              TEXT    NOT NULL DEFAULT '',
  engine_id         TEXT    NOT NULL,
  key_index         INTEGER NOT NULL DEFAULT 0,
  outcome           TEXT    NOT NULL,
  reason            TEXT    NOT NULL DEFAULT '',
  upstream_status   INTEGER NOT NULL DEFAULT 0,
  latency_ms        INTEGER NOT NULL DEFAULT 0,
  ttft_ms           INTEGER NOT NULL DEFAULT -1,
  billed            INTEGER NOT NULL DEFAULT 0,
  prompt_tokens     INTEGER NOT NULL DEFAULT 0,
  completion_tokens INTEGER NOT NULL DEFAULT 0,
  cached_tokens     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS attempts_by_request ON attempts (request_id);
CREATE INDEX IF NOT EXISTS attempts_by_engine ON attempts (engine_id, at_ms);
