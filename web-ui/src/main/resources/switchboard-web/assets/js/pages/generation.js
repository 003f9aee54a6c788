// One generation in detail: what it cost and why (prices, upstream cost, fees), its timings, and the
// routing attempts that led to it.
import { html, nothing } from '../lib.js';
import { get } from '../api.js';
import { Page, errorBox, loading } from '../page.js';
import { usd, integer, ms, when, pricePerMillion } from '../format.js';

export class GenerationPage extends Page {
  get title() {
    return 'Generation';
  }

  async load() {
    this.g = (await get('/api/v1/generation?id=' + encodeURIComponent(this.params.id))).data;
  }

  view() {
    const g = this.g;
    if (!g) return html`<h1>Generation</h1>${loading(this)}${errorBox(this.error)}`;
    const attempts = g.attempts ?? g.provider_responses ?? [];
    const row = (label, value) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
    return html`
      <p><a href="/activity">← Activity</a></p>
      <h1>Generation <code>${g.id}</code></h1>
      <dl class="facts-grid">
        ${row('When', when(g.created_at))}${row('Model', g.model)}${row('Provider', g.provider_name)}
        ${row('Streamed', g.streamed ? 'yes' : 'no')}${row('Finish', g.finish_reason ?? '—')}${row('Cancelled', g.cancelled ? 'yes' : 'no')}
        ${row('BYOK', g.is_byok ? 'yes' : 'no')}
      </dl>
      <h2>Tokens and timing</h2>
      <dl class="facts-grid">
        ${row('Prompt tokens', integer(g.tokens_prompt))}${row('Completion tokens', integer(g.tokens_completion))}
        ${row('Cached prompt tokens', integer(g.native_tokens_cached))}${row('Reasoning tokens', integer(g.native_tokens_reasoning))}
        ${row('Time to first token', ms(g.time_to_first_token))}${row('Generation time', ms(g.generation_time))}${row('Latency', ms(g.latency))}
      </dl>
      <h2>Cost</h2>
      <dl class="facts-grid">
        ${row('Upstream cost', usd(g.upstream_inference_cost))}${row('Platform fee', usd(g.platform_fee))}${row('BYOK fee', usd(g.byok_fee))}
        ${row('Total', html`<strong>${usd(g.total_cost)}</strong>`)}
        ${g.prices ? html`${row('Prompt price', pricePerMillion(g.prices.prompt))}${row('Completion price', pricePerMillion(g.prices.completion))}` : nothing}
      </dl>
      <h2>Routing attempts</h2>
      ${attempts.length ? html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">#</th><th scope="col">Provider</th><th scope="col">Status</th><th scope="col">Latency</th><th scope="col">Outcome</th></tr></thead>
        <tbody>${attempts.map((a, i) => html`<tr><td>${i + 1}</td><td>${a.provider_name ?? a.provider ?? '—'}</td><td>${a.status ?? a.status_code ?? '—'}</td>
          <td>${ms(a.latency ?? a.latency_ms)}</td><td>${a.error ?? a.outcome ?? (a.status === 200 ? 'served' : '—')}</td></tr>`)}</tbody>
      </table></div>` : html`<p class="muted">Served by the first endpoint tried (${g.provider_name}).</p>`}`;
  }
}
