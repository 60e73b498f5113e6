// One partner: who it is, its tier in each program, its scorecard (standing
// and gap to the next tier, with the records that counted), tier history,
// records, benefits; partner managers set its tier or deactivate it.
import { useState } from 'preact/hooks';
import * as api from '../api.js';
import { Link, setQuery } from '../router.jsx';
import { fmtDate, fmtDateTime, fmtMoney, fmtValue, titleCase } from '../format.js';
import { can, useMe } from '../session.js';
import {
  Async,
  Button,
  Card,
  Dialog,
  Empty,
  ErrorBox,
  Field,
  Loading,
  PageHeader,
  Pager,
  Pill,
  Table,
  Tabs,
  fieldError,
  notify,
  useApi,
  TableWrap,
} from '../ui.jsx';
import {
  DeactivateDialog,
  EvidenceList,
  ExpandButton,
  Tier,
  TierMove,
  forget,
  listNames,
  loadCatalog,
  loadProgram,
  thresholdText,
  tierName,
} from './common.jsx';

const TABS = [
  { value: 'scorecard', label: 'Scorecard' },
  { value: 'history', label: 'Tier history' },
  { value: 'records', label: 'Records' },
  { value: 'benefits', label: 'Benefits' },
];

/* ---------- scorecard ---------- */

function MetIcon({ setting }) {
  if (!setting || !setting.required) return null;
  return setting.met ? (
    <span class="met-icon met-yes" role="img" aria-label="met" title="Met">
      ✓
    </span>
  ) : (
    <span class="met-icon met-no" role="img" aria-label="not met" title="Not met">
      ✗
    </span>
  );
}

function Scorecard({ partner, program }) {
  const q = useApi(async () => {
    const [card, prog] = await Promise.all([
      api.get(`/partners/${api.seg(partner)}/scorecard`, { program }),
      loadProgram(program),
    ]);
    return { card, prog };
  }, [partner, program]);
  const [open, setOpen] = useState({});
  return (
    <Async q={q} label="Working out the scorecard…">
      {({ card, prog }) => {
        const tiers = prog.tiers;
        const reqs = card.requirements || [];
        const qualifiedDiffers = card.qualified_tier !== card.current_tier;
        return (
          <>
            <div class="grid grid-4 stats-row">
              <div class="stat">
                <div class="stat-label">Current tier</div>
                <div class="stat-value">
                  <Tier program={prog} tier={card.current_tier} />
                </div>
              </div>
              <div class="stat">
                <div class="stat-label">Qualifies today for</div>
                <div class="stat-value">
                  <Tier program={prog} tier={card.qualified_tier} />
                </div>
                <div class="stat-hint">
                  {card.qualified_tier === null
                    ? 'Not in good standing'
                    : qualifiedDiffers
                      ? card.change === 'up'
                        ? 'Above its current tier'
                        : 'Below its current tier'
                      : 'Same as its current tier'}
                </div>
              </div>
              <div class="stat">
                <div class="stat-label">Next tier</div>
                <div class="stat-value">{card.next_tier ? <Tier program={prog} tier={card.next_tier.tier} /> : <span class="small">Top tier</span>}</div>
              </div>
              <div class="stat">
                <div class="stat-label">Measured over</div>
                <div class="stat-value stat-value-sm">
                  {fmtDate(card.window.from)} – {fmtDate(card.window.to)}
                </div>
                <div class="stat-hint">Mid-year standing as of {fmtDate(card.as_of)}</div>
              </div>
            </div>
            {card.next_tier && card.next_tier.gap && (
              <div class="alert alert-info">
                <div>
                  <strong>To reach {tierName(prog, card.next_tier.tier)}:</strong> {card.next_tier.gap}
                </div>
              </div>
            )}
            <TableWrap label="Requirements: the partner's value against each tier's threshold">
              <table class="table scorecard-table">
                <caption class="sr-only">Requirements: the partner's value against each tier's threshold</caption>
                <thead>
                  <tr>
                    <th scope="col">Requirement</th>
                    <th scope="col" class="num">
                      Value
                    </th>
                    {tiers.map((t) => (
                      <th scope="col" key={t.key} class={'num' + (t.key === card.target_tier ? ' col-target' : '')}>
                        {t.name}
                      </th>
                    ))}
                    <th scope="col">Gap to {tierName(prog, card.target_tier)}</th>
                  </tr>
                </thead>
                <tbody>
                  {reqs.map((r) => {
                    const id = `ev-${r.key}`;
                    const isOpen = !!open[r.key];
                    return [
                      <tr key={r.key} class={r.applies === false ? 'row-muted' : ''}>
                        <th scope="row" class="req-name">
                          <span>{r.name}</span>
                          {r.group && <span class="muted small"> · one of “{r.group}”</span>}
                          {r.applies === false ? (
                            <span class="muted small block">Does not apply to this partner's motions or products</span>
                          ) : (
                            <span class="block">
                              <ExpandButton open={isOpen} controls={id} onClick={() => setOpen({ ...open, [r.key]: !isOpen })}>
                                Evidence ({(r.evidence || []).length})
                              </ExpandButton>
                            </span>
                          )}
                        </th>
                        <td class="num" data-label="Value">
                          {fmtValue(r.unit, r.value)}
                        </td>
                        {tiers.map((t) => {
                          const s = r.tiers && r.tiers[t.key];
                          return (
                            <td key={t.key} class={'num' + (t.key === card.target_tier ? ' col-target' : '')} data-label={t.name}>
                              {s && r.unit === 'bool' && !s.invite_only && r.applies !== false ? (
                                <MetIcon setting={s} />
                              ) : (
                                <>
                                  {thresholdText(r.unit, s)} {r.applies !== false && <MetIcon setting={s} />}
                                </>
                              )}
                            </td>
                          );
                        })}
                        <td data-label="Gap">
                          {r.applies === false ? '—' : r.gap ? <span class="gap-text">{r.gap}</span> : r.met ? <Pill kind="met">Met</Pill> : '—'}
                        </td>
                      </tr>,
                      isOpen && (
                        <tr key={r.key + '-ev'} id={id} class="detail-row">
                          <td colSpan={tiers.length + 3}>
                            <EvidenceList evidence={r.evidence} />
                          </td>
                        </tr>
                      ),
                    ];
                  })}
                </tbody>
              </table>
            </TableWrap>
            <p class="muted small">
              ✓ met, ✗ not met at that tier; “—” not required there; “by invitation” applies only to partners invited to the tier. Performance is measured over the window
              above; other requirements as of {fmtDate(card.as_of)}.
            </p>
          </>
        );
      }}
    </Async>
  );
}

