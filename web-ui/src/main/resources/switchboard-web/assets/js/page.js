// What every page is: it loads its data, renders a view from its own state and asks the app to
// re-render when that state changes. Errors become sentences (see api.js), shown with a helpful link.
import { html, nothing } from './lib.js';

export class Page {
  /** Pages that need a signed-in user send a visitor to the login page first. */
  static needsLogin = true;

  constructor(app, params = {}, query = new URLSearchParams()) {
    this.app = app;
    this.params = params;
    this.query = query;
    this.error = null;
    this.loading = true;
  }

  get title() {
    return 'Switchboard';
  }

  /** Runs once when the page opens; the base marks loading done after it. */
  async load() {}

  async start() {
    try {
      await this.load();
    } catch (e) {
      this.fail(e);
    }
    this.loading = false;
    this.update();
  }

  view() {
    return nothing;
  }

  /** Called when the user leaves the page: stop timers and streams. */
  leave() {}

  update() {
    this.app.render();
  }

  fail(error) {
    if (error?.name === 'AbortError') return;
    console.warn(error);
    this.error = error;
    this.update();
  }

  /** Runs an action from a button or form, showing its failure instead of throwing. */
  async act(action) {
    this.error = null;
    this.busy = true;
    this.update();
    try {
      await action();
    } catch (e) {
      this.fail(e);
    } finally {
      this.busy = false;
      this.update();
    }
  }
}

export function errorBox(error) {
  if (!error) return nothing;
  const help = error.help;
  return html`<p class="error" role="alert">${error.message || String(error)}
    ${help ? html` <a href="${help.href}">${help.text}</a>` : nothing}</p>`;
}

export function loading(page) {
  return page.loading ? html`<p class="muted" aria-live="polite">Loading…</p>` : nothing;
}

/** Values of a submitted form by field name. */
export function formValues(event) {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.target).entries());
}
