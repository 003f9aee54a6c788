// The app shell: who is signed in, the navigation, the organisation switcher and the client-side
// router. Routes here must also be listed in the api-service's ClientRoutes (deep links).
import { html, render, nothing } from './lib.js';
import { get, post, ApiError } from './api.js';
import { LoginPage, SignupPage, ResetPasswordPage, InvitePage } from './pages/auth.js';
import { DashboardPage } from './pages/dashboard.js';
import { CreditsPage } from './pages/credits.js';
import { KeysPage } from './pages/keys.js';
import { ByokPage } from './pages/byok.js';
import { ModelsPage } from './pages/models.js';
import { ModelPage } from './pages/model.js';
import { ChatPage } from './pages/chat.js';
import { ActivityPage } from './pages/activity.js';
import { GenerationPage } from './pages/generation.js';
import { OrganizationPage } from './pages/organization.js';

const ROUTES = [
  ['/', DashboardPage],
  ['/dashboard', DashboardPage],
  ['/login', LoginPage],
  ['/signup', SignupPage],
  ['/reset-password', ResetPasswordPage],
  ['/accept-invite', InvitePage],
  ['/credits', CreditsPage],
  ['/keys', KeysPage],
  ['/byok', ByokPage],
  ['/models', ModelsPage],
  ['/models/:author/:slug', ModelPage],
  ['/chat', ChatPage],
  ['/activity', ActivityPage],
  ['/generations/:id', GenerationPage],
  ['/organization', OrganizationPage],
];

const NAV = [
  ['/dashboard', 'Dashboard'],
  ['/chat', 'Chat'],
  ['/models', 'Models'],
  ['/activity', 'Activity'],
  ['/credits', 'Credits'],
  ['/keys', 'Keys'],
  ['/byok', 'BYOK'],
  ['/organization', 'Organisation'],
];

function match(path) {
  for (const [pattern, PageClass] of ROUTES) {
    const names = [];
    const regex = new RegExp('^' + pattern.replace(/:(\w+)/g, (_, name) => {
      names.push(name);
      return '([^/]+)';
    }) + '/?$');
    const m = path.match(regex);
    if (m) {
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { PageClass, params };
    }
  }
  return null;
}

class App {
  constructor(root) {
    this.root = root;
    this.me = null;
    this.orgs = [];
    this.page = null;
    this.menuOpen = false;
  }

  async start() {
    window.addEventListener('popstate', () => this.route());
    document.addEventListener('click', (e) => this.followLink(e));
    await this.refreshMe();
    this.route();
  }

  async refreshMe() {
    try {
      this.me = (await get('/auth/me')).data;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) console.warn(e);
      this.me = null;
    }
    this.orgs = [];
    if (this.me) {
      try {
        this.orgs = (await get('/api/v1/orgs')).data ?? [];
      } catch {
        // organisations come with the orgs feature; without it the user has just their own
      }
    }
  }

  followLink(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = event.target.closest('a');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
    if (!match(a.pathname)) return; // the server's own pages (login providers, API links) load normally
    event.preventDefault();
    this.navigate(a.pathname + a.search);
  }

  navigate(path, { replace = false } = {}) {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    this.route();
  }

  route() {
    // links written for hash routing (#/credits?…) land on the same page here
    if (location.hash.startsWith('#/')) history.replaceState(null, '', location.hash.slice(1));
    this.page?.leave();
    this.menuOpen = false;
    const found = match(location.pathname) ?? { PageClass: NotFoundPage, params: {} };
    if (found.PageClass.needsLogin && !this.me) {
      // a login provider that failed sends the browser back to / with login_error: show it on the login page
      const error = new URLSearchParams(location.search).get('login_error');
      const next = encodeURIComponent(location.pathname + (error ? '' : location.search));
      history.replaceState(null, '', `/login?next=${next}` + (error ? `&login_error=${encodeURIComponent(error)}` : ''));
      return this.route();
    }
    this.page = new found.PageClass(this, found.params, new URLSearchParams(location.search));
    document.title = this.page.title + ' · Switchboard';
    this.render();
    this.page.start();
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  render() {
    render(this.shell(), this.root);
    if (this.page) document.title = this.page.title + ' · Switchboard';
  }

  async signedIn() {
    await this.refreshMe();
    const next = new URLSearchParams(location.search).get('next');
    this.navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard', { replace: true });
  }

  async logout() {
    try {
      await post('/auth/logout');
    } finally {
      this.me = null;
      this.orgs = [];
      this.navigate('/login', { replace: true });
    }
  }

  async switchOrg(orgId) {
    await post('/auth/org', { org_id: orgId });
    await this.refreshMe();
    this.route();
  }

  shell() {
    const here = location.pathname;
    const me = this.me;
    return html`
      <header class="top">
        <a class="brand" href="${me ? '/dashboard' : '/models'}">Switchboard</a>
        ${me ? html`
          <button class="menu-toggle" aria-expanded="${this.menuOpen}" aria-controls="nav"
                  @click=${() => { this.menuOpen = !this.menuOpen; this.render(); }}>Menu</button>
          <nav id="nav" class="${this.menuOpen ? 'open' : ''}" aria-label="Main">
            ${NAV.map(([href, text]) => html`<a href="${href}" aria-current="${here === href || here.startsWith(href + '/') ? 'page' : 'false'}">${text}</a>`)}
          </nav>
          <div class="account">
            ${this.orgs.length > 1 ? html`
              <label class="org-switch">Organisation
                <select @change=${(e) => this.switchOrg(e.target.value).catch((err) => this.page?.fail(err))}>
                  ${this.orgs.map((o) => html`<option value="${o.id}" ?selected=${o.id === me.organization.id}>${o.name}</option>`)}
                </select>
              </label>` : html`<span class="org-name" title="Organisation">${me.organization.name}</span>`}
            <span class="email">${me.user.email}</span>
            <button class="link" @click=${() => { toggleTheme(); this.render(); }}>${document.documentElement.dataset.theme === 'dark' ? 'Light theme' : 'Dark theme'}</button>
            <button class="link" @click=${() => this.logout()}>Log out</button>
          </div>` : html`
          <nav id="nav" aria-label="Main">
            <a href="/models">Models</a>
            <a href="/login" aria-current="${here === '/login' ? 'page' : 'false'}">Log in</a>
            <a href="/signup" aria-current="${here === '/signup' ? 'page' : 'false'}">Sign up</a>
          </nav>`}
      </header>
      <main id="main" tabindex="-1" class="page-${this.page?.constructor.name ?? ''}">
        ${this.page ? this.page.view() : nothing}
      </main>`;
  }
}

const THEME = 'switchboard.theme';

/** Dark unless the user picked light (kept in this browser). */
function applyTheme(theme = localStorage.getItem(THEME) ?? 'dark') {
  document.documentElement.dataset.theme = theme;
}

function toggleTheme() {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  localStorage.setItem(THEME, next);
  applyTheme(next);
}

class NotFoundPage {
  static needsLogin = false;
  constructor(app) {
    this.app = app;
  }
  get title() {
    return 'Not found';
  }
  start() {}
  leave() {}
  fail() {}
  view() {
    return html`<h1>Page not found</h1><p>There is no page at this address. <a href="/dashboard">Go to the dashboard</a>.</p>`;
  }
}

const root = document.getElementById('app');
root.replaceChildren(); // the static "Loading…" placeholder; lit-html renders into an empty container
applyTheme();
const app = new App(root);
app.start();
