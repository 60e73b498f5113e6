// Pending invitations (GET /invitations: partner admins see their partner's,
// admins every one), each revocable behind a confirmation or sent again (a
// new link; the old one stops working), and the expired ones, which can be
// sent again. Shown by the partner Team page and the vendor Users page; the
// page owns the query (q) so that it can reload the list after inviting someone.
import { useState } from 'preact/hooks';
import * as api from './api.js';
import { fmtDateTime } from './format.js';
import { ROLE_NAMES } from './session.js';
import { Async, Card, Empty, ErrorBox, Table, notify, useApi } from './ui.jsx';
import { ConfirmDelete, LinkField } from './partner/common.jsx';

/** The invitations query, for <PendingInvitations q={...}>: { items (pending), expired }. */
export function usePendingInvitations() {
  return useApi(async () => {
    const [pending, expired] = await Promise.all([api.get('/invitations'), api.get('/invitations', { status: 'expired' })]);
    return { items: pending.items || [], expired: expired.items || [] };
  }, []);
}

/** The new link of an invitation sent again: shown once, with a copy button. */
function ResentLink({ inv, onDone }) {
  const link = window.location.origin + inv.link;
  return (
    <div class="alert alert-warn resent-link" role="status">
      <div>
        <strong>New link for {inv.email}: copy it now, it is shown only once.</strong>
        <p>
          The previous link no longer works. Send this one yourself (Consort does not email it); it expires on {fmtDateTime(inv.expires_at)}.
        </p>
        <LinkField label="New invitation link" link={link} what="Invitation link copied" />
        <button type="button" class="btn btn-secondary btn-sm" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

/**
 * A card listing q's invitations with a "Revoke" button each. partnerCell
 * (admins): renders an invitation's partner (null for vendor roles) in a
 * Partner column; without it the column is left out.
 */
export function PendingInvitations({ q, partnerCell }) {
  const [revoking, setRevoking] = useState(null);
  const [shown, setShown] = useState(null); // what the dialog names, kept while it closes
  const ask = (inv) => {
    setShown(inv);
    setRevoking(inv);
  };
  const revoke = async () => {
    try {
      await api.del(`/invitations/${api.seg(String(revoking.id))}`);
    } catch (err) {
      // Accepted, expired or revoked meanwhile: the list is out of date.
      if (err.status === 404 || err.status === 409) q.reload();
      throw err;
    }
    notify(`Invitation for ${revoking.email} revoked.`);
    setRevoking(null);
    q.reload();
  };
  const [resent, setResent] = useState(null);
  const [resendError, setResendError] = useState(null);
  const resend = async (inv) => {
    setResendError(null);
    try {
      setResent(await api.post(`/invitations/${api.seg(String(inv.id))}/resend`));
      notify(`A new invitation link for ${inv.email} is ready.`);
    } catch (err) {
      setResendError(err);
    }
    q.reload();
  };
  const resendButton = (i, label) => (
    <button type="button" class="btn btn-secondary btn-sm" onClick={() => resend(i)} aria-label={`${label}: a new link for ${i.email}`}>
      {label}
    </button>
  );
  const columns = [
    { key: 'email', label: 'Email', sort: true, render: (i) => <strong class="break">{i.email}</strong> },
    { key: 'role', label: 'Role', sort: (i) => ROLE_NAMES[i.role] || i.role, render: (i) => ROLE_NAMES[i.role] || i.role },
    partnerCell && { key: 'partner', label: 'Partner', sort: (i) => i.partner || '', render: partnerCell },
    { key: 'invited_by', label: 'Invited by', sort: true, render: (i) => <span class="break">{i.invited_by}</span> },
    { key: 'expires_at', label: 'Expires', sort: true, render: (i) => fmtDateTime(i.expires_at) },
    {
      key: 'actions',
      label: <span class="sr-only">Actions</span>,
      render: (i) => (
        <span class="row-actions">
          {resendButton(i, 'Resend')}
          <button type="button" class="btn btn-secondary btn-sm" onClick={() => ask(i)} aria-label={`Revoke the invitation for ${i.email}`}>
            Revoke
          </button>
        </span>
      ),
    },
  ].filter(Boolean);
  const expiredColumns = [
    ...columns.slice(0, -2),
    { key: 'expires_at', label: 'Expired', sort: true, render: (i) => fmtDateTime(i.expires_at) },
    { key: 'actions', label: <span class="sr-only">Actions</span>, render: (i) => resendButton(i, 'Send again') },
  ];
  return (
    <Card title="Pending invitations" id="pending-invitations-title" class="pending-invitations">
      {resent && <ResentLink inv={resent} onDone={() => setResent(null)} />}
      {resendError && <ErrorBox error={resendError} title="The invitation was not sent again" />}
      <Async q={q} label="Loading pending invitations…">
        {(d) => (
          <>
            <div class="table-cards">
              <Table
                caption="Pending invitations"
                rows={d.items || []}
                rowKey={(i) => i.id}
                columns={columns}
                empty={
                  <Empty title="No pending invitations" icon="✉">
                    Invitations appear here until they are accepted, revoked or expire.
                  </Empty>
                }
              />
            </div>
            {(d.expired || []).length > 0 && (
              <>
                <h3 class="subhead">Expired</h3>
                <p class="muted small">Their links no longer work. Send one again to give the person a new link.</p>
                <div class="table-cards">
                  <Table caption="Expired invitations" rows={d.expired} rowKey={(i) => i.id} columns={expiredColumns} />
                </div>
              </>
            )}
          </>
        )}
      </Async>
      <ConfirmDelete
        open={!!revoking}
        title="Revoke this invitation?"
        confirmLabel="Revoke invitation"
        errorTitle="The invitation was not revoked"
        onConfirm={revoke}
        onClose={() => setRevoking(null)}
      >
        {shown && (
          <p>
            The link sent to <strong>{shown.email}</strong> stops working at once. You can invite them again later.
          </p>
        )}
      </ConfirmDelete>
    </Card>
  );
}
