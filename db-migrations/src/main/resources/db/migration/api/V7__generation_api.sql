-- Which inbound API a generation arrived through: chat.completions, messages (Anthropic),
-- completions (legacy prompt) or embeddings. Rows written before this column existed were chat.
ALTER TABLE generations ADD COLUMN api TEXT NOT NULL DEFAULT 'chat.completions'
    CHECK (api IN ('chat.completions', 'messages', 'completions', 'embeddings'));
