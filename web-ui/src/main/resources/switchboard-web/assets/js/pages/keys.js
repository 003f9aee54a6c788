// API keys: create (name, limit, reset period, expiry), the new key shown once with a copy button,
// the list with usage, disable and delete.
import { html, nothing } from '../lib.js';
import { get, post, patch, del } from '../api.js';
import { Page, errorBox, loading, formValues } from '../page.js';
import { usd, when } from '../format.js';

export class KeysPage extends Page {
  get title() {
    return 'API keys';
  }

  async load() {
    this.keys = (await get('/api/v1/keys?include_disabled=true')).data;
  }

  view() {
    return html`
      <h1>API keys</h1>
      <p class="muted">Use a key as the bearer token with any OpenAI or OpenRouter SDK, base URL <code>${location.origin}/api/v1</code>.</p>
      ${errorBox(this.error)}
      ${this.created ? html`<div class="callout secret" role="status" data-testid="new-key">
        <p><strong>Your new key “${this.created.name}”.</strong> Copy it now: it is shown only once.</p>
        <div class="copy-row"><input readonly aria-label="New API key" .value=${this.created.key} data-testid="new-key-value">
          <button @click=${() => this.copy()}>${this.copied ? 'Copied' : 'Copy'}</button></div>
        <button class="link" @click=${() => { this.created = null; this.update(); }}>I have saved it</button>
      </div>` : nothing}
      <section>
        <h2>Create a key</h2>
        <form class="grid" @submit=${(e) => this.create(e)}>
          <label>Name <input name="name" required maxlength="100" placeholder="e.g. production"></label>
          <label>Credit limit (USD, optional) <input name="limit" type="number" min="0" step="0.01"></label>
          <label>Limit resets
            <select name="limit_reset"><option value="">Never</option><option value="daily">Daily</option><option value="weekly">Weekly</option><option value="monthly">Monthly</option></select></label>
          <label>Expires (optional) <input name="expires_at" type="date"></label>
          <button type="submit" ?disabled=${this.busy}>Create key</button>
        </form>
      </section>
      <section>
        <h2>Your keys</h2>
        ${loading(this)}
        ${this.keys?.length === 0 ? html`<p class="muted">No keys yet.</p>` : nothing}
        ${this.keys?.length ? html`<div class="table-wrap"><table data-testid="keys-table">
          <thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Usage</th><th scope="col">Limit</th><th scope="col">Created</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${this.keys.map((k) => html`<tr class="${k.disabled ? 'disabled' : ''}">
            <td>${k.name}</td><td><code>${k.label}</code></td><td>${usd(k.usage)}</td>
            <td>${k.limit === null ? 'none' : html`${usd(k.limit_remaining)} left of ${usd(k.limit)}${k.limit_reset ? ` (${k.limit_reset})` : ''}`}</td>
            <td>${when(k.created_at)}</td><td>${k.expires_at ? when(k.expires_at) : 'never'}</td>
            <td>${k.disabled ? 'disabled' : 'active'}</td>
            <td class="actions">
              <button class="secondary" @click=${() => this.toggle(k)} aria-label="${k.disabled ? 'Enable' : 'Disable'} key ${k.name}">${k.disabled ? 'Enable' : 'Disable'}</button>
              <button class="danger" @click=${() => this.remove(k)} aria-label="Delete key ${k.name}">Delete</button>
            </td></tr>`)}</tbody></table></div>` : nothing}
      </section>`;
  }

  create(event) {
    const v = formValues(event);
    const form = event.target;
    const body = { name: v.name };
    if (v.limit) body.limit = Number(v.limit);
    if (v.limit_reset) body.limit_reset = v.limit_reset;
    if (v.expires_at) body.expires_at = new Date(v.expires_at + 'T23:59:59Z').toISOString();
    this.act(async () => {
      const reply = await post('/api/v1/keys', body);
      this.created = { name: reply.data.name, key: reply.key };
      this.copied = false;
      form.reset();
      await this.load();
    });
  }

  async copy() {
    try {
      await navigator.clipboard.writeText(this.created.key);
    } catch {
      // clipboard refused (no permission, insecure context): select the text for Ctrl-C instead
      this.app.root.querySelector('[data-testid=new-key-value]')?.select();
      document.execCommand?.('copy');
    }
    this.copied = true;
    this.update();
  }

  toggle(key) {
    this.act(async () => {
      await patch(`/api/v1/keys/${key.hash}`, { disabled: !key.disabled });
      await this.load();
    });
  }

  remove(key) {
    if (!confirm(`Delete the key “${key.name}”? Requests using it will fail at once.`)) return;
    this.act(async () => {
      await del(`/api/v1/keys/${key.hash}`);
      await this.load();
    });
  }
}
