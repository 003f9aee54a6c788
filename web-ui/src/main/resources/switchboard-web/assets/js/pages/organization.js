// The organisation: members and their roles, invitations, and creating another organisation.
import { html, nothing } from '../lib.js';
import { get, post, patch, del, isMissingFeature } from '../api.js';
import { when } from '../format.js';
import { Page, errorBox, loading, formValues } from '../page.js';

const ROLES = ['member', 'admin', 'owner'];

const bare = (role) => String(role ?? '').replace('org:', '');

export class OrganizationPage extends Page {
  get title() {
    return 'Organisation';
  }

  async load() {
    try {
      this.members = (await get('/api/v1/organization/members')).data ?? [];
      this.available = true;
      this.invites = this.canManage ? (await get(`/api/v1/orgs/${encodeURIComponent(this.org.id)}/invites`).catch(() => ({ data: [] }))).data ?? [] : [];
    } catch (e) {
      if (!isMissingFeature(e)) throw e;
      this.available = false;
    }
  }

  get org() {
    return this.app.me.organization;
  }

  /** The personal organisation is never shared: nobody joins or leaves it. */
  get personal() {
    return Boolean(this.app.orgs.find((o) => o.id === this.org.id)?.personal);
  }

  get canManage() {
    return ['owner', 'admin'].includes(bare(this.org.role));
  }

  view() {
    return html`
      <h1>${this.org.name}</h1>
      <p class="muted">Your role: ${this.org.role}</p>
      ${loading(this)}${errorBox(this.error)}
      ${this.available === false ? html`<p class="callout">This server does not offer shared organisations yet: your account has its personal organisation.</p>` : nothing}
      ${this.available ? html`
        <section><h2>Members</h2>
          <div class="table-wrap"><table data-testid="members">
            <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>${this.members.map((m) => html`<tr><td>${m.email}</td>
              <td>${this.canManage ? html`<label class="visually-hidden" for="role-${m.id}">Role of ${m.email}</label>
                <select id="role-${m.id}" @change=${(e) => this.setRole(m, e.target.value)}>
                  ${ROLES.map((r) => html`<option value="${r}" ?selected=${bare(m.role) === r}>${r}</option>`)}</select>` : bare(m.role)}</td>
              <td>${(this.canManage && m.id !== this.app.me.user.id) || (m.id === this.app.me.user.id && !this.personal) ? html`<button class="danger" @click=${() => this.removeMember(m)}
                aria-label="${m.id === this.app.me.user.id ? 'Leave the organisation' : `Remove ${m.email}`}">${m.id === this.app.me.user.id ? 'Leave' : 'Remove'}</button>` : nothing}</td></tr>`)}</tbody>
          </table></div>
        </section>
        ${this.canManage && !this.personal ? html`<section><h2>Invite someone</h2>
          <form class="grid" @submit=${(e) => this.invite(e)}>
            <label>Email <input name="email" type="email" required></label>
            <label>Role <select name="role">${ROLES.map((r) => html`<option value="${r}">${r}</option>`)}</select></label>
            <button type="submit" ?disabled=${this.busy}>Send invitation</button>
          </form>
          ${this.invited ? html`<p class="ok" role="status">Invitation sent to ${this.invited}.</p>` : nothing}
          ${this.invites?.length ? html`<h3>Invitations</h3><div class="table-wrap"><table>
            <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Expires</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>${this.invites.map((i) => html`<tr><td>${i.email}</td><td>${bare(i.role)}</td><td>${i.status}</td><td>${when(i.expires_at)}</td>
              <td>${i.status === 'pending' ? html`<button class="danger" @click=${() => this.revoke(i)} aria-label="Revoke the invitation of ${i.email}">Revoke</button>` : nothing}</td></tr>`)}</tbody>
          </table></div>` : nothing}
        </section>` : nothing}
        ${this.personal ? html`<p class="callout">This is your personal organisation: it is yours alone. Create an organisation to share credits and keys with others.</p>` : nothing}
        <section><h2>New organisation</h2>
          <form class="grid" @submit=${(e) => this.create(e)}>
            <label>Name <input name="name" required maxlength="100"></label>
            <button type="submit" ?disabled=${this.busy}>Create organisation</button>
          </form>
        </section>` : nothing}`;
  }

  get orgPath() {
    return `/api/v1/orgs/${encodeURIComponent(this.org.id)}`;
  }

  setRole(member, role) {
    this.act(async () => {
      await patch(`${this.orgPath}/members/${encodeURIComponent(member.id)}`, { role });
      await this.load();
    });
  }

  removeMember(member) {
    const leaving = member.id === this.app.me.user.id;
    if (!confirm(leaving ? `Leave ${this.org.name}?` : `Remove ${member.email} from ${this.org.name}?`)) return;
    this.act(async () => {
      await del(`${this.orgPath}/members/${encodeURIComponent(member.id)}`);
      if (leaving) {
        await this.app.refreshMe();
        this.app.navigate('/dashboard');
      } else {
        await this.load();
      }
    });
  }

  revoke(invite) {
    this.act(async () => {
      await del(`${this.orgPath}/invites/${encodeURIComponent(invite.id)}`);
      await this.load();
    });
  }

  invite(event) {
    const v = formValues(event);
    const form = event.target;
    this.act(async () => {
      await post(`/api/v1/orgs/${encodeURIComponent(this.org.id)}/invites`, { email: v.email, role: v.role });
      this.invited = v.email;
      form.reset();
      await this.load();
    });
  }

  create(event) {
    const v = formValues(event);
    this.act(async () => {
      const reply = await post('/api/v1/orgs', { name: v.name });
      const id = reply?.data?.id;
      if (id) await this.app.switchOrg(id);
    });
  }
}
