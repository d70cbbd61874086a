-- Tools belong to a key, as tasks do: which gateway tools (toolsets and
-- bridged MCP servers) a key may have run for it, in the tool loop, at
-- /v1/mcp and at /mcp. Patterns as modes name tools ("fx.*", "mcp:srv/*").
ALTER TABLE gateway_keys ADD COLUMN allowed_tools TEXT NOT NULL DEFAULT '[]'; -- JSON array; empty: every tool
