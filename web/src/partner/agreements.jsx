// Agreements: the Terms of Service click-through (partner admins accept, on
// behalf of the partner, the version shown), the acceptance history, and the
// agreements on record.
import { useState } from 'preact/hooks';
import * as api from '../api.js';
import { useMe, can } from '../session.js';
import { Async, Button, Card, Empty, ErrorBox, PageHeader, Pill, Table, notify, useApi } from '../ui.jsx';
import { fmtDate, fmtDateTime, titleCase, todayIso } from '../format.js';
import { loadPartnerContext, namesOf, usePartnerKey } from './common.jsx';

/* ---------- the document, as text ---------- */

/** Inline `code` and **bold**, as text nodes and elements: never HTML. */
function inline(text) {
  const out = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[1] !== undefined ? <code key={m.index}>{m[1]}</code> : <strong key={m.index}>{m[2]}</strong>);
    last = re.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Markdown-ish plain text: headings (#), bullet lists (- or *) and paragraphs. */
export function DocumentText({ body }) {
  const blocks = String(body || '')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <>
      {blocks.map((b, i) => {
        const h = /^(#{1,6})\s+(.*)$/s.exec(b);
        if (h) {
          const text = h[2].replace(/\s*\n\s*/g, ' ');
          return h[1].length <= 2 ? <h3 key={i}>{inline(text)}</h3> : <h4 key={i}>{inline(text)}</h4>;
        }
        const lines = b.split('\n');
        if (lines.every((l) => /^\s*[-*]\s+/.test(l)))
          return (
            <ul key={i}>
              {lines.map((l, j) => (
                <li key={j}>{inline(l.replace(/^\s*[-*]\s+/, ''))}</li>
              ))}
            </ul>
          );
        return <p key={i}>{inline(lines.map((l) => l.trim()).join(' '))}</p>;
      })}
    </>
  );
}

/* ---------- page ---------- */

async function loadRecords(partnerKey) {
  const k = api.seg(partnerKey);
  const [ctx, agreements, acceptances] = await Promise.all([
    loadPartnerContext(partnerKey),
    api.getAll(`/partners/${k}/agreements`),
    api.getAll(`/partners/${k}/agreements/acceptances`),
  ]);
  return { ctx, agreements, acceptances };
}

const newestFirst = (a, b) => String(b.accepted_at).localeCompare(String(a.accepted_at)) || (b.id || 0) - (a.id || 0);

export function Agreements() {
  const key = usePartnerKey();
  const tosQ = useApi(() => api.get('/agreements/tos'), []);
  const recQ = useApi(() => loadRecords(key), [key]);
  const [added, setAdded] = useState([]); // acceptances made on this page, before a reload
  const acceptances = recQ.data ? [...added, ...recQ.data.acceptances.filter((a) => !added.some((x) => x.id === a.id))].sort(newestFirst) : [];
  return (
    <>
      <PageHeader title="Agreements" subtitle="The Terms of Service and the agreements on record for your company" />
      <Card title="Terms of Service" id="p-tos-title">
        <Async q={tosQ} label="Loading the Terms of Service…">
          {(tos) =>
            recQ.error ? (
              <ErrorBox error={recQ.error} retry={recQ.reload} title="Cannot load your acceptances" />
            ) : (
              <TermsOfService tos={tos} acceptances={recQ.data ? acceptances : null} partnerKey={key} onAccepted={(a) => setAdded((xs) => [a, ...xs])} />
            )
          }
        </Async>
      </Card>
      <Async q={recQ} label="Loading your agreements…">
        {({ ctx, agreements }) => (
          <>
            <AgreementList agreements={agreements} names={namesOf(Object.values(ctx.programs), 'agreements')} />
            <History acceptances={acceptances} current={tosQ.data && tosQ.data.version} />
          </>
        )}
      </Async>
    </>
  );
}

function TermsOfService({ tos, acceptances, partnerKey, onAccepted }) {
  const me = useMe();
  const admin = can(me, 'partner_admin');
  const [agree, setAgree] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const mine = (acceptances || []).filter((a) => a.agreement === 'tos');
  const current = mine.find((a) => a.document_version === tos.version);
  const earlier = !current && mine[0];

  const accept = async (e) => {
    e.preventDefault();
    if (!agree) {
      setError({ field: 'agree', message: 'Tick the box to confirm that you have read and agree to the Terms of Service.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const a = await api.post(`/partners/${api.seg(partnerKey)}/agreements/tos/accept`, { document_version: tos.version });
      onAccepted(a);
      notify('Terms of Service accepted');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div class="row p-doc-head">
        <h3>{tos.title}</h3>
        <Pill kind="muted">Version {tos.version}</Pill>
      </div>
      <div class="p-doc" tabIndex={0} role="region" aria-label={`${tos.title}, version ${tos.version}`}>
        <DocumentText body={tos.body} />
      </div>
      <div class="p-accept" aria-live="polite">
        {acceptances === null ? (
          <span class="muted small">Checking whether your company has accepted…</span>
        ) : current ? (
          <div class="alert alert-ok p-accepted" data-testid="tos-accepted">
            <span aria-hidden="true">✓</span>
            <div>
              Accepted by <strong>{current.accepted_by}</strong> on {fmtDate(current.accepted_at)} (version {current.document_version})
            </div>
          </div>
        ) : (
          <>
            {earlier && (
              <div class="alert alert-warn">
                <div>
                  <strong>A new version needs to be accepted.</strong>
                  <p>
                    {earlier.accepted_by} accepted version {earlier.document_version} on {fmtDate(earlier.accepted_at)}; version{' '}
                    {tos.version} has not been accepted yet.
                  </p>
                </div>
              </div>
            )}
            {admin ? (
              <form onSubmit={accept} class="p-accept" noValidate>
                {error && error.field !== 'agree' && <ErrorBox error={error} title="The acceptance was not recorded" />}
                <label class="checkbox">
                  <input
                    type="checkbox"
                    checked={agree}
                    onChange={(e) => {
                      setAgree(e.currentTarget.checked);
                      if (error && error.field === 'agree') setError(null);
                    }}
                    aria-invalid={error && error.field === 'agree' ? 'true' : undefined}
                    aria-describedby={error && error.field === 'agree' ? 'p-agree-err' : undefined}
                  />
                  I have read and agree to the Terms of Service
                </label>
                {error && error.field === 'agree' && (
                  <div class="error-text" id="p-agree-err" role="alert">
                    {error.message}
                  </div>
                )}
                <p class="small muted">You accept on behalf of your company; your name, the time and the version are recorded.</p>
                <Button type="submit" busy={busy}>
                  Accept the Terms of Service
                </Button>
              </form>
            ) : (
              <div class="alert alert-info">
                <div>
                  <strong>{earlier ? 'Waiting for a partner administrator' : 'Not accepted yet'}</strong>
                  <p>Only a partner administrator of your company can accept the Terms of Service.</p>
                </div>
              </div>
            )}
          </>
        )}
      </div>
    </>
  );
}

function agreementStatus(a, today) {
  if (a.expires_on && a.expires_on < today) return <Pill kind="bad">Expired</Pill>;
  if (a.expires_on) {
    const days = (Date.parse(a.expires_on) - Date.parse(today)) / 86400000;
    if (days <= 60) return <Pill kind="warn">Expires soon</Pill>;
  }
  if (a.signed_on > today) return <Pill kind="muted">Starts {fmtDate(a.signed_on)}</Pill>;
  return <Pill kind="ok">In force</Pill>;
}

function AgreementList({ agreements, names }) {
  const today = todayIso();
  const rows = agreements.map((a) => ({ ...a, name: names[a.agreement] || titleCase(a.agreement) }));
  return (
    <Card title="Your agreements" id="p-agreements-title">
      <p class="muted small">Signed agreements on record with the partnerships team. They count toward your tier requirements.</p>
      <div class="table-cards">
        <Table
          caption="Your agreements"
          rowKey={(r) => r.agreement}
          rows={rows}
          empty={
            <Empty title="No agreements on record" icon="✎">
              Agreements you sign with the partnerships team appear here once they are recorded.
            </Empty>
          }
          columns={[
            { key: 'name', label: 'Agreement', sort: true, render: (r) => <span class="p-title-cell">{r.name}</span> },
            { key: 'signed_on', label: 'Signed on', sort: true, render: (r) => fmtDate(r.signed_on) },
            { key: 'expires_on', label: 'Expires', sort: true, render: (r) => (r.expires_on ? fmtDate(r.expires_on) : 'No expiry') },
            { key: 'status', label: 'Status', render: (r) => agreementStatus(r, today) },
          ]}
        />
      </div>
    </Card>
  );
}

function History({ acceptances, current }) {
  return (
    <Card title="Acceptance history" id="p-history-title">
      <div class="table-cards">
        <Table
          caption="Acceptance history"
          rows={acceptances}
          rowKey={(r) => r.id}
          empty={
            <Empty title="No acceptances yet" icon="✓">
              When a partner administrator accepts the Terms of Service, it is recorded here.
            </Empty>
          }
          columns={[
            { key: 'accepted_at', label: 'Accepted', render: (r) => fmtDateTime(r.accepted_at) },
            { key: 'accepted_by', label: 'By' },
            { key: 'agreement', label: 'Document', render: (r) => (r.agreement === 'tos' ? 'Terms of Service' : titleCase(r.agreement)) },
            {
              key: 'document_version',
              label: 'Version',
              render: (r) => (
                <span class="row">
                  {r.document_version}
                  {current && r.agreement === 'tos' && r.document_version === current && <Pill kind="ok">Current</Pill>}
                </span>
              ),
            },
            { key: 'client', label: 'From address', render: (r) => <span class="mono">{r.client || '—'}</span> },
          ]}
        />
      </div>
    </Card>
  );
}