/* ---------- tier history ---------- */

function TierHistory({ partner, programs, version }) {
  const [offset, setOffset] = useState(0);
  const limit = 25;
  const q = useApi(() => api.get(`/partners/${api.seg(partner)}/tier-history`, { limit, cursor: offset || '' }), [partner, offset, version]);
  const progOf = (k) => programs.find((p) => p.key === k);
  return (
    <Async q={q} label="Loading the tier history…">
      {(page) => (
        <>
          <div class="table-cards">
            <Table
              caption="Tier history"
              rows={page.items}
              rowKey={(r) => r.id}
              empty={<Empty title="No tier changes yet">Approved proposals and overrides appear here.</Empty>}
              columns={[
                { key: 'effective_on', label: 'Effective', render: (r) => <span class="nowrap">{fmtDate(r.effective_on)}</span> },
                { key: 'program', label: 'Program', render: (r) => progOf(r.program)?.name || r.program },
                { key: 'move', label: 'Change', render: (r) => <TierMove program={progOf(r.program)} from={r.from_tier} to={r.to_tier} /> },
                {
                  key: 'source',
                  label: 'How',
                  render: (r) =>
                    r.source === 'override' ? (
                      <Pill kind="warn">Override</Pill>
                    ) : (
                      <Pill kind="ok">{r.proposal ? `Approved proposal #${r.proposal}` : titleCase(r.source)}</Pill>
                    ),
                },
                { key: 'reason', label: 'Reason', render: (r) => r.reason || '—' },
                {
                  key: 'changed_by',
                  label: 'By',
                  render: (r) => (
                    <span>
                      {r.changed_by}
                      <span class="muted small block">{fmtDateTime(r.recorded_at)}</span>
                    </span>
                  ),
                },
              ]}
            />
          </div>
          <Pager offset={offset} count={page.items.length} limit={limit} onPage={setOffset} />
        </>
      )}
    </Async>
  );
}

/* ---------- records ---------- */

const money = (k) => (r) => fmtMoney(r[k]);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2026-10" -> "Oct 2026". */
const fmtMonth = (m) => (/^\d{4}-\d{2}$/.test(m || '') ? `${MONTHS[+m.slice(5) - 1]} ${m.slice(0, 4)}` : m || '—');
const date = (k) => (r) => <span class="nowrap">{fmtDate(r[k])}</span>;

