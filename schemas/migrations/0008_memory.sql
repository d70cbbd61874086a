-- Facts the assistant remembers (host/memory/): per gateway key and, within
-- a key, per end user (OpenAI's `user` field; '' when a request has none).
-- `subject` names the one slot a rule fact fills ('name', 'home'): a new
-- fact for a slot replaces the old one; '' for facts that share no slot.
CREATE TABLE IF NOT EXISTS memory_facts (
  id TEXT PRIMARY KEY,          -- "mem_" + random hex
  key_id TEXT NOT NULL,         -- '' for the master key or an anonymous loopback caller
  end_user TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  source TEXT NOT NULL,         -- api | rule | extractor
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS memory_facts_owner ON memory_facts(key_id, end_user, updated_ms);
-- One fact per slot: a rule's update is one upsert on this index.
CREATE UNIQUE INDEX IF NOT EXISTS memory_facts_slot ON memory_facts(key_id, end_user, subject)
  WHERE subject != '';
