// One model: its endpoints (provider, price, context, quantization, uptime, latency, throughput)
// and a ready-to-copy code sample.
import { html, nothing } from '../lib.js';
import { get } from '../api.js';
import { Page, errorBox, loading } from '../page.js';
import { pricePerMillion, tokens, percent, ms, when } from '../format.js';

/** Median tokens per second over the last 30 minutes (OpenRouter gives percentiles or one number). */
function throughput(value) {
  const n = value?.p50 ?? value;
  return n === null || n === undefined ? '—' : `${Number(n).toFixed(1)} tok/s`;
}

export class ModelPage extends Page {
  static needsLogin = false;

  get title() {
    return this.model?.name ?? `${this.params.author}/${this.params.slug}`;
  }

  async load() {
    const { author, slug } = this.params;
    this.model = (await get(`/api/v1/models/${encodeURIComponent(author)}/${encodeURIComponent(slug)}/endpoints`)).data;
  }

  sample() {
    return `curl ${location.origin}/api/v1/chat/completions \\
  -H "Authorization: Bearer $SWITCHBOARD_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "${this.model.id}",
    "messages": [{"role": "user", "content": "Hello!"}]
  }'

# or with the OpenAI Python SDK
from openai import OpenAI
client = OpenAI(base_url="${location.origin}/api/v1", api_key=SWITCHBOARD_API_KEY)
reply = client.chat.completions.create(model="${this.model.id}",
    messages=[{"role": "user", "content": "Hello!"}])`;
  }

  view() {
    const m = this.model;
    if (!m) return html`<h1>${this.title}</h1>${loading(this)}${errorBox(this.error)}`;
    const sample = this.sample();
    return html`
      <p><a href="/models">← All models</a></p>
      <h1>${m.name ?? m.id}</h1>
      <p><code>${m.id}</code> ${m.created ? html`· added ${when(m.created)}` : nothing}</p>
      ${m.description ? html`<p class="description">${m.description}</p>` : nothing}
      <p><a class="button" href="/chat?model=${encodeURIComponent(m.id)}">Try it in the chat</a></p>
      <h2>Endpoints</h2>
      <div class="table-wrap"><table data-testid="endpoints">
        <thead><tr><th scope="col">Provider</th><th scope="col">Input</th><th scope="col">Output</th><th scope="col">Context</th><th scope="col">Quantization</th><th scope="col">Uptime (30 min)</th><th scope="col">Latency</th><th scope="col">Throughput</th></tr></thead>
        <tbody>${(m.endpoints ?? []).map((e) => html`<tr>
          <td>${e.provider_name}${e.tag && e.tag !== e.provider_name ? html` <small class="muted">${e.tag}</small>` : nothing}</td>
          <td>${pricePerMillion(e.pricing?.prompt)}</td><td>${pricePerMillion(e.pricing?.completion)}</td>
          <td>${tokens(e.context_length)}</td><td>${e.quantization ?? '—'}</td>
          <td>${percent(e.uptime_last_30m)}</td>
          <td>${ms(e.latency_last_30m?.p50 ?? e.latency_last_30m)}</td>
          <td>${throughput(e.throughput_last_30m)}</td></tr>`)}</tbody>
      </table></div>
      <h2>Code sample</h2>
      <div class="code-sample"><pre><code>${sample}</code></pre>
        <button class="secondary" @click=${async () => { await navigator.clipboard?.writeText(sample).catch(() => {}); this.copied = true; this.update(); }}>${this.copied ? 'Copied' : 'Copy'}</button></div>`;
  }
}
