// Conversations live in this browser's localStorage only; export and import move them as JSON.
const STORE = 'switchboard.conversations.v1';
const MAX_CONVERSATIONS = 100;

export function loadAll() {
  try {
    const list = JSON.parse(localStorage.getItem(STORE) ?? '[]');
    return Array.isArray(list) ? list.filter(isConversation) : [];
  } catch {
    return [];
  }
}

export function saveAll(list) {
  const kept = [...list].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, MAX_CONVERSATIONS);
  try {
    localStorage.setItem(STORE, JSON.stringify(kept));
  } catch {
    // storage full or disabled: the conversation stays on screen, it just is not kept
  }
}

export function isConversation(c) {
  return c && typeof c.id === 'string' && Array.isArray(c.columns) && Array.isArray(c.turns)
    && c.columns.every((col) => typeof col.model === 'string');
}

export function newConversation(models) {
  return {
    id: crypto.randomUUID(),
    title: 'New conversation',
    createdAt: Date.now(),
    updatedAt: Date.now(),
    columns: models.map((model) => ({ model, system: '', temperature: 1 })),
    turns: [],
  };
}

/** Export: a JSON file a person can keep or import in another browser. */
export function exportFile(conversations) {
  const blob = new Blob([JSON.stringify({ format: 'switchboard-conversations', version: 1, conversations }, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `switchboard-conversations-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Import: merges valid conversations from a file by id; returns how many were imported. */
export async function importFile(file, existing) {
  const parsed = JSON.parse(await file.text());
  const incoming = (Array.isArray(parsed) ? parsed : parsed.conversations ?? []).filter(isConversation);
  if (!incoming.length) throw new Error('That file has no Switchboard conversations in it.');
  const byId = new Map(existing.map((c) => [c.id, c]));
  for (const c of incoming) byId.set(c.id, { ...c, updatedAt: c.updatedAt ?? Date.now() });
  return { all: [...byId.values()], count: incoming.length };
}
