// The chat: one prompt to one to four models at once, streamed side by side, with provider, tokens,
// cost, time to first token and throughput under each answer. It calls the public chat API with the
// session (no key to paste), so every answer is charged like any other request.
import { html, nothing, live } from '../lib.js';
import { get, ApiError } from '../api.js';
import { streamChat } from '../sse.js';
import { markdown } from '../markdown.js';
import { Page, errorBox } from '../page.js';
import { usd, ms, integer } from '../format.js';
import { loadAll, saveAll, newConversation, exportFile, importFile } from '../conversations.js';

const MAX_COLUMNS = 4;
const DEFAULT_MODELS = ['sim/lynx-mini', 'sim/lynx-pro'];

/** Figures shown under an answer, from the stream's timings and its final usage chunk. */
export function answerStats(answer) {
  const s = answer.stats ?? {};
  const generationMs = s.endAt && s.firstTokenAt ? s.endAt - s.firstTokenAt : null;
  const completion = s.usage?.completion_tokens;
  return {
    provider: s.provider ?? '—',
    tokens: s.usage ? `${integer(s.usage.prompt_tokens)} in · ${integer(completion)} out` : '—',
    cost: s.usage?.cost !== undefined ? usd(s.usage.cost) : '—',
    ttft: s.firstTokenAt ? ms(s.firstTokenAt - s.startAt) : '—',
    speed: completion && generationMs > 0 ? `${(completion / (generationMs / 1000)).toFixed(1)} tok/s` : '—',
  };
}

export class ChatPage extends Page {
  get title() {
    return 'Chat';
  }

  async load() {
    this.conversations = loadAll();
    this.running = new Map(); // column index → AbortController
    const wanted = this.query.get('model');
    try {
      this.models = ((await get('/api/v1/models')).data ?? []).map((m) => m.id).sort();
    } catch (e) {
      this.models = [];
      this.fail(e);
    }
    const defaults = DEFAULT_MODELS.filter((m) => this.models.includes(m));
    const initial = wanted ? [wanted, ...defaults.filter((m) => m !== wanted)].slice(0, 2) : defaults.length ? defaults : this.models.slice(0, 2);
    this.conversation = this.conversations[0] && !wanted ? this.conversations[0] : newConversation(initial);
    this.prompt = '';
  }

  leave() {
    this.stopAll();
  }

  get streaming() {
    return this.running.size > 0;
  }