const RECORDS = [
  {
    kind: 'enrollments',
    title: 'Enrollments',
    columns: [
      { key: 'program', label: 'Program', render: (r, n) => n.programs[r.program] || r.program },
      { key: 'tier', label: 'Tier', render: (r) => <Tier tier={r.tier} /> },
      { key: 'since', label: 'Since', render: date('since') },
      { key: 'invited', label: 'Invited to', render: (r) => (r.invited ? r.invited.split(';').map(titleCase).join(', ') : '—') },
    ],
  },
  {
    kind: 'agreements',
    title: 'Agreements',
    columns: [
      { key: 'agreement', label: 'Agreement', render: (r, n) => n.agreements[r.agreement] || titleCase(r.agreement) },
      { key: 'signed_on', label: 'Signed', render: date('signed_on') },
      { key: 'expires_on', label: 'Expires', render: (r) => (r.expires_on ? fmtDate(r.expires_on) : 'No end date') },
    ],
  },
  {
    kind: 'solutions',
    title: 'Solutions',
    columns: [
      { key: 'name', label: 'Solution' },
      { key: 'product', label: 'Product', render: (r, n) => n.products[r.product] || titleCase(r.product) },
      { key: 'launched_on', label: 'Launched', render: date('launched_on') },
      { key: 'docs_on', label: 'Docs', render: date('docs_on') },
      { key: 'collateral_on', label: 'Collateral', render: date('collateral_on') },
      { key: 'reviewed_on', label: 'Reviewed', render: date('reviewed_on') },
    ],
  },
  {
    kind: 'stories',
    title: 'Customer stories',
    columns: [
      {
        key: 'title',
        label: 'Story',
        render: (r) =>
          r.url && /^https?:\/\//.test(r.url) ? (
            <a href={r.url} target="_blank" rel="noopener noreferrer">
              {r.title}
            </a>
          ) : (
            r.title
          ),
      },
      { key: 'customer', label: 'Customer', render: (r) => r.customer || '—' },
      { key: 'published_on', label: 'Published', render: (r) => (r.published_on ? fmtDate(r.published_on) : <Pill kind="muted">Draft</Pill>) },
    ],
  },
  {
    kind: 'deals',
    title: 'Deals',
    money: true,
    columns: [
      { key: 'key', label: 'Deal', class: 'mono' },
      { key: 'account', label: 'Account' },
      { key: 'product', label: 'Product', render: (r, n) => n.products[r.product] || titleCase(r.product) },
      { key: 'type', label: 'Type', render: (r) => titleCase(r.type) },
      {
        key: 'stage',
        label: 'Stage',
        render: (r) => <Pill kind={r.stage === 'closed_won' ? 'ok' : r.stage === 'closed_lost' ? 'bad' : 'warn'}>{titleCase(r.stage)}</Pill>,
      },
      { key: 'arr_usd', label: 'ARR', align: 'right', render: money('arr_usd') },
      { key: 'closed_on', label: 'Closed', render: date('closed_on') },
    ],
  },
  {
    kind: 'spend',
    title: 'Twilio spend',
    money: true,
    columns: [
      { key: 'month', label: 'Month', render: (r) => fmtMonth(r.month) },
      { key: 'amount_usd', label: 'Amount', align: 'right', render: money('amount_usd') },
    ],
  },
  {
    kind: 'commits',
    title: 'Commits',
    money: true,
    columns: [
      { key: 'key', label: 'Commit', class: 'mono' },
      { key: 'tcv_usd', label: 'TCV', align: 'right', render: money('tcv_usd') },
      { key: 'signed_on', label: 'Signed', render: date('signed_on') },
      { key: 'start_on', label: 'Starts', render: date('start_on') },
      { key: 'end_on', label: 'Ends', render: date('end_on') },
    ],
  },
  {
    kind: 'support',
    title: 'Support plans',
    columns: [
      { key: 'plan', label: 'Plan' },
      { key: 'start_on', label: 'Starts', render: date('start_on') },
      { key: 'end_on', label: 'Ends', render: (r) => (r.end_on ? fmtDate(r.end_on) : 'Ongoing') },
    ],
  },
  {
    kind: 'mapping',
    title: 'Account mapping',
    columns: [
      { key: 'enabled_on', label: 'Enabled', render: date('enabled_on') },
      { key: 'disabled_on', label: 'Disabled', render: (r) => (r.disabled_on ? fmtDate(r.disabled_on) : 'Still enabled') },
    ],
  },
  {
    kind: 'plans',
    title: 'Joint GTM business plans',
    none: 'No joint GTM business plan recorded.',
    columns: [
      { key: 'program', label: 'Program', render: (r, n) => n.programs[r.program] || r.program },
      { key: 'year', label: 'Year' },
      { key: 'approved_on', label: 'Approved', render: date('approved_on') },
    ],
  },
  {
    kind: 'activity',
    title: 'Activity',
    columns: [
      { key: 'on', label: 'Date', render: date('on') },
      { key: 'kind', label: 'Activity', render: (r) => titleCase(r.kind) },
    ],
  },
];

