// Deals and revenue: what counts toward the tier in the scorecard's window
// (influenced ARR, direct spend, commits, from the scorecard), the partner's
// deals page by page, and its monthly spend and commits. Read-only: the
// partnerships team records deals, spend and commits.
import { useState } from 'preact/hooks';
import * as api from '../api.js';
import { Async, Card, Empty, Field, PageHeader, Pill, Stat, Table, useApi } from '../ui.jsx';
import { dollars, fmtDate, fmtMoney, fmtMoneyShort, plural } from '../format.js';
import {
  CursorPager,
  ProgramSwitcher,
  dealTypeName,
  loadPartnerContext,
  namesOf,
  programName,
  selectedProgram,
  tierName,
  useCursor,
  usePartnerKey,
} from './common.jsx';

const LIMIT = 25;
const REVENUE = ['influence_revenue', 'direct_spend', 'commit'];

const STAGES = {
  closed_won: { label: 'Won', kind: 'ok' },
  closed_lost: { label: 'Lost', kind: 'bad' },
  open: { label: 'Open', kind: 'warn' },
};

export function Deals({ query }) {
  const key = usePartnerKey();
  const ctxQ = useApi(async () => {
    const k = api.seg(key);
    const [ctx, spend, commits] = await Promise.all([
      loadPartnerContext(key),
      api.getAll(`/partners/${k}/spend`),
      api.getAll(`/partners/${k}/commits`),
    ]);
    return { ctx, spend, commits };
  }, [key]);
  return (
    <>
      <PageHeader title="Deals & revenue" subtitle="Partner-influenced deals, Twilio spend and commits, and what counts toward your tier" />
      <Async q={ctxQ} label="Loading…">
        {({ ctx, spend, commits }) => {
          const program = selectedProgram(query, ctx.enrollments);
          const products = namesOf(Object.values(ctx.programs), 'products');
          return (
            <>
              <ProgramSwitcher ctx={ctx} value={program} />
              {program ? (
                <Counted key={program} ctx={ctx} program={program} partnerKey={key}>
                  {(counted) => (
                    <>
                      <DealList partnerKey={key} products={products} counted={counted} program={programName(ctx, program)} />
                      {spend.length > 0 && <Spend items={spend} />}
                      {commits.length > 0 && <Commits items={commits} />}
                    </>
                  )}
                </Counted>
              ) : (
                <>
                  <DealList partnerKey={key} products={products} counted={null} />
                  {spend.length > 0 && <Spend items={spend} />}
                  {commits.length > 0 && <Commits items={commits} />}
                </>
              )}
            </>
          );
        }}
      </Async>
    </>
  );
}

/* ---------- what counts ---------- */

/** The scorecard's revenue requirements; children get the set of deal keys it counted. */
function Counted({ ctx, program, partnerKey, children }) {
  const q = useApi(() => api.get(`/partners/${api.seg(partnerKey)}/scorecard`, { program }), [partnerKey, program]);
  const def = ctx.programs[program];
  return (
    <Async q={q} label="Loading your scorecard…">
      {(sc) => {
        const reqs = (sc.requirements || []).filter((r) => REVENUE.includes(r.kind));
        const counted = new Set();
        for (const r of reqs) for (const e of r.evidence || []) if (e.deal) counted.add(e.deal);
        return (
          <>
            <RevenueSummary sc={sc} reqs={reqs} def={def} programName={programName(ctx, program)} />
            {children(counted)}
          </>
        );
      }}
    </Async>
  );
}

function RevenueSummary({ sc, reqs, def, programName: pName }) {
  const applies = reqs.filter((r) => r.applies);
  const target = tierName(def, sc.target_tier);
  return (
    <Card title="What counts toward your tier" id="p-counted-title">
      <p class="muted small">
        {pName}: revenue counted from {fmtDate(sc.window && sc.window.from)} to {fmtDate(sc.window && sc.window.to)}
        {sc.mode === 'midyear' ? ' (the trailing 365 days)' : ''}.
        {applies.length > 1 ? ' These are alternative paths: meeting any one of them is enough.' : ''}
      </p>
      {applies.length === 0 ? (
        <p>No revenue requirement applies to your partnership in this program.</p>
      ) : (
        <div class="grid grid-3 p-stats">
          {applies.map((r) => {
            const deals = (r.evidence || []).filter((e) => e.deal).length;
            const hint = [
              r.threshold !== null && r.threshold !== undefined && target
                ? `${fmtMoney(r.threshold)} needed for ${target}${r.met ? ' ✓' : ''}`
                : null,
              r.kind === 'influence_revenue' ? plural(deals, 'closed-won deal') + ' counted' : null,
              r.kind === 'direct_spend' ? plural((r.evidence || []).length, 'month') + ' of spend' : null,
              r.kind === 'commit' ? plural((r.evidence || []).length, 'commit') + ' in force' : null,
            ]
              .filter(Boolean)
              .join(' · ');
            return <Stat key={r.key} label={r.name} value={fmtMoney(r.value)} hint={hint} />;
          })}
        </div>
      )}
    </Card>
  );
}

/* ---------- deals ---------- */

