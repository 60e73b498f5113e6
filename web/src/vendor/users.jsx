// Users (admins): every account, creating one, and inviting someone (the
// invitation link is shown once, with a copy button).
import { useState } from 'preact/hooks';
import * as api from '../api.js';
import { Link } from '../router.jsx';
import { fmtDate, fmtDateTime } from '../format.js';
import { ROLE_NAMES, VENDOR_ROLES } from '../session.js';
import { Async, Button, Dialog, Empty, ErrorBox, Field, PageHeader, Pill, Table, fieldError, notify, useApi } from '../ui.jsx';
import { loadPartnerNames } from './common.jsx';
import { PendingInvitations, usePendingInvitations } from '../invitations.jsx';

const PARTNER_ROLES = ['partner_admin', 'partner_user'];

function RoleSelect({ value, onChange, error }) {
  return (
    <Field label="Role" required error={error}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <optgroup label="Partnerships team">
            {VENDOR_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </optgroup>
          <optgroup label="Partner">
            {PARTNER_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </optgroup>
        </select>
      )}
    </Field>
  );
}

function PartnerSelect({ value, onChange, error }) {
  const q = useApi(loadPartnerNames, []);
  const names = q.data || {};
  return (
    <Field label="Partner" required error={error || (q.error ? 'Cannot load the partners: ' + q.error.message : null)} hint="The partner this person belongs to.">
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)} disabled={q.loading}>
          <option value="">{q.loading ? 'Loading partners…' : 'Choose a partner…'}</option>
          {Object.entries(names)
            .sort((a, b) => a[1].localeCompare(b[1]))
            .map(([k, n]) => (
              <option key={k} value={k}>
                {n}
              </option>
            ))}
        </select>
      )}
    </Field>
  );
}

/** Shared by both forms: email, role, partner (for partner roles). */
function useAccountForm() {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('partner_manager');
  const [partner, setPartner] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const needsPartner = PARTNER_ROLES.includes(role);
  const check = () => {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return { field: 'email', message: 'Enter an email address such as sam@example.com.' };
    if (needsPartner && !partner) return { field: 'partner', message: 'Choose the partner this person belongs to.' };
    return null;
  };
  return { email, setEmail, role, setRole, partner, setPartner, error, setError, busy, setBusy, needsPartner, check };
}

function AccountFields({ f }) {
  return (
    <>
      <Field label="Email" required error={fieldError(f.error, 'email')}>
        {(p) => <input {...p} type="email" autocomplete="off" value={f.email} onInput={(e) => f.setEmail(e.target.value)} />}
      </Field>
      <RoleSelect value={f.role} onChange={f.setRole} error={fieldError(f.error, 'role')} />
      {f.needsPartner && <PartnerSelect value={f.partner} onChange={f.setPartner} error={fieldError(f.error, 'partner')} />}
    </>
  );
}

const FIELDS = ['email', 'role', 'partner', 'password'];

