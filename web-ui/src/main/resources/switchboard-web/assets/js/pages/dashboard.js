// The dashboard: balance, the last 7 days of spend, recent generations, and what to do next.
import { html, nothing } from '../lib.js';
import { get, isMissingFeature } from '../api.js';
import { Page, errorBox, loading } from '../page.js';
import { usd, when, integer } from '../format.js';
import { stackedBars } from '../charts.js';
import { loadGenerations, summarise, summariseActivity, since } from '../usage.js';

export class DashboardPage extends Page {
  get title() {
    return 'Dashboard';
  }

  async load() {
    const [credits, keys] = await Promise.all([get('/api/v1/credits'), get('/api/v1/keys')]);
    this.credits = credits.data;
    this.keyCount = keys.data.length;
    try {
      const { rows } = await loadGenerations({ from: since('7d') });
      this.week = summarise(rows, '7d', 'model');
      this.recent = rows.slice(0, 8);
    } catch (e) {
      if (!isMissingFeature(e)) throw e;
      try {
        this.week = await summariseActivity('7d');
      } catch (e2) {
        if (!isMissingFeature(e2)) throw e2;
      }
    }
  }

  view() {
    const balance = this.credits ? Number(this.credits.total_credits) - Number(this.credits.total_usage) : null;
    return html`
      <h1>Dashboard</h1>
      ${loading(this)}${errorBox(this.error)}
      ${this.credits ? html`
        <section class="cards">
          <div class="card"><h2>Balance</h2><p class="big" data-testid="balance">${usd(balance, 2)}</p>
            <a href="/credits">Buy credits</a></div>
          <div class="card"><h2>Spent, all time</h2><p class="big">${usd(this.credits.total_usage)}</p></div>
          <div class="card"><h2>API keys</h2><p class="big">${integer(this.keyCount)}</p><a href="/keys">Manage keys</a></div>
        </section>
        ${balance !== null && balance <= 0 ? html`<p class="callout">You have no credits yet. <a href="/credits">Buy credits</a> to call paid models, or <a href="/byok">bring your own provider key</a>.</p>` : nothing}
        ${this.keyCount === 0 ? html`<p class="callout">Create your first API key to call Switchboard from code. <a href="/keys">Create a key</a> — or try models right here in the <a href="/chat">chat</a>.</p>` : nothing}
      ` : nothing}
      ${this.week ? stackedBars({ title: 'Spend over the last 7 days, by model', buckets: this.week.buckets.map((b) => ({ label: b.label, values: b.spend })), series: this.week.series, format: (v) => usd(v) }) : nothing}
      ${this.recent ? html`
        <h2>Recent generations</h2>
        ${this.recent.length === 0 ? html`<p class="muted">No requests yet.</p>` : html`
        <div class="table-wrap"><table>
          <thead><tr><th scope="col">When</th><th scope="col">Model</th><th scope="col">Tokens</th><th scope="col">Cost</th></tr></thead>
          <tbody>${this.recent.map((g) => html`<tr>
            <td><a href="/generations/${encodeURIComponent(g.id)}">${when(g.created_at)}</a></td>
            <td>${g.model}</td><td>${integer((g.tokens_prompt ?? 0) + (g.tokens_completion ?? 0))}</td><td>${usd(g.total_cost)}</td></tr>`)}
          </tbody></table></div>`}
        <p><a href="/activity">All activity</a></p>` : nothing}`;
  }
}
