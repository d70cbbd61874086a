-- Gateway keys: virtual keys made by the operator, kept only as SHA-256
-- hashes of their secrets. The secret itself is shown once, at creation.
CREATE TABLE IF NOT EXISTS gateway_keys (
  id                 TEXT    PRIMARY KEY,
  name               TEXT    NOT NULL,
  secret_sha256      TEXT    NOT NULL UNIQUE,
  secret_hint        TEXT    NOT NULL,      -- the first characters, to tell keys apart
  created_at_ms      INTEGER NOT NULL,
  expires_at_ms      INTEGER NOT NULL DEFAULT 0,   -- 0: never
  revoked_at_ms      INTEGER NOT NULL DEFAULT 0,   -- 0: live
  allowed_modes      TEXT    NOT NULL DEFAULT '[]', -- JSON array; empty: every mode
  allowed_engines    TEXT    NOT NULL DEFAULT '[]', -- JSON array; empty: every engine
  rpm                INTEGER NOT NULL DEFAULT 0,    -- 0: no limit
  tpm                INTEGER NOT NULL DEFAULT 0,
  max_concurrent     INTEGER NOT NULL DEFAULT 0,
  daily_budget_usd   REAL,                          -- NULL: no budget
  monthly_budget_usd REAL
);
