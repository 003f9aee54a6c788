// Sign up, log in, password reset and invitation acceptance.
import { html, nothing } from '../lib.js';
import { get, post, isMissingFeature } from '../api.js';
import { Page, errorBox, formValues } from '../page.js';

/** What the server's login-provider redirects mean (OAuthSignIn's login_error codes). */
const LOGIN_ERRORS = {
  email_not_verified: 'That provider has not verified your email address, so it cannot sign you in here. Verify it there, or log in with a password.',
  login_failed: 'Signing in with that provider did not work. Try again, or log in with a password.',
};

class AuthPage extends Page {
  static needsLogin = false;

  async load() {
    try {
      this.providers = (await get('/auth/providers')).data ?? [];
    } catch {
      this.providers = [];
    }
  }

  providerButtons() {
    if (!this.providers?.length) return nothing;
    return html`<div class="providers">${this.providers.map((p) => html`
      <a class="button secondary" href="${p.login_url}">Continue with ${p.name ?? p.id}</a>`)}</div>`;
  }
}

export class LoginPage extends AuthPage {
  get title() {
    return 'Log in';
  }

  view() {
    return html`
      <section class="narrow">
        <h1>Log in</h1>
        ${LOGIN_ERRORS[this.query.get('login_error')] ? html`<p class="error" role="alert">${LOGIN_ERRORS[this.query.get('login_error')]}</p>` : nothing}
        <form @submit=${(e) => this.submit(e)}>
          <label>Email <input name="email" type="email" autocomplete="email" required></label>
          <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
          ${errorBox(this.error)}
          <button type="submit" ?disabled=${this.busy}>Log in</button>
        </form>
        ${this.providerButtons()}
        <p><a href="/reset-password">Forgot your password?</a> · New here? <a href="/signup">Create an account</a></p>
      </section>`;
  }

  submit(event) {
    const { email, password } = formValues(event);
    this.act(async () => {
      await post('/auth/login', { email, password });
      await this.app.signedIn();
    });
  }
}

export class SignupPage extends AuthPage {
  get title() {
    return 'Sign up';
  }

  view() {
    return html`
      <section class="narrow">
        <h1>Create your account</h1>
        <p class="muted">One key for hundreds of models. You get a personal organisation; buy credits or bring your own provider keys.</p>
        <form @submit=${(e) => this.submit(e)}>
          <label>Email <input name="email" type="email" autocomplete="email" required></label>
          <label>Password <input name="password" type="password" autocomplete="new-password" minlength="10" required
            aria-describedby="password-hint"></label>
          <small id="password-hint" class="muted">At least 10 characters.</small>
          ${errorBox(this.error)}
          <button type="submit" ?disabled=${this.busy}>Sign up</button>
        </form>
        ${this.providerButtons()}
        <p>Already have an account? <a href="/login">Log in</a></p>
      </section>`;
  }

  submit(event) {
    const { email, password } = formValues(event);
    this.act(async () => {
      await post('/auth/signup', { email, password });
      await this.app.signedIn();
    });
  }
}

export class ResetPasswordPage extends Page {
  static needsLogin = false;

  get title() {
    return 'Reset password';
  }

  view() {
    const token = this.query.get('token');
    return html`
      <section class="narrow">
        <h1>Reset your password</h1>
        ${this.done ? html`<p class="ok" role="status">${this.done}</p>` : token ? html`
          <form @submit=${(e) => this.confirm(e, token)}>
            <label>New password <input name="password" type="password" autocomplete="new-password" minlength="10" required></label>
            ${errorBox(this.error)}
            <button type="submit" ?disabled=${this.busy}>Set new password</button>
          </form>` : html`
          <form @submit=${(e) => this.request(e)}>
            <label>Email <input name="email" type="email" autocomplete="email" required></label>
            ${errorBox(this.error)}
            <button type="submit" ?disabled=${this.busy}>Email me a reset link</button>
          </form>`}
        <p><a href="/login">Back to log in</a></p>
      </section>`;
  }

  request(event) {
    const { email } = formValues(event);
    this.act(async () => {
      await post('/auth/password-reset', { email });
      this.done = 'If an account exists for that email, a reset link is on its way.';
    });
  }

  confirm(event, token) {
    const { password } = formValues(event);
    this.act(async () => {
      try {
        await post('/auth/password-reset/confirm', { token, password });
      } catch (e) {
        if (isMissingFeature(e)) e.message = 'This reset link is invalid or has expired.';
        throw e;
      }
      this.done = 'Your password is changed. You can log in with it now.';
    });
  }
}

/** The link in an invitation mail: joins with the signed-in account, or opens one with a password. */
export class InvitePage extends Page {
  static needsLogin = false;

  get title() {
    return 'Join an organisation';
  }

  view() {
    const signedIn = Boolean(this.app.me);
    return html`
      <section class="narrow">
        <h1>Join an organisation</h1>
        ${this.done ? html`<p class="ok" role="status">You joined ${this.done}. <a href="/dashboard">Go to the dashboard</a></p>` : html`
          <p>You were invited to an organisation on Switchboard.</p>
          <form @submit=${(e) => this.accept(e)}>
            ${signedIn ? html`<p>You will join as <strong>${this.app.me.user.email}</strong>.</p>` : html`
              <p class="muted">New to Switchboard? Choose a password for the invited address. Already have an account?
                <a href="/login?next=${encodeURIComponent(location.pathname + location.search)}">Log in first</a>.</p>
              <label>Password <input name="password" type="password" autocomplete="new-password" minlength="10" required></label>`}
            ${errorBox(this.error)}
            <button type="submit" ?disabled=${this.busy}>Accept the invitation</button>
          </form>`}
      </section>`;
  }

  accept(event) {
    const { password } = formValues(event);
    this.act(async () => {
      const reply = await post('/auth/invites/accept', { token: this.query.get('token'), password });
      this.done = reply?.data?.organization?.name ?? 'the organisation';
      await this.app.refreshMe();
    });
  }
}
