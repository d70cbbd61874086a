-- Long-running tasks handed to dispatchers (Manus, sibling services). A task
-- belongs to the gateway key that created it ('' for the operator or an
-- anonymous loopback caller) and is visible to that key alone.
CREATE TABLE IF NOT EXISTS tasks (
  id             TEXT    PRIMARY KEY,           -- "task_" + 16 hex digits
  owner_key_id   TEXT    NOT NULL DEFAULT '',
  dispatcher     TEXT    NOT NULL,              -- the dispatcher plugin's instance id
  service        TEXT    NOT NULL DEFAULT '',   -- a sibling service, or ''
  intent         TEXT    NOT NULL DEFAULT '',
  remote_id      TEXT    NOT NULL DEFAULT '',   -- the task's id at the remote service
  input          TEXT    NOT NULL,              -- JSON: the canonical request or input
  metadata       TEXT    NOT NULL DEFAULT '{}', -- JSON object from the client
  webhook_url    TEXT    NOT NULL DEFAULT '',   -- where the client wants state changes
  state          TEXT    NOT NULL,              -- queued|running|waiting_input|succeeded|failed|cancelled
  progress       TEXT    NOT NULL DEFAULT '',   -- the latest progress note
  result         TEXT,                          -- JSON, once succeeded
  error          TEXT,                          -- JSON {code, message}, once failed
  created_at_ms  INTEGER NOT NULL,
  updated_at_ms  INTEGER NOT NULL,
  finished_at_ms INTEGER NOT NULL DEFAULT 0     -- 0: not finished
);
CREATE INDEX IF NOT EXISTS tasks_by_owner ON tasks (owner_key_id, created_at_ms);
CREATE INDEX IF NOT EXISTS tasks_by_remote ON tasks (dispatcher, remote_id);

-- Every change of a task, in order: what GET /v1/tasks/{id}/events streams,
-- and where a client resumes from (Last-Event-ID is seq).
CREATE TABLE IF NOT EXISTS task_events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id    TEXT    NOT NULL,
  type       TEXT    NOT NULL,                  -- state|progress|result
  data       TEXT    NOT NULL,                  -- JSON
  at_ms      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS task_events_by_task ON task_events (task_id, seq);

-- Webhook ids already applied, per dispatcher: a replayed delivery is
-- refused, across restarts too.
CREATE TABLE IF NOT EXISTS webhook_seen (
  dispatcher TEXT    NOT NULL,
  webhook_id TEXT    NOT NULL,
  seen_at_ms INTEGER NOT NULL,
  PRIMARY KEY (dispatcher, webhook_id)
);
