// Activity: spend, tokens and requests over 1, 7 or 30 days, by model or by key, as charts; the
// generations log with links to each generation's detail; CSV export of the log.
import { html, nothing } from '../lib.js';
import { get, isMissingFeature } from '../api.js';
import { Page, errorBox, loading } from '../page.js';
import { usd, integer, when, ms } from '../format.js';
import { stackedBars } from '../charts.js';
import { PERIODS, loadGenerations, summarise, summariseActivity, since, keyLabel, costOf } from '../usage.js';

const METRICS = {
  spend: { label: 'Spend', format: (v) => usd(v) },
  tokens: { label: 'Tokens', format: (v) => integer(Math.round(v)) },
  requests: { label: 'Requests', format: (v) => integer(v) },
};

const CSV_COLUMNS = ['id', 'created_at', 'model', 'provider_name', 'key', 'tokens_prompt', 'tokens_completion', 'total_cost', 'latency', 'generation_time', 'finish_reason'];

/** RFC 4180 CSV; a cell starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
export function toCsv(rows) {
  const cell = (v) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s) && isNaN(Number(s))) s = "'" + s;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(CSV_COLUMNS.map((c) => cell(c === 'key' ? keyLabel(r) : c === 'total_cost' ? costOf(r) : r[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export class ActivityPage extends Page {
  get title() {
    return 'Activity';
  }

  async load() {
    this.period = this.query.get('period') in PERIODS ? this.query.get('period') : '7d';
    this.groupBy = this.query.get('by') === 'key' ? 'key' : 'model';
    this.credits = (await get('/api/v1/credits')).data;
    await this.loadPeriod();
  }

  async loadPeriod() {
    this.summary = null;
    try {
      const { rows, truncated } = await loadGenerations({ from: since(this.period) });
      this.rows = rows;
      this.truncated = truncated;
      this.logAvailable = true;
      this.summary = summarise(rows, this.period, this.groupBy);
    } catch (e) {
      if (!isMissingFeature(e)) throw e;
      this.logAvailable = false;
      try {
        this.summary = await summariseActivity(this.period);
        this.groupBy = 'model';
      } catch (e2) {
        if (!isMissingFeature(e2)) throw e2;
      }
    }
  }

  choose(field, value) {
    this[field] = value;
    history.replaceState(null, '', `/activity?period=${this.period}&by=${this.groupBy}`);
    this.act(async () => {
      if (field === 'period') await this.loadPeriod();
      else if (this.rows) this.summary = summarise(this.rows, this.period, this.groupBy);
    });
  }

  exportCsv() {
    const blob = new Blob([toCsv(this.rows)], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `switchboard-generations-${this.period}-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
  }

  view() {
    const s = this.summary;
    return html`
      <h1>Activity</h1>
      ${errorBox(this.error)}
      ${this.credits ? html`<p>All-time spend on this organisation's credits: <strong data-testid="all-time-spend" data-usd="${this.credits.total_usage}">${usd(this.credits.total_usage)}</strong></p>` : nothing}
      <div class="toolbar" role="group" aria-label="Period and grouping">
        ${Object.entries(PERIODS).map(([k, p]) => html`<button class="secondary" aria-pressed="${this.period === k}" @click=${() => this.choose('period', k)}>${p.label}</button>`)}
        ${this.logAvailable ? html`<label>Group by <select @change=${(e) => this.choose('groupBy', e.target.value)}>
          <option value="model" ?selected=${this.groupBy === 'model'}>Model</option>
          <option value="key" ?selected=${this.groupBy === 'key'}>API key</option></select></label>` : nothing}
      </div>
      ${loading(this)}
      ${s ? html`
        <section class="cards">
          <div class="card"><h2>Spend</h2><p class="big" data-testid="period-spend" data-usd="${s.totalUsd}">${usd(s.totalUsd)}</p></div>
          <div class="card"><h2>Tokens</h2><p class="big">${integer(s.tokens)}</p></div>
          <div class="card"><h2>Requests</h2><p class="big">${integer(s.requests)}</p></div>
        </section>
        ${Object.entries(METRICS).map(([metric, m]) => stackedBars({
          title: `${m.label}, ${PERIODS[this.period].label.toLowerCase()}, by ${this.groupBy === 'key' ? 'key' : 'model'}`,
          buckets: s.buckets.map((b) => ({ label: b.label, values: b[metric] })),
          series: s.series,
          format: m.format,
        }))}` : nothing}
      ${this.logAvailable === false && !s ? html`<p class="callout">This server keeps no activity log yet.</p>` : nothing}
      ${this.rows ? this.log() : nothing}`;
  }

  log() {
    return html`<section>
      <h2>Generations</h2>
      <p><button class="secondary" ?disabled=${!this.rows.length} @click=${() => this.exportCsv()}>Export CSV</button>
        ${this.truncated ? html`<span class="muted">Showing the newest ${this.rows.length}.</span>` : nothing}</p>
      ${this.rows.length === 0 ? html`<p class="muted">No requests in this period.</p>` : html`<div class="table-wrap"><table data-testid="generations">
        <thead><tr><th scope="col">When</th><th scope="col">Model</th><th scope="col">Provider</th><th scope="col">Key</th><th scope="col">Tokens</th><th scope="col">Latency</th><th scope="col">Cost</th></tr></thead>
        <tbody>${this.rows.slice(0, 200).map((g) => html`<tr>
          <td><a href="/generations/${encodeURIComponent(g.id)}">${when(g.created_at)}</a></td><td>${g.model}</td><td>${g.provider_name ?? '—'}</td>
          <td>${keyLabel(g)}</td><td>${integer((g.tokens_prompt ?? 0) + (g.tokens_completion ?? 0))}</td><td>${ms(g.latency)}</td><td>${usd(costOf(g))}</td></tr>`)}</tbody>
      </table></div>`}
    </section>`;
  }
}
