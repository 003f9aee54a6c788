// Credits: buy through Stripe Checkout with the fee shown first, the return page that waits for the
// webhook to credit the purchase, purchase history with receipts (a page at a time, "Load more"),
// low-balance alert and auto top-up.
import { html, nothing } from '../lib.js';
import { get, post, put, isMissingFeature } from '../api.js';
import { Page, errorBox, loading, formValues } from '../page.js';
import { usd, when, toNanos, fromNanos } from '../format.js';

const PRESETS = ['10', '25', '50', '100'];
const RETURN_WAIT_MS = 60000;

/** The purchase fee in nanos: a percentage of the amount, at least the minimum, rounded up to the cent. */
export function purchaseFeeNanos(amountUsd, fee) {
  if (!fee) return 0n;
  const amount = toNanos(amountUsd);
  const percentHundredths = toNanos(fee.percent) / 10000000n; // percent × 100, exact to 0.01 %
  let nanos = (amount * percentHundredths + 9999n) / 10000n;
  const minimum = toNanos(fee.minimum_usd ?? 0);
  if (nanos < minimum) nanos = minimum;
  const cent = 10000000n;
  return ((nanos + cent - 1n) / cent) * cent;
}

function feeTerms(data) {
  const percent = data?.purchase_fee_percent;
  if (percent === undefined || percent === null) return null;
  return { percent: String(percent), minimum_usd: String(data.purchase_fee_minimum_usd ?? '0') };
}

export class CreditsPage extends Page {
  get title() {
    return 'Credits';
  }

  async load() {
    this.amount = '10';
    // Stripe sends the buyer back with ?session_id=… (or ?purchase=success|cancel, as configured)
    this.sessionId = this.query.get('session_id');
    const returned = this.query.get('purchase');
    await this.refresh();
    if (this.sessionId || returned === 'success') this.awaitCredit();
    else if (returned === 'cancel' || returned === 'cancelled') this.returnState = 'cancelled';
  }

  async refresh() {
    this.credits = (await get('/api/v1/credits')).data;
    await Promise.all([
      get('/api/v1/credits/purchases').then((r) => { this.purchases = r.data ?? []; this.nextCursor = r.next_cursor ?? null; }, (e) => { if (!isMissingFeature(e)) throw e; this.purchases = null; }),
      // the settings carry the purchase fee's terms, so the fee is shown before paying
      get('/api/v1/credits/settings').then((r) => { this.settings = r.data ?? {}; this.fee = feeTerms(r.data); }, (e) => { if (!isMissingFeature(e)) throw e; this.settings = null; }),
    ]);
    this.stripe = this.purchases !== null || this.settings !== null;
  }

