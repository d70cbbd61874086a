-- Plugin key-value store: one namespace per plugin id.
CREATE TABLE IF NOT EXISTS plugin_kv (
  namespace     TEXT    NOT NULL,
  key           TEXT    NOT NULL,
  value         BLOB    NOT NULL,
  expires_at_ms INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (namespace, key)
);
