-- Usage and cost per attempt: whose key, every token count, and what it cost.
-- model is the price-table key ("groq/llama-3.3-70b-versatile"). cost_usd is
-- NULL when it is unknown (the model has no price, or the provider reported no
-- usage) and for every attempt not billed; it is never 0 for "unknown".
ALTER TABLE attempts ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE attempts ADD COLUMN model TEXT NOT NULL DEFAULT '';
ALTER TABLE attempts ADD COLUMN cache_write_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN reasoning_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN usage_known INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN cost_usd REAL;
-- /v1/usage and /admin/usage read by key and time; /admin/health by time.
CREATE INDEX IF NOT EXISTS attempts_by_key ON attempts (key_id, at_ms);
CREATE INDEX IF NOT EXISTS attempts_by_time ON attempts (at_ms);
