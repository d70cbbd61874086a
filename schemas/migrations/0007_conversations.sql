-- Conversations the gateway carries on (POST /api/chat conversation_id, the
-- x-manifold-conversation header). A conversation belongs to the gateway key
-- that started it ('' for the operator or an anonymous loopback caller) and is
-- visible to that key alone.
CREATE TABLE IF NOT EXISTS conversations (
  id            TEXT    PRIMARY KEY,           -- "conv_" + 24 hex digits
  key_id        TEXT    NOT NULL DEFAULT '',
  end_user      TEXT    NOT NULL DEFAULT '',   -- the OpenAI "user" field of its first turn
  title         TEXT    NOT NULL DEFAULT '',   -- the first user message, cut
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_by_key ON conversations (key_id, created_at_ms);

-- Its canonical messages in order. One turn is the client's new messages
-- (user, or the client's own tool results), then the answer: assistant
-- messages (text, tool calls) and the results of the gateway's tools. A turn
-- is written whole, in one transaction, with the status it ended with; a
-- failed turn is kept for the record and never sent as history.
CREATE TABLE IF NOT EXISTS conversation_messages (
  conversation_id TEXT    NOT NULL,            -- deleted with its conversation, in one transaction
  seq             INTEGER NOT NULL,            -- 1, 2, ... within the conversation
  turn            INTEGER NOT NULL,            -- 1, 2, ... within the conversation
  role            TEXT    NOT NULL,            -- user|assistant|tool
  mode            TEXT    NOT NULL DEFAULT '', -- the mode that answered the turn ('' for an engine)
  engine          TEXT    NOT NULL DEFAULT '', -- the engine that answered ('' when none did)
  status          TEXT    NOT NULL,            -- complete|failed
  message         TEXT    NOT NULL,            -- JSON: a canonical request message
  created_at_ms   INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