  /** After Stripe sends the buyer back: the webhook credits the purchase; show the balance once it has. */
  awaitCredit() {
    this.returnState = 'waiting';
    const started = Date.now();
    const tick = async () => {
      try {
        await this.refresh();
        // the purchase this return is about: by Stripe's session id where the list carries it, else the newest
        const purchase = this.purchases?.find((p) => p.session_id === this.sessionId || p.id === this.sessionId)
          ?? [...(this.purchases ?? [])].sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)))[0];
        const status = (purchase?.status ?? '').toLowerCase();
        if (['completed', 'complete', 'paid', 'succeeded', 'credited'].includes(status)) {
          this.returnState = 'credited';
        } else if (['failed', 'expired', 'canceled', 'cancelled'].includes(status)) {
          this.returnState = 'failed';
        } else if (Date.now() - started > RETURN_WAIT_MS) {
          this.returnState = 'slow';
        }
      } catch (e) {
        this.fail(e);
      }
      this.update();
      if (this.returnState === 'waiting') this.timer = setTimeout(tick, 1000);
    };
    tick();
  }

  leave() {
    clearTimeout(this.timer);
  }

  view() {
    const c = this.credits;
    const balance = c ? fromNanos(toNanos(c.total_credits) - toNanos(c.total_usage)) : null;
    const fee = purchaseFeeNanos(this.amount || '0', this.fee);
    const total = fromNanos(toNanos(this.amount || '0') + fee);
    return html`
      <h1>Credits</h1>
      ${loading(this)}${errorBox(this.error)}
      ${this.returnState ? html`<div class="callout" role="status" aria-live="polite" data-testid="purchase-return">
        ${{ waiting: 'Payment received — waiting for Stripe to confirm it…',
            credited: html`Your credits have arrived. New balance: <strong>${usd(balance, 2)}</strong>.`,
            failed: 'The payment did not complete; you were not charged.',
            cancelled: 'You cancelled the payment; nothing was charged.',
            slow: 'Stripe has not confirmed the payment yet. Your balance updates as soon as it does.' }[this.returnState]}
      </div>` : nothing}
      ${c ? html`<section class="cards">
        <div class="card"><h2>Balance</h2><p class="big" data-testid="credits-balance">${usd(balance, 2)}</p></div>
        <div class="card"><h2>Bought or granted</h2><p class="big">${usd(c.total_credits)}</p></div>
        <div class="card"><h2>Spent</h2><p class="big" data-testid="credits-usage">${usd(c.total_usage)}</p></div>
      </section>` : nothing}
      <section>
        <h2>Buy credits</h2>
        <form class="inline" @submit=${(e) => this.checkout(e)}>
          <fieldset><legend>Amount in USD</legend>
            <div class="presets">${PRESETS.map((p) => html`<button type="button" class="secondary" aria-pressed="${this.amount === p}" @click=${() => { this.amount = p; this.update(); }}>$${p}</button>`)}</div>
            <label>Other amount <input name="amount" type="number" min="1" max="10000" step="0.01" required .value=${this.amount}
              @input=${(e) => { this.amount = e.target.value; this.update(); }}></label>
          </fieldset>
          <p data-testid="purchase-fee">${this.fee
            ? html`Credits ${usd(this.amount || 0, 2)} + fee ${usd(fromNanos(fee), 2)} (${this.fee.percent}%, at least ${usd(this.fee.minimum_usd, 2)}) = <strong>you pay ${usd(total, 2)}</strong>`
            : 'Any purchase fee is shown by Stripe before you pay.'}</p>
          <button type="submit" ?disabled=${this.busy}>Continue to payment</button>
        </form>
      </section>
      ${this.purchases ? html`<section>
        <h2>Purchases</h2>
        ${this.purchases.length === 0 ? html`<p class="muted">No purchases yet.</p>` : html`<div class="table-wrap"><table>
          <thead><tr><th scope="col">When</th><th scope="col">Credits</th><th scope="col">Fee</th><th scope="col">Status</th><th scope="col">Receipt</th></tr></thead>
          <tbody id="purchase-rows">${this.purchases.map((p) => html`<tr>
            <td>${when(p.created_at)}</td><td>${usd(p.amount_usd ?? p.amount ?? p.credits_usd)}</td><td>${usd(p.fee_usd ?? p.fee)}</td>
            <td>${p.status}</td><td>${p.receipt_url ? html`<a href="${p.receipt_url}" target="_blank" rel="noopener">Receipt</a>` : '—'}</td></tr>`)}</tbody>
        </table></div>`}
        ${this.nextCursor ? html`<p><button type="button" class="secondary" aria-controls="purchase-rows" ?disabled=${this.busy}
          @click=${() => this.loadMorePurchases()} data-testid="purchases-more">Load more purchases</button></p>` : nothing}
      </section>` : nothing}
      ${this.settings ? this.settingsForm() : nothing}`;
  }

  settingsForm() {
    const s = this.settings;
    const topup = s.auto_topup ?? {};
    return html`<section>
      <h2>Alerts and auto top-up</h2>
      <form @submit=${(e) => this.saveSettings(e)}>
        <label>Email owners and admins when the balance falls to or below (USD)
          <input name="low_balance_alert_usd" type="number" min="0" step="0.01" .value=${s.low_balance_alert_usd ?? ''}></label>
        <label class="check"><input name="enabled" type="checkbox" ?checked=${topup.enabled}> Top up automatically</label>
        <label>When the balance falls below (USD) <input name="threshold_usd" type="number" min="0" step="0.01" .value=${topup.threshold_usd ?? ''}></label>
        <label>Buy this much (USD) <input name="amount_usd" type="number" min="1" step="0.01" .value=${topup.amount_usd ?? ''}></label>
        ${this.saved ? html`<p class="ok" role="status">Saved.</p>` : nothing}
        <button type="submit" ?disabled=${this.busy}>Save settings</button>
      </form>
    </section>`;
  }

  checkout(event) {
    event.preventDefault();
    this.act(async () => {
      const reply = await post('/api/v1/credits/checkout', { amount: Number(this.amount) });
      window.location.assign(reply.data.url);
    });
  }

  /** The next page of the history, after the rows already shown (the cursor keeps the order stable). */
  loadMorePurchases() {
    this.act(async () => {
      const reply = await get(`/api/v1/credits/purchases?cursor=${encodeURIComponent(this.nextCursor)}`);
      this.purchases = [...this.purchases, ...(reply.data ?? [])];
      this.nextCursor = reply.next_cursor ?? null;
    });
  }

  saveSettings(event) {
    const v = formValues(event);
    const number = (x) => (x === '' || x === undefined ? null : Number(x));
    this.act(async () => {
      const reply = await put('/api/v1/credits/settings', {
        low_balance_alert_usd: number(v.low_balance_alert_usd),
        auto_topup: { enabled: v.enabled === 'on', threshold_usd: number(v.threshold_usd), amount_usd: number(v.amount_usd) },
      });
      this.settings = reply?.data ?? this.settings;
      this.saved = true;
    });
  }
}