  scheduleUpdate() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.update();
    });
  }

  persist() {
    const c = this.conversation;
    if (!c.turns.length) return;
    c.updatedAt = Date.now();
    c.title = c.turns[0].prompt.slice(0, 60);
    this.conversations = [c, ...this.conversations.filter((x) => x.id !== c.id)];
    saveAll(this.conversations);
  }

  /** The messages one column sends: its system prompt, the earlier turns with its own answers, the new prompt. */
  messagesFor(columnIndex, prompt) {
    const col = this.conversation.columns[columnIndex];
    const messages = col.system.trim() ? [{ role: 'system', content: col.system }] : [];
    for (const turn of this.conversation.turns.slice(0, -1)) {
      messages.push({ role: 'user', content: turn.prompt });
      const answer = turn.answers[columnIndex];
      if (answer?.content) messages.push({ role: 'assistant', content: answer.content });
    }
    messages.push({ role: 'user', content: prompt });
    return messages;
  }

  send(event) {
    event?.preventDefault();
    const prompt = this.prompt.trim();
    if (!prompt || this.streaming) return;
    const c = this.conversation;
    const turn = { prompt, answers: c.columns.map((col) => ({ model: col.model, content: '', reasoning: '', status: 'waiting', stats: {} })) };
    c.turns.push(turn);
    this.prompt = '';
    this.error = null;
    c.columns.forEach((col, i) => this.stream(i, turn.answers[i]));
    this.update();
  }

  async stream(index, answer) {
    const col = this.conversation.columns[index];
    const controller = new AbortController();
    this.running.set(index, controller);
    answer.stats.startAt = performance.now();
    try {
      await streamChat({ model: col.model, messages: this.messagesFor(index, this.conversation.turns.at(-1).prompt), temperature: Number(col.temperature) }, {
        signal: controller.signal,
        onEvent: (chunk) => this.receive(answer, chunk),
      });
      if (answer.status !== 'error') answer.status = 'done';
    } catch (e) {
      if (e.name === 'AbortError') {
        answer.status = 'stopped';
      } else {
        answer.status = 'error';
        answer.error = e instanceof ApiError ? e : new ApiError(0, 'The stream broke off: ' + e.message);
      }
    } finally {
      answer.stats.endAt = answer.stats.endAt ?? performance.now();
      this.running.delete(index);
      this.persist();
      this.update();
    }
  }

  receive(answer, chunk) {
    const s = answer.stats;
    if (chunk.provider) s.provider = chunk.provider;
    if (chunk.id) s.generationId = chunk.id;
    const choice = chunk.choices?.[0];
    const delta = choice?.delta ?? {};
    const text = delta.content ?? '';
    const thought = delta.reasoning ?? '';
    if ((text || thought) && !s.firstTokenAt) s.firstTokenAt = performance.now();
    if (text || thought) {
      answer.content += text;
      answer.reasoning += thought;
      answer.status = 'streaming';
      s.endAt = performance.now();
    }
    if (choice?.finish_reason === 'error' || chunk.error) {
      answer.status = 'error';
      answer.error = new ApiError(chunk.error?.code ?? 502, chunk.error?.message ?? 'The model stopped with an error.');
    }
    if (chunk.usage) s.usage = chunk.usage;
    this.scheduleUpdate();
  }

  stop(index) {
    this.running.get(index)?.abort();
  }

  stopAll() {
    for (const controller of this.running.values()) controller.abort();
  }

  setColumn(index, field, value) {
    this.conversation.columns[index][field] = value;
    this.update();
  }

  addColumn() {
    const used = this.conversation.columns.map((c) => c.model);
    const next = this.models.find((m) => !used.includes(m)) ?? this.models[0];
    this.conversation.columns.push({ model: next, system: '', temperature: 1 });
    this.conversation.turns.forEach((t) => t.answers.push({ model: next, content: '', status: 'absent', stats: {} }));
    this.update();
  }

  removeColumn(index) {
    this.conversation.columns.splice(index, 1);
    this.conversation.turns.forEach((t) => t.answers.splice(index, 1));
    this.update();
  }

  open(conversation) {
    this.stopAll();
    this.conversation = conversation;
    this.update();
  }

  startNew() {
    this.stopAll();
    this.conversation = newConversation(this.conversation.columns.map((c) => c.model));
    this.update();
  }

  remove(conversation) {
    this.conversations = this.conversations.filter((c) => c.id !== conversation.id);
    saveAll(this.conversations);
    if (this.conversation.id === conversation.id) this.startNew();
    this.update();
  }

  async importConversations(event) {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      const { all, count } = await importFile(file, this.conversations);
      this.conversations = all;
      saveAll(all);
      this.notice = `Imported ${count} conversation${count === 1 ? '' : 's'}.`;
    } catch (e) {
      this.error = new ApiError(0, e instanceof SyntaxError ? 'That file is not valid JSON.' : e.message);
    }
    event.target.value = '';
    this.update();
  }

  view() {
    const c = this.conversation;
    if (!c) return html`<h1>Chat</h1>${errorBox(this.error)}`;
    return html`
      <div class="chat-layout">
        <aside class="history" aria-label="Conversations">
          <button class="secondary" @click=${() => this.startNew()}>New conversation</button>
          <ul>${this.conversations.map((x) => html`<li class="${x.id === c.id ? 'current' : ''}">
            <button class="link" @click=${() => this.open(x)} aria-current="${x.id === c.id}">${x.title}</button>
            <button class="link danger" aria-label="Delete conversation ${x.title}" @click=${() => this.remove(x)}>×</button></li>`)}</ul>
          <div class="io">
            <button class="secondary" ?disabled=${!this.conversations.length} @click=${() => exportFile(this.conversations)}>Export</button>
            <label class="button secondary">Import<input type="file" accept="application/json,.json" class="visually-hidden" @change=${(e) => this.importConversations(e)}></label>
          </div>
          ${this.notice ? html`<p class="ok" role="status">${this.notice}</p>` : nothing}
        </aside>
        <section class="chat">
          <h1 class="visually-hidden">Chat</h1>
          ${errorBox(this.error)}
          <datalist id="model-ids">${this.models.map((m) => html`<option value="${m}"></option>`)}</datalist>
          <div class="columns columns-${c.columns.length}">
            ${c.columns.map((col, i) => this.column(col, i))}
          </div>
          <form class="composer" @submit=${(e) => this.send(e)}>
            <label for="prompt" class="visually-hidden">Message</label>
            <textarea id="prompt" rows="3" placeholder="Ask all ${c.columns.length} model${c.columns.length === 1 ? '' : 's'}… (Ctrl+Enter sends)"
              .value=${live(this.prompt)} @input=${(e) => { this.prompt = e.target.value; }}
              @keydown=${(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) this.send(e); }}></textarea>
            <div class="composer-actions">
              ${c.columns.length < MAX_COLUMNS ? html`<button type="button" class="secondary" ?disabled=${this.streaming} @click=${() => this.addColumn()}>Add model</button>` : nothing}
              ${this.streaming
                ? html`<button type="button" class="danger" @click=${() => this.stopAll()}>Stop all</button>`
                : html`<button type="submit">Send</button>`}
            </div>
          </form>
        </section>
      </div>`;
  }

  column(col, i) {
    const running = this.running.has(i);
    return html`<article class="column" data-testid="column-${i}" aria-label="Answers from ${col.model}">
      <header>
        <label>Model <input list="model-ids" .value=${live(col.model)} ?disabled=${this.streaming}
          @change=${(e) => this.setColumn(i, 'model', e.target.value.trim())}></label>
        <details>
          <summary>Settings</summary>
          <label>System prompt <textarea rows="2" .value=${live(col.system)} @input=${(e) => { col.system = e.target.value; }}></textarea></label>
          <label>Temperature <span class="muted">${Number(col.temperature).toFixed(1)}</span>
            <input type="range" min="0" max="2" step="0.1" .value=${live(String(col.temperature))} @input=${(e) => this.setColumn(i, 'temperature', Number(e.target.value))}></label>
        </details>
        <div class="column-actions">
          ${running ? html`<button class="danger" aria-label="Stop ${col.model}" @click=${() => this.stop(i)}>Stop</button>` : nothing}
          ${this.conversation.columns.length > 1 && !this.streaming ? html`<button class="link" aria-label="Remove ${col.model}" @click=${() => this.removeColumn(i)}>Remove</button>` : nothing}
        </div>
      </header>
      ${this.conversation.turns.map((turn) => this.answer(turn, turn.answers[i]))}
    </article>`;
  }

  answer(turn, answer) {
    if (!answer || answer.status === 'absent') return nothing;
    const st = answerStats(answer);
    return html`<div class="turn">
      <p class="prompt"><span class="visually-hidden">You: </span>${turn.prompt}</p>
      ${answer.reasoning ? html`<details class="reasoning"><summary>Reasoning</summary><p>${answer.reasoning}</p></details>` : nothing}
      <div class="answer markdown" data-testid="answer" data-status="${answer.status}" data-generation-id="${answer.stats.generationId ?? ''}" aria-live="polite" aria-busy="${answer.status === 'streaming' || answer.status === 'waiting'}">
        ${answer.content ? markdown(answer.content) : answer.status === 'waiting' ? html`<span class="muted">Waiting for the first token…</span>` : nothing}
      </div>
      ${answer.error ? errorBox(answer.error) : nothing}
      ${answer.status === 'stopped' ? html`<p class="muted">Stopped.</p>` : nothing}
      <dl class="stats" data-testid="stats">
        <div><dt>Provider</dt><dd>${st.provider}</dd></div>
        <div><dt>Tokens</dt><dd>${st.tokens}</dd></div>
        <div><dt>Cost</dt><dd data-testid="cost">${st.cost}</dd></div>
        <div><dt>First token</dt><dd>${st.ttft}</dd></div>
        <div><dt>Speed</dt><dd>${st.speed}</dd></div>
      </dl>
    </div>`;
  }
}