function DealList({ partnerKey, products, counted, program }) {
  const pager = useCursor();
  // Sorted and filtered by the server, over all the partner's deals (not just the page).
  const [sort, setSort] = useState(null);
  const [stage, setStage] = useState('');
  const q = useApi(
    () =>
      api.get(`/partners/${api.seg(partnerKey)}/deals`, {
        limit: LIMIT,
        cursor: pager.cursor,
        sort: sort ? (sort.dir === 'desc' ? '-' : '') + sort.key : null,
        stage,
      }),
    [partnerKey, pager.cursor, sort && sort.key, sort && sort.dir, stage],
  );
  const onSort = (s) => {
    setSort(s);
    pager.reset();
  };
  const onStage = (e) => {
    setStage(e.target.value);
    pager.reset();
  };
  const columns = [
    { key: 'account', label: 'Account', sort: true, render: (d) => <span class="p-title-cell">{d.account}</span> },
    { key: 'key', label: 'Deal', sort: true, render: (d) => <span class="mono nowrap">{d.key}</span> },
    { key: 'product', label: 'Product', sort: true, render: (d) => products[d.product] || d.product },
    { key: 'type', label: 'Type', sort: true, render: (d) => dealTypeName(d.type) },
    {
      key: 'stage',
      label: 'Stage',
      sort: true,
      render: (d) => {
        const s = STAGES[d.stage] || { label: d.stage, kind: 'muted' };
        return <Pill kind={s.kind}>{s.label}</Pill>;
      },
    },
    { key: 'arr_usd', label: 'ARR', align: 'right', sort: true, render: (d) => fmtMoney(d.arr_usd) },
    { key: 'closed_on', label: 'Closed on', sort: true, render: (d) => fmtDate(d.closed_on) },
  ];
  if (counted)
    columns.push({
      key: 'counted',
      label: 'Counts',
      render: (d) =>
        counted.has(d.key) ? (
          <span class="p-counts">✓ Counted</span>
        ) : (
          <span class="muted small">No</span>
        ),
    });
  return (
    <Card title="Deals" id="p-deals-title">
      <p class="muted small">
        Recorded by the partnerships team; ask your partner manager if a deal is missing or wrong.
        {counted && program ? ` “Counts” marks the deals counted toward your tier in ${program}.` : ''}
      </p>
      <div class="filters">
        <Field label="Stage">
          {(p) => (
            <select {...p} value={stage} onChange={onStage}>
              <option value="">All stages</option>
              {Object.entries(STAGES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Async q={q} label="Loading deals…">
        {(page) => (
          <>
            <p class="muted small" aria-live="polite">
              {plural(page.total || 0, stage ? `${STAGES[stage].label.toLowerCase()} deal` : 'deal')}
            </p>
            <div class="table-cards">
              <Table
                caption="Your deals"
                key={pager.page}
                sort={sort}
                onSort={onSort}
                rows={page.items || []}
                empty={
                  <Empty title={pager.page > 1 ? 'No more deals' : 'No deals yet'} icon="$">
                    {pager.page > 1
                      ? 'You have reached the end of the list.'
                      : 'Deals you influence are recorded here by the partnerships team as they are registered and closed.'}
                  </Empty>
                }
                columns={columns}
              />
            </div>
            <CursorPager pager={pager} count={(page.items || []).length} limit={LIMIT} nextCursor={page.next_cursor} noun="Deals" />
          </>
        )}
      </Async>
    </Card>
  );
}

/* ---------- spend and commits ---------- */

function monthLabel(m) {
  const x = /^(\d{4})-(\d{2})$/.exec(m || '');
  if (!x) return m;
  return new Date(Date.UTC(+x[1], +x[2] - 1, 1)).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

function Spend({ items }) {
  const [all, setAll] = useState(false);
  const sorted = [...items].sort((a, b) => String(b.month).localeCompare(String(a.month)));
  const shown = all ? sorted : sorted.slice(0, 12);
  const last12 = sorted.slice(0, 12).reduce((s, x) => s + (dollars(x.amount_usd) || 0), 0);
  const max = Math.max(...shown.map((x) => dollars(x.amount_usd) || 0), 1);
  return (
    <Card
      title="Direct Twilio spend"
      id="p-spend-title"
      actions={<span class="muted small">{fmtMoney(last12.toFixed(2))} over the latest {Math.min(12, sorted.length)} months</span>}
    >
      <div class="table-cards">
        <Table
          caption="Monthly Twilio spend"
          rowKey={(r) => r.month}
          rows={shown}
          columns={[
            { key: 'month', label: 'Month', render: (r) => monthLabel(r.month) },
            { key: 'amount_usd', label: 'Spend', align: 'right', render: (r) => fmtMoney(r.amount_usd) },
            {
              key: 'bar',
              label: 'Relative',
              class: 'p-spend-bar-cell',
              render: (r) => (
                <span class="p-spend-bar" aria-hidden="true">
                  <span style={{ width: `${((dollars(r.amount_usd) || 0) / max) * 100}%` }} title={fmtMoneyShort(r.amount_usd)} />
                </span>
              ),
            },
          ]}
        />
      </div>
      {sorted.length > 12 && (
        <div class="p-form-actions">
          <button type="button" class="btn btn-secondary btn-sm" onClick={() => setAll(!all)} aria-expanded={all}>
            {all ? 'Show the latest 12 months' : `Show all ${sorted.length} months`}
          </button>
        </div>
      )}
    </Card>
  );
}

function Commits({ items }) {
  return (
    <Card title="Multi-year commits" id="p-commits-title">
      <div class="table-cards">
        <Table
          caption="Multi-year Twilio commits"
          rows={items}
          columns={[
            { key: 'key', label: 'Commit', render: (c) => <span class="mono">{c.key}</span> },
            { key: 'tcv_usd', label: 'Total contract value', align: 'right', render: (c) => fmtMoney(c.tcv_usd) },
            { key: 'signed_on', label: 'Signed on', render: (c) => fmtDate(c.signed_on) },
            { key: 'term', label: 'Term', render: (c) => `${fmtDate(c.start_on)} – ${fmtDate(c.end_on)}` },
          ]}
        />
      </div>
    </Card>
  );
}
