// The model catalog: search, filters (provider, modalities, context, price, parameters), sort.
import { html, nothing, live } from '../lib.js';
import { get } from '../api.js';
import { Page, errorBox, loading } from '../page.js';
import { pricePerMillion, tokens } from '../format.js';

const SORTS = {
  newest: { label: 'Newest', compare: (a, b) => (b.created ?? 0) - (a.created ?? 0) },
  'price-asc': { label: 'Price: low to high', compare: (a, b) => price(a) - price(b) },
  'price-desc': { label: 'Price: high to low', compare: (a, b) => price(b) - price(a) },
  context: { label: 'Context: longest', compare: (a, b) => (b.context_length ?? 0) - (a.context_length ?? 0) },
  name: { label: 'Name', compare: (a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id) },
};
const PAGE_SIZE = 60;

function price(model) {
  return Number(model.pricing?.prompt ?? 0) + Number(model.pricing?.completion ?? 0);
}

export function author(model) {
  return model.id.split('/')[0];
}

/** The filter as a pure function of the catalog and the chosen filters, so it can be tested and reused. */
export function filterModels(models, f) {
  const q = (f.q ?? '').trim().toLowerCase();
  const maxPrice = f.maxPrice === '' || f.maxPrice === undefined ? null : Number(f.maxPrice) / 1e6;
  return models.filter((m) =>
    (!q || m.id.toLowerCase().includes(q) || (m.name ?? '').toLowerCase().includes(q) || (m.description ?? '').toLowerCase().includes(q))
    && (!f.provider || author(m) === f.provider)
    && (!f.input || (m.architecture?.input_modalities ?? []).includes(f.input))
    && (!f.output || (m.architecture?.output_modalities ?? []).includes(f.output))
    && (!f.minContext || (m.context_length ?? 0) >= Number(f.minContext))
    && (maxPrice === null || Number(m.pricing?.prompt ?? 0) <= maxPrice)
    && (!f.parameter || (m.supported_parameters ?? []).includes(f.parameter)))
    .sort(SORTS[f.sort ?? 'newest'].compare);
}

export class ModelsPage extends Page {
  static needsLogin = false;

  get title() {
    return 'Models';
  }

  async load() {
    this.models = (await get('/api/v1/models')).data ?? [];
    const uniq = (list) => [...new Set(list)].sort();
    this.authors = uniq(this.models.map(author));
    this.inputs = uniq(this.models.flatMap((m) => m.architecture?.input_modalities ?? []));
    this.outputs = uniq(this.models.flatMap((m) => m.architecture?.output_modalities ?? []));
    this.parameters = uniq(this.models.flatMap((m) => m.supported_parameters ?? []));
    this.filters = Object.fromEntries(['q', 'provider', 'input', 'output', 'minContext', 'maxPrice', 'parameter', 'sort'].map((k) => [k, this.query.get(k) ?? '']));
    this.filters.sort ||= 'newest';
    this.shown = PAGE_SIZE;
  }

  set(name, value) {
    this.filters[name] = value;
    this.shown = PAGE_SIZE;
    const params = new URLSearchParams(Object.entries(this.filters).filter(([, v]) => v !== '' && v !== undefined));
    history.replaceState(null, '', '/models' + (params.size ? '?' + params : ''));
    this.update();
  }

  select(name, label, options, format = (x) => x) {
    return html`<label>${label}<select @change=${(e) => this.set(name, e.target.value)}>
      <option value="" ?selected=${!this.filters[name]}>Any</option>
      ${options.map((o) => html`<option value="${o}" ?selected=${this.filters[name] === o}>${format(o)}</option>`)}</select></label>`;
  }

  view() {
    if (!this.models) return html`<h1>Models</h1>${loading(this)}${errorBox(this.error)}`;
    const found = filterModels(this.models, this.filters);
    const f = this.filters;
    return html`
      <h1>Models</h1>
      ${errorBox(this.error)}
      <form class="filters" role="search" @submit=${(e) => e.preventDefault()}>
        <label class="wide">Search <input type="search" placeholder="Name, id or description" .value=${live(f.q)} @input=${(e) => this.set('q', e.target.value)}></label>
        ${this.select('provider', 'Provider', this.authors)}
        ${this.select('input', 'Input', this.inputs)}
        ${this.select('output', 'Output', this.outputs)}
        ${this.select('minContext', 'Context at least', ['8000', '32000', '128000', '200000', '1000000'], (x) => tokens(Number(x)))}
        <label>Max prompt price ($/M) <input type="number" min="0" step="0.01" .value=${live(f.maxPrice)} @input=${(e) => this.set('maxPrice', e.target.value)}></label>
        ${this.select('parameter', 'Supports', this.parameters)}
        <label>Sort <select @change=${(e) => this.set('sort', e.target.value)}>
          ${Object.entries(SORTS).map(([k, s]) => html`<option value="${k}" ?selected=${f.sort === k}>${s.label}</option>`)}</select></label>
      </form>
      <p class="muted" aria-live="polite" data-testid="model-count">${found.length} of ${this.models.length} models</p>
      <ul class="model-list">
        ${found.slice(0, this.shown).map((m) => html`<li class="model">
          <a href="/models/${m.id}"><strong>${m.name ?? m.id}</strong></a> <code>${m.id}</code>
          <p class="facts">${tokens(m.context_length)} context · in ${pricePerMillion(m.pricing?.prompt)} · out ${pricePerMillion(m.pricing?.completion)}
            · ${(m.architecture?.input_modalities ?? []).join(', ')} → ${(m.architecture?.output_modalities ?? []).join(', ')}</p>
        </li>`)}
      </ul>
      ${found.length > this.shown ? html`<button class="secondary" @click=${() => { this.shown += PAGE_SIZE; this.update(); }}>Show more</button>` : nothing}`;
  }
}