const MONEY_ROLES = ['admin', 'partner_manager', 'finance'];

function RecordList({ partner, spec, names }) {
  const columns = spec.columns.map((c) => (c.render && c.render.length > 1 ? { ...c, render: (r) => c.render(r, names) } : c));
  const [offset, setOffset] = useState(0);
  const limit = 10;
  const q = useApi(() => api.get(`/partners/${api.seg(partner)}/${spec.kind}`, { limit, cursor: offset || '' }), [partner, offset]);
  const id = 'rec-' + spec.kind;
  return (
    <Card title={spec.title} id={id} class="record-card">
      <Async q={q} label={`Loading ${spec.title.toLowerCase()}…`}>
        {(page) => (
          <>
            <div class="table-cards">
              <Table
                caption={spec.title}
                columns={columns}
                rows={page.items}
                rowKey={(r, i) => r.key || r.month || r.program + (r.year || '') || i}
                empty={<p class="muted empty-line">{spec.none || `No ${spec.title.toLowerCase()} recorded.`}</p>}
              />
            </div>
            <Pager offset={offset} count={page.items.length} limit={limit} onPage={setOffset} />
          </>
        )}
      </Async>
    </Card>
  );
}

function Records({ partner, names }) {
  const me = useMe();
  const money = can(me, ...MONEY_ROLES);
  return (
    <>
      <nav class="record-index" aria-label="Records">
        {RECORDS.filter((s) => money || !s.money).map((s) => (
          <a key={s.kind} href={`#rec-${s.kind}`}>
            {s.title}
          </a>
        ))}
      </nav>
      {!money && (
        <p class="muted small">Deals, spend and commits are visible to administrators, partner managers and finance.</p>
      )}
      <div class="records-grid">
        {RECORDS.filter((s) => money || !s.money).map((s) => (
          <RecordList key={s.kind} partner={partner} spec={s} names={names} />
        ))}
      </div>
    </>
  );
}

/* ---------- benefits ---------- */

const GRANT = { included: 'Included at this tier', invite_only: 'By invitation at this tier', none: 'Not at this tier' };

