// Pending invitations (GET /invitations: partner admins see their partner's,
// admins every one), each revocable behind a confirmation. Shown by the
// partner Team page and the vendor Users page; the page owns the query (q)
// so that it can reload the list after inviting someone.
import { useState } from 'preact/hooks';
import * as api from './api.js';
import { fmtDateTime } from './format.js';
import { ROLE_NAMES } from './session.js';
import { Async, Card, Empty, Table, notify, useApi } from './ui.jsx';
import { ConfirmDelete } from './partner/common.jsx';

/** The pending invitations query, for <PendingInvitations q={...}>. */
export function usePendingInvitations() {
  return useApi(() => api.get('/invitations'), []);
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
        <button type="button" class="btn btn-secondary btn-sm" onClick={() => ask(i)} aria-label={`Revoke the invitation for ${i.email}`}>
          Revoke
        </button>
      ),
    },
  ].filter(Boolean);
  return (
    <Card title="Pending invitations" id="pending-invitations-title" class="pending-invitations">
      <Async q={q} label="Loading pending invitations…">
        {(d) => (
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
