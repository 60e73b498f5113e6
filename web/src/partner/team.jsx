// Team (partner admins): who from the partner can sign in, and inviting a
// colleague. The invitation link is answered once by the API: it is shown
// here to copy and send, and cannot be shown again.
import { useRef, useState } from 'preact/hooks';
import * as api from '../api.js';
import { ROLE_NAMES, useMe } from '../session.js';
import { Async, Button, Card, Empty, ErrorBox, Field, PageHeader, Pill, Table, useApi } from '../ui.jsx';
import { fmtDate, fmtDateTime } from '../format.js';
import { LinkField, focusFirstError, splitErrors } from './common.jsx';
import { PendingInvitations, usePendingInvitations } from '../invitations.jsx';

const ROLES = [
  { value: 'partner_user', label: 'Partner user', hint: 'Sees your standing, deals and agreements; manages solutions and customer stories.' },
  {
    value: 'partner_admin',
    label: 'Partner administrator',
    hint: 'Everything a partner user can do, and also accepts the Terms of Service, edits your public listing and invites colleagues.',
  },
];

export function Team() {
  const me = useMe();
  const q = useApi(() => api.get('/users'), []);
  const invitations = usePendingInvitations();
  const invited = () => {
    q.reload();
    invitations.reload();
  };
  return (
    <>
      <PageHeader title="Team" subtitle="Colleagues who can sign in to the partner portal" />
      <div class="p-team">
        <Invite onInvited={invited} />
        <PendingInvitations q={invitations} />
        <Card title="Your team" id="p-team-title">
          <Async q={q} label="Loading your team…">
            {(data) => {
              const users = (data.items || []).filter((u) => !me.partner || !u.partner || u.partner === me.partner);
              return (
                <div class="table-cards">
                  <Table
                    caption="Your team"
                    rows={users}
                    rowKey={(u) => u.id}
                    empty={
                      <Empty title="No one yet" icon="☺">
                        Invite a colleague with the form on this page.
                      </Empty>
                    }
                    columns={[
                      {
                        key: 'email',
                        label: 'Email',
                        sort: true,
                        render: (u) => (
                          <span class="p-title-cell">
                            {u.email}
                            {u.id === me.id && <span class="muted small"> (you)</span>}
                          </span>
                        ),
                      },
                      { key: 'role', label: 'Role', sort: (u) => ROLE_NAMES[u.role] || u.role, render: (u) => ROLE_NAMES[u.role] || u.role },
                      {
                        key: 'status',
                        label: 'Status',
                        sort: (u) => (u.active ? (u.password_set ? 2 : 1) : 0),
                        render: (u) =>
                          !u.active ? (
                            <Pill kind="muted">Deactivated</Pill>
                          ) : u.password_set ? (
                            <Pill kind="ok">Active</Pill>
                          ) : (
                            <Pill kind="warn">Has not signed in yet</Pill>
                          ),
                      },
                      { key: 'created_at', label: 'Added', sort: true, render: (u) => fmtDate(u.created_at) },
                    ]}
                  />
                </div>
              );
            }}
          </Async>
        </Card>
      </div>
    </>
  );
}

function Invite({ onInvited }) {
  const [v, setV] = useState({ email: '', role: 'partner_user' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [made, setMade] = useState(null);
  const form = useRef(null);
  const linkRef = useRef(null);
  // The API names the field at fault (email: bad or already has an account; role).
  const { fields, other } = splitErrors(error, ['email', 'role']);

  const submit = async (e) => {
    e.preventDefault();
    const email = v.email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      setError({ field: 'email', message: email ? 'Enter a full email address, like name@company.com.' : 'Enter your colleague’s email address.' });
      focusFirstError(form.current);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const inv = await api.post('/invitations', { email, role: v.role });
      setMade(inv);
      setV({ email: '', role: v.role });
      onInvited && onInvited();
      setTimeout(() => linkRef.current && linkRef.current.select(), 0);
    } catch (err) {
      setError(err);
      focusFirstError(form.current);
    } finally {
      setBusy(false);
    }
  };

  if (made) {
    const link = window.location.origin + made.link;
    return (
      <Card title="Invitation ready" id="p-invite-title">
        <div class="alert alert-warn" role="status">
          <div>
            <strong>Copy this link now: it is shown only once.</strong>
            <p>
              Send it to {made.email} yourself (Consort does not email it). It lets them choose a password and sign in as{' '}
              {ROLE_NAMES[made.role] ? ROLE_NAMES[made.role].toLowerCase() : made.role}
              {made.expires_at ? `; it expires on ${fmtDateTime(made.expires_at)}` : ''}. Anyone with the link can use it, so share it
              privately.
            </p>
          </div>
        </div>
        <LinkField label="Invitation link" link={link} fieldRef={linkRef} what="Invitation link copied" />
        <div class="p-form-actions">
          <button type="button" class="btn btn-secondary" onClick={() => setMade(null)}>
            Invite someone else
          </button>
        </div>
      </Card>
    );
  }

  const role = ROLES.find((r) => r.value === v.role);
  return (
    <Card title="Invite a colleague" id="p-invite-title">
      <form ref={form} onSubmit={submit} noValidate class="p-invite">
        {other && <ErrorBox error={other} title="No invitation was made" />}
        <div class="grid grid-2">
          <Field label="Email" required error={fields.email}>
            {(p) => (
              <input type="email" {...p} value={v.email} onInput={(e) => setV({ ...v, email: e.currentTarget.value })} autoComplete="off" />
            )}
          </Field>
          <Field label="Role" error={fields.role} hint={role && role.hint}>
            {(p) => (
              <select {...p} value={v.role} onChange={(e) => setV({ ...v, role: e.currentTarget.value })}>
                {ROLES.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div class="p-form-actions">
          <Button type="submit" busy={busy}>
            Create invitation link
          </Button>
        </div>
      </form>
    </Card>
  );
}
