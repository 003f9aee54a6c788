// Bring your own key: a provider key is stored encrypted and shown only masked; priority decides
// whether it is tried before the platform's keys, after them, or always.
import { html, nothing } from '../lib.js';
import { get, post, patch, del, isMissingFeature } from '../api.js';
import { Page, errorBox, loading, formValues } from '../page.js';
import { when } from '../format.js';

// Switchboard's `priority` (OpenRouter has only is_fallback); the body sends both so either reads it.
const PRIORITIES = {
  prioritized: { label: 'Prioritised — use my key first, then the platform', body: { priority: 'prioritized', is_fallback: false } },
  fallback: { label: 'Fallback — use the platform first, my key if it fails', body: { priority: 'fallback', is_fallback: true } },
  always: { label: 'Always use — only my key for this provider', body: { priority: 'always', is_fallback: false } },
};

function priorityOf(key) {
  if (key.priority in PRIORITIES) return key.priority;
  return key.is_fallback ? 'fallback' : 'prioritized';
}

export class ByokPage extends Page {
  get title() {
    return 'Bring your own key';
  }

  async load() {
    try {
      this.keys = (await get('/api/v1/byok')).data ?? [];
      this.available = true;
    } catch (e) {
      if (!isMissingFeature(e)) throw e;
      this.available = false;
    }
    try {
      this.providers = ((await get('/api/v1/providers')).data ?? []).map((p) => ({ slug: p.slug, name: p.name })).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      this.providers = [];
    }
  }

  view() {
    return html`
      <h1>Bring your own key</h1>
      <p class="muted">Requests to a provider use your own key for it; you pay only the BYOK fee to Switchboard.</p>
      ${loading(this)}${errorBox(this.error)}
      ${this.available === false ? html`<p class="callout">This server does not offer bring-your-own-key yet.</p>` : nothing}
      ${this.available ? html`
        <section>
          <h2>Add a provider key</h2>
          <form class="grid" @submit=${(e) => this.add(e)}>
            <label>Provider <select name="provider" required>
              <option value="">Choose…</option>
              ${this.providers.map((p) => html`<option value="${p.slug}">${p.name}</option>`)}</select></label>
            <label>Name (optional) <input name="name" maxlength="100"></label>
            <label>Key <input name="key" type="password" autocomplete="off" required></label>
            <label>Priority <select name="priority">
              ${Object.entries(PRIORITIES).map(([value, p]) => html`<option value="${value}">${p.label}</option>`)}</select></label>
            <button type="submit" ?disabled=${this.busy}>Save key</button>
          </form>
        </section>
        <section>
          <h2>Your provider keys</h2>
          ${this.keys.length === 0 ? html`<p class="muted">No provider keys yet.</p>` : html`<div class="table-wrap"><table>
            <thead><tr><th scope="col">Provider</th><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Priority</th><th scope="col">Added</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>${this.keys.map((k) => html`<tr>
              <td>${k.provider}</td><td>${k.name ?? '—'}</td><td><code>${k.label}</code></td>
              <td><label class="visually-hidden" for="prio-${k.id}">Priority of ${k.provider} key</label>
                <select id="prio-${k.id}" @change=${(e) => this.setPriority(k, e.target.value)}>
                ${Object.entries(PRIORITIES).map(([value, p]) => html`<option value="${value}" ?selected=${priorityOf(k) === value}>${p.label.split(' — ')[0]}</option>`)}</select></td>
              <td>${when(k.created_at)}</td>
              <td><button class="danger" @click=${() => this.remove(k)} aria-label="Delete ${k.provider} key">Delete</button></td></tr>`)}</tbody>
          </table></div>`}
        </section>` : nothing}`;
  }

  add(event) {
    const v = formValues(event);
    const form = event.target;
    this.act(async () => {
      await post('/api/v1/byok', { provider: v.provider, name: v.name || null, key: v.key, ...PRIORITIES[v.priority].body });
      form.reset();
      await this.load();
    });
  }

  setPriority(key, priority) {
    this.act(async () => {
      await patch(`/api/v1/byok/${encodeURIComponent(key.id)}`, PRIORITIES[priority].body);
      await this.load();
    });
  }

  remove(key) {
    if (!confirm(`Delete your ${key.provider} key?`)) return;
    this.act(async () => {
      await del(`/api/v1/byok/${encodeURIComponent(key.id)}`);
      await this.load();
    });
  }
}