function CreateDialog({ open, onClose, onDone }) {
  const f = useAccountForm();
  const [password, setPassword] = useState('');
  const close = () => {
    if (f.busy) return;
    f.setError(null);
    onClose();
  };
  const submit = async (e) => {
    e.preventDefault();
    const bad = f.check() || (password && password.length < 12 ? { field: 'password', message: 'At least 12 characters, or leave it empty.' } : null);
    if (bad) {
      f.setError(bad);
      return;
    }
    f.setBusy(true);
    f.setError(null);
    try {
      const body = { email: f.email.trim(), role: f.role };
      if (f.needsPartner) body.partner = f.partner;
      if (password) body.password = password;
      const u = await api.post('/users', body);
      f.setBusy(false);
      f.setEmail('');
      setPassword('');
      notify(`Account created for ${u.email}.${password ? '' : ' Invite them so they can set a password.'}`);
      onDone();
    } catch (err) {
      f.setBusy(false);
      f.setError(err);
    }
  };
  return (
    <Dialog open={open} title="Create a user" onClose={close}>
      <form onSubmit={submit} noValidate>
        {f.error && !FIELDS.includes(f.error.field) && <ErrorBox error={f.error} title="The account was not created" />}
        <AccountFields f={f} />
        <Field label="Password" error={fieldError(f.error, 'password')} hint="Optional, at least 12 characters. Leave it empty and send an invitation: they choose their own.">
          {(p) => <input {...p} type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.target.value)} />}
        </Field>
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={close} disabled={f.busy}>
            Cancel
          </button>
          <Button type="submit" busy={f.busy}>
            Create account
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function InviteDialog({ open, onClose, onDone }) {
  const f = useAccountForm();
  const [made, setMade] = useState(null);
  const [copied, setCopied] = useState(false);
  const close = () => {
    if (f.busy) return;
    f.setError(null);
    setMade(null);
    setCopied(false);
    onClose();
  };
  const submit = async (e) => {
    e.preventDefault();
    const bad = f.check();
    if (bad) {
      f.setError(bad);
      return;
    }
    f.setBusy(true);
    f.setError(null);
    try {
      const body = { email: f.email.trim(), role: f.role };
      if (f.needsPartner) body.partner = f.partner;
      const inv = await api.post('/invitations', body);
      f.setBusy(false);
      f.setEmail('');
      const names = await loadPartnerNames().catch(() => ({}));
      setMade({ ...inv, partnerName: names[inv.partner], url: new URL(inv.link, window.location.origin).href });
      onDone();
    } catch (err) {
      f.setBusy(false);
      f.setError(err);
    }
  };
  const copy = async (e) => {
    const input = e.currentTarget.form && e.currentTarget.form.querySelector('input');
    try {
      await navigator.clipboard.writeText(made.url);
    } catch (err) {
      if (input) {
        input.select();
        document.execCommand('copy');
      }
    }
    setCopied(true);
    notify('Invitation link copied.');
  };
  return (
    <Dialog open={open} title={made ? 'Invitation ready' : 'Invite someone'} onClose={close}>
      {made ? (
        <form onSubmit={(e) => e.preventDefault()}>
          <div class="alert alert-warn">
            <div>
              This link is shown only once. Send it to {made.email}: it lets them set a password and sign in as {ROLE_NAMES[made.role] || made.role}
              {made.partner ? ` of ${made.partnerName || made.partner}` : ''}. It expires {fmtDateTime(made.expires_at)}.
            </div>
          </div>
          <Field label="Invitation link">
            {(p) => <input {...p} type="text" readOnly value={made.url} onFocus={(e) => e.target.select()} class="mono" />}
          </Field>
          <div class="dialog-actions">
            <button type="button" class="btn btn-secondary" onClick={copy}>
              {copied ? 'Copied ✓' : 'Copy link'}
            </button>
            <button type="button" class="btn btn-primary" onClick={close}>
              Done
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={submit} noValidate>
          <p class="muted small">The invitation gives a link, valid 72 hours, with which they set their password. Nothing is emailed.</p>
          {f.error && !FIELDS.includes(f.error.field) && <ErrorBox error={f.error} title="No invitation was made" />}
          <AccountFields f={f} />
          <div class="dialog-actions">
            <button type="button" class="btn btn-secondary" onClick={close} disabled={f.busy}>
              Cancel
            </button>
            <Button type="submit" busy={f.busy}>
              Create invitation
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

const partnerCell = (x) => (x.partner ? <Link to={`/partners/${api.seg(x.partner)}`}>{x.partner}</Link> : <span class="muted">—</span>);

export function Users() {
  const q = useApi(() => api.get('/users'), []);
  const invitations = usePendingInvitations();
  const [dialog, setDialog] = useState(null);
  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Everyone who can sign in: the partnerships team and partners' people."
        actions={
          <>
            <button type="button" class="btn btn-secondary" onClick={() => setDialog('create')}>
              Create user
            </button>
            <button type="button" class="btn btn-primary" onClick={() => setDialog('invite')}>
              Invite
            </button>
          </>
        }
      />
      <Async q={q} label="Loading users…">
        {(d) => (
          <div class="table-cards">
            <Table
              caption="Users"
              rows={d.items}
              rowKey={(u) => u.id}
              empty={<Empty title="No users">Invite someone to get started.</Empty>}
              columns={[
                { key: 'email', label: 'Email', sort: true, render: (u) => <strong class="break">{u.email}</strong> },
                { key: 'role', label: 'Role', sort: (u) => ROLE_NAMES[u.role] || u.role, render: (u) => ROLE_NAMES[u.role] || u.role },
                { key: 'partner', label: 'Partner', sort: true, render: partnerCell },
                {
                  key: 'status',
                  label: 'Status',
                  render: (u) =>
                    !u.active ? <Pill kind="inactive">Disabled</Pill> : !u.password_set ? <Pill kind="pending">Password not set</Pill> : <Pill kind="active">Active</Pill>,
                },
                {
                  key: 'created_at',
                  label: 'Created',
                  sort: true,
                  render: (u) => (
                    <span>
                      {fmtDate(u.created_at)}
                      <span class="muted small block">by {u.created_by}</span>
                    </span>
                  ),
                },
              ]}
            />
          </div>
        )}
      </Async>
      <CreateDialog
        open={dialog === 'create'}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          q.reload();
        }}
      />
      <PendingInvitations q={invitations} partnerCell={partnerCell} />
      <InviteDialog
        open={dialog === 'invite'}
        onClose={() => setDialog(null)}
        onDone={() => {
          q.reload();
          invitations.reload();
        }}
      />
    </>
  );
}