function Benefits({ partner, program }) {
  const q = useApi(async () => {
    const [b, prog] = await Promise.all([api.get(`/partners/${api.seg(partner)}/benefits`, { program }), loadProgram(program)]);
    return { b, prog };
  }, [partner, program]);
  return (
    <Async q={q} label="Loading benefits…">
      {({ b, prog }) => {
        const entitled = b.benefits.filter((x) => x.status === 'entitled');
        const locked = b.benefits.filter((x) => x.status !== 'entitled');
        return (
          <>
            <p class="muted">
              At <Tier program={prog} tier={b.tier} /> as of {fmtDate(b.as_of)}: {entitled.length} of {b.benefits.length} benefits entitled.
            </p>
            <div class="grid grid-2">
              <Card title={`Entitled (${entitled.length})`} id="ben-entitled">
                {entitled.length ? (
                  <ul class="benefit-list">
                    {entitled.map((x) => (
                      <li key={x.key}>
                        <span class="benefit-icon ok" aria-hidden="true">
                          ✓
                        </span>
                        <div>
                          <strong>{x.name}</strong>
                          <div class="muted small">{GRANT[x.grant] || titleCase(x.grant)}</div>
                        </div>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">No benefit yet.</p>
                )}
              </Card>
              <Card title={`Locked (${locked.length})`} id="ben-locked">
                {locked.length ? (
                  <ul class="benefit-list">
                    {locked.map((x) => (
                      <li key={x.key}>
                        <span class="benefit-icon locked" aria-hidden="true">
                          🔒
                        </span>
                        <div>
                          <strong>{x.name}</strong>
                          <div class="muted small">{GRANT[x.grant] || titleCase(x.grant)}</div>
                          {x.reasons.length > 0 && (
                            <ul class="reasons">
                              {x.reasons.map((r, i) => (
                                <li key={i}>{r.charAt(0).toUpperCase() + r.slice(1)}</li>
                              ))}
                            </ul>
                          )}
                        </div>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">Every benefit of the program is entitled.</p>
                )}
              </Card>
            </div>
          </>
        );
      }}
    </Async>
  );
}

/* ---------- set tier ---------- */

function SetTierDialog({ open, partner, enrolled, programs, initialProgram, onClose, onDone }) {
  const [program, setProgram] = useState(initialProgram);
  const [tier, setTier] = useState('');
  const [reason, setReason] = useState('');
  const [effective, setEffective] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const prog = useApi(() => (program ? loadProgram(program) : Promise.resolve(null)), [program]);
  const current = partner.tiers[program];
  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };
  const submit = async (e) => {
    e.preventDefault();
    const problems = !tier ? { field: 'tier', message: 'Choose the tier to set.' } : !reason.trim() ? { field: 'reason', message: 'Give a reason: it is shown in the tier history.' } : null;
    if (problems) {
      setError(problems);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.put(`/partners/${api.seg(partner.key)}/tiers/${api.seg(program)}`, { tier, reason: reason.trim(), effective: effective || null });
      setBusy(false);
      setTier('');
      setReason('');
      setEffective('');
      notify(`${partner.name} is now ${tier === 'none' ? 'without a tier' : tierName(prog.data, tier)} in ${programs.find((p) => p.key === program)?.name || program}.`);
      onDone();
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  };
  return (
    <Dialog open={open} title={`Set ${partner.name}'s tier`} onClose={close}>
      <form onSubmit={submit} noValidate>
        <p class="muted small">
          An override by leadership discretion: it applies at once (or on the date given) and is recorded in the tier history with your reason.
        </p>
        {error && !['tier', 'reason', 'effective', 'program'].includes(error.field) && <ErrorBox error={error} title="The tier was not changed" />}
        {enrolled.length > 1 && (
          <Field label="Program" error={fieldError(error, 'program')}>
            {(p) => (
              <select {...p} value={program} onChange={(e) => setProgram(e.target.value)}>
                {enrolled.map((k) => (
                  <option key={k} value={k}>
                    {programs.find((x) => x.key === k)?.name || k}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label="Tier"
          required
          error={fieldError(error, 'tier') || (enrolled.length <= 1 ? fieldError(error, 'program') : null)}
          hint={`Now: ${current ? tierName(prog.data, current) : 'no tier'}`}
        >
          {(p) => (
            <select {...p} value={tier} onChange={(e) => setTier(e.target.value)}>
              <option value="">Choose a tier…</option>
              {(prog.data ? prog.data.tiers : []).map((t) => (
                <option key={t.key} value={t.key}>
                  {t.name}
                  {t.key === current ? ' (current)' : ''}
                </option>
              ))}
              <option value="none">No tier</option>
            </select>
          )}
        </Field>
        <Field label="Reason" required error={fieldError(error, 'reason')} hint="Shown in the tier history and the audit log.">
          {(p) => <textarea {...p} rows={3} value={reason} onInput={(e) => setReason(e.target.value)} />}
        </Field>
        <Field label="Effective" error={fieldError(error, 'effective')} hint="Leave empty for today.">
          {(p) => <input {...p} type="date" value={effective} onInput={(e) => setEffective(e.target.value)} />}
        </Field>
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={close} disabled={busy}>
            Cancel
          </button>
          <Button type="submit" busy={busy}>
            Save tier
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/* ---------- the page ---------- */

export function PartnerPage({ params, query }) {
  const me = useMe();
  const key = params.key;
  const [version, setVersion] = useState(0);
  const q = useApi(async () => {
    const [partner, catalog] = await Promise.all([api.get(`/partners/${api.seg(key)}`), loadCatalog()]);
    return { partner, programs: catalog.programs, names: catalog.names };
  }, [key, version]);
  const [dialog, setDialog] = useState(null);
  const tab = TABS.some((t) => t.value === query.get('tab')) ? query.get('tab') : 'scorecard';
  const manage = can(me, 'admin', 'partner_manager');

  if (q.loading && !q.data) return <Loading label="Loading the partner…" />;
  if (q.error) {
    if (q.error.status === 404)
      return (
        <Empty title="Partner not found" icon="?" level={1} action={<Link class="btn btn-primary" to="/partners">Back to partners</Link>}>
          No partner has the key “{key}”.
        </Empty>
      );
    return (
      <>
        <PageHeader title="Partner" crumbs={<Link to="/partners">Partners</Link>} />
        <ErrorBox error={q.error} retry={q.reload} />
      </>
    );
  }
  const { partner, programs, names } = q.data;
  const enrolled = Object.keys(partner.tiers || {});
  const progName = (k) => programs.find((p) => p.key === k)?.name || k;
  const program = enrolled.includes(query.get('program')) ? query.get('program') : enrolled[0] || null;
  const refresh = () => {
    setDialog(null);
    forget('partner-names');
    setVersion((v) => v + 1);
  };

  const needsProgram = tab === 'scorecard' || tab === 'benefits';
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link to="/partners">Partners</Link> <span aria-hidden="true">/</span>
          </>
        }
        title={partner.name}
        subtitle={
          <span class="partner-sub">
            {partner.domain && (
              <a href={`https://${partner.domain}`} target="_blank" rel="noopener noreferrer">
                {partner.domain}
              </a>
            )}
            <span class="mono muted">{partner.key}</span>
            {partner.region && <span>{partner.region}</span>}
            {partner.active ? <Pill kind="active">Active</Pill> : <Pill kind="inactive">Deactivated</Pill>}
          </span>
        }
        actions={
          manage && (
            <>
              {enrolled.length > 0 && (
                <button type="button" class="btn btn-secondary" onClick={() => setDialog('tier')}>
                  Set tier
                </button>
              )}
              {partner.active && (
                <button type="button" class="btn btn-danger" onClick={() => setDialog('deactivate')}>
                  Deactivate
                </button>
              )}
            </>
          )
        }
      />
      {!partner.active && (
        <div class="alert alert-warn">
          <div>
            This partner was deactivated{partner.deactivated_on ? ` on ${fmtDate(partner.deactivated_on)}` : ''}: it is left out of
            evaluations and has no public listing or badge.
            {partner.deactivation_reason && <p>Reason: {partner.deactivation_reason}</p>}
          </div>
        </div>
      )}
      <div class="partner-facts card">
        <dl class="facts">
          <dt>Tiers</dt>
          <dd>
            {enrolled.length ? (
              <ul class="plain-list">
                {enrolled.map((k) => (
                  <li key={k}>
                    <Tier tier={partner.tiers[k]} /> <span class="muted">in</span> {progName(k)}
                  </li>
                ))}
              </ul>
            ) : (
              <span class="muted">Not enrolled in any program</span>
            )}
          </dd>
          <dt>Motions</dt>
          <dd>{listNames(partner.motions, names.motions)}</dd>
          <dt>Products</dt>
          <dd>{listNames(partner.products, names.products)}</dd>
          {partner.description && (
            <>
              <dt>Listing</dt>
              <dd>{partner.description}</dd>
            </>
          )}
        </dl>
      </div>
      <Tabs label="Partner sections" tabs={TABS} value={tab} onChange={(v) => setQuery({ tab: v === 'scorecard' ? null : v })} />
      {needsProgram && enrolled.length > 1 && (
        <div class="filters">
          <Field label="Program">
            {(p) => (
              <select {...p} value={program} onChange={(e) => setQuery({ program: e.target.value })}>
                {enrolled.map((k) => (
                  <option key={k} value={k}>
                    {progName(k)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      <div role="tabpanel" aria-label={TABS.find((t) => t.value === tab).label}>
        {needsProgram && !program ? (
          <Empty title="Not enrolled in any program">A scorecard and benefits need an enrollment in a program.</Empty>
        ) : tab === 'scorecard' ? (
          <Scorecard partner={partner.key} program={program} key={program + version} />
        ) : tab === 'history' ? (
          <TierHistory partner={partner.key} programs={programs} version={version} />
        ) : tab === 'records' ? (
          <Records partner={partner.key} names={names} />
        ) : (
          <Benefits partner={partner.key} program={program} key={program + version} />
        )}
      </div>
      {manage && enrolled.length > 0 && (
        <SetTierDialog
          open={dialog === 'tier'}
          partner={partner}
          enrolled={enrolled}
          programs={programs}
          initialProgram={program}
          onClose={() => setDialog(null)}
          onDone={refresh}
        />
      )}
      {manage && (
        <DeactivateDialog open={dialog === 'deactivate'} partner={partner.key} name={partner.name} onClose={() => setDialog(null)} onDone={refresh} />
      )}
    </>
  );
}

