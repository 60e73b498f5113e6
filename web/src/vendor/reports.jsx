// Reports: a program at a glance, from GET /api/v1/reports/summary: partners
// and ARR by tier, and the tier movements of the last evaluation. Every chart
// carries its numbers in a table (screen readers, print).
import * as api from '../api.js';
import { Link } from '../router.jsx';
import { fmtDate, fmtDateTime, fmtMoney, fmtMoneyShort, fmtNumber, plural } from '../format.js';
import { BarChart, TIER_COLORS } from '../charts.jsx';
import { Async, Card, Empty, ErrorBox, Loading, PageHeader, Pill, useApi, TableWrap } from '../ui.jsx';
import { ChangePill, PartnerLink, ProgramSelect, TierMove, direction, loadProgram, useProgramChoice } from './common.jsx';

const tierColor = (t) => (t ? TIER_COLORS[t] || '#3b3fd8' : '#8a93a3');

/** The summary and the program definition (tier names), for a program. */
export const loadSummary = (program) =>
  Promise.all([api.get('/reports/summary', { program }), loadProgram(program)]).then(([summary, prog]) => ({ summary, prog }));

export function PartnersByTierChart({ summary }) {
  const rows = summary.by_tier || [];
  const total = rows.reduce((n, r) => n + (r.partners || 0), 0);
  return (
    <Card title="Partners by tier" id="chart-partners">
      {rows.length === 0 || total === 0 ? (
        <Empty title="No partners enrolled">Partners appear here once enrolled in the program.</Empty>
      ) : (
        <BarChart
          title="Partners by tier"
          categoryLabel="Tier"
          categories={rows.map((r) => r.name || r.tier)}
          series={[{ label: 'Partners', values: rows.map((r) => r.partners || 0), colors: rows.map((r) => tierColor(r.tier)) }]}
          description={`${plural(total, 'partner')} in all`}
        />
      )}
    </Card>
  );
}

export function MovementsChart({ summary, prog, compact = false }) {
  const ev = summary.last_evaluation;
  return (
    <Card title="Tier movements of the last evaluation" id="chart-moves">
      {!ev ? (
        <Empty title="No evaluation recorded yet" icon="↕">
          Run an evaluation with “Record tier-change proposals” to see who moves up and down.
        </Empty>
      ) : (
        <>
          <p class="muted small">
            {ev.mode === 'annual' ? 'Annual recalculation' : 'Mid-year check'} as of {fmtDate(ev.as_of)}, recorded {fmtDateTime(ev.created_at)}.
          </p>
          <BarChart
            title="Tier movements"
            categoryLabel="Direction"
            categories={['Up', 'Down']}
            series={[{ label: 'Partners', values: [ev.up || 0, ev.down || 0], colors: ['#146c43', '#b42318'] }]}
          />
          {!compact && (ev.proposals || []).length > 0 && (
            <TableWrap class="table-cards moves-table" label="Proposals of the last evaluation">
              <table class="table table-compact">
                <caption class="sr-only">Proposals of the last evaluation</caption>
                <thead>
                  <tr>
                    <th scope="col">Partner</th>
                    <th scope="col">From → to</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {ev.proposals.map((p) => (
                    <tr key={p.id}>
                      <td data-label="Partner">
                        <PartnerLink partner={p.partner} name={p.partner_name} showKey={false} />
                      </td>
                      <td data-label="From → to">
                        <span class="change-cell">
                          <TierMove program={prog} from={p.from_tier} to={p.to_tier} />
                          <ChangePill change={direction(prog, p.from_tier, p.to_tier)} />
                        </span>
                      </td>
                      <td data-label="Status">
                        <Pill kind={p.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      )}
    </Card>
  );
}

export function ArrChart({ summary }) {
  const rows = summary.by_tier || [];
  const any = rows.some((r) => Number(r.influenced_arr) > 0 || Number(r.direct_arr) > 0);
  return (
    <Card title="Influenced ARR by tier" id="chart-arr">
      {summary.window && (
        <p class="muted small">
          Closed-won deals, {fmtDate(summary.window.from)} – {fmtDate(summary.window.to)}.
        </p>
      )}
      {!any ? (
        <Empty title="No ARR in the window" icon="$">
          No closed-won deal of the program's partners in this period.
        </Empty>
      ) : (
        <BarChart
          title="Influenced ARR by tier"
          orientation="vertical"
          categoryLabel="Tier"
          categories={rows.map((r) => r.name || r.tier)}
          series={[{ label: 'Influenced ARR', values: rows.map((r) => Number(r.influenced_arr) || 0), colors: rows.map((r) => tierColor(r.tier)) }]}
          format={fmtMoney}
          axisFormat={fmtMoneyShort}
        />
      )}
    </Card>
  );
}

function ByTierTable({ summary }) {
  const rows = summary.by_tier || [];
  if (!rows.length) return null;
  const sum = (k) => rows.reduce((n, r) => n + (Number(r[k]) || 0), 0);
  return (
    <Card title="By tier" id="by-tier">
      <TableWrap class="table-cards" label="Partners, influenced ARR and direct spend by tier">
        <table class="table">
          <caption class="sr-only">Partners, influenced ARR and direct spend by tier</caption>
          <thead>
            <tr>
              <th scope="col">Tier</th>
              <th scope="col" class="num">
                Partners
              </th>
              <th scope="col" class="num">
                Influenced ARR
              </th>
              <th scope="col" class="num">
                Direct spend
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.tier || 'none'}>
                <td data-label="Tier">
                  {r.tier ? (
                    <Link to={`/partners?program=${api.seg(summary.program)}&tier=${api.seg(r.tier)}&active=true`}>{r.name || r.tier}</Link>
                  ) : (
                    r.name || 'No tier'
                  )}
                </td>
                <td class="num" data-label="Partners">
                  {fmtNumber(r.partners)}
                </td>
                <td class="num" data-label="Influenced ARR">
                  {fmtMoney(r.influenced_arr)}
                </td>
                <td class="num" data-label="Direct spend">
                  {fmtMoney(r.direct_arr)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td class="num" data-label="Partners">
                {fmtNumber(sum('partners'))}
              </td>
              <td class="num" data-label="Influenced ARR">
                {fmtMoney(sum('influenced_arr'))}
              </td>
              <td class="num" data-label="Direct spend">
                {fmtMoney(sum('direct_arr'))}
              </td>
            </tr>
          </tfoot>
        </table>
      </TableWrap>
    </Card>
  );
}

export function summaryError(error) {
  if (error && error.status === 404 && error.code !== 'validation_failed')
    return Object.assign(new Error('This server does not offer the reports summary (GET /api/v1/reports/summary).'), { status: 404 });
  return error;
}

export function Reports({ query }) {
  const pc = useProgramChoice(query);
  const q = useApi(() => (pc.program ? loadSummary(pc.program) : Promise.resolve(null)), [pc.program]);
  return (
    <>
      <PageHeader title="Reports" subtitle="Each program at a glance: partners and revenue by tier, and how tiers moved." actions={<button type="button" class="btn btn-secondary" onClick={() => window.print()}>Print</button>} />
      {pc.error ? (
        <ErrorBox error={pc.error} retry={pc.reload} title="Cannot load the programs" />
      ) : pc.loading && !pc.programs.length ? (
        <Loading />
      ) : !pc.programs.length ? (
        <Empty title="No program loaded">Load a program definition first.</Empty>
      ) : (
        <>
          <div class="filters">
            <ProgramSelect programs={pc.programs} value={pc.program} reset={{}} />
          </div>
          {q.loading && !q.data ? (
            <Loading label="Loading the report…" />
          ) : q.error ? (
            <ErrorBox error={summaryError(q.error)} retry={q.reload} title="Cannot load the report" />
          ) : q.data ? (
            <>
              <p class="muted small">
                {q.data.prog.name} · as of {fmtDate(q.data.summary.as_of)}
              </p>
              <div class="grid grid-2">
                <PartnersByTierChart summary={q.data.summary} />
                <MovementsChart summary={q.data.summary} prog={q.data.prog} />
              </div>
              <ArrChart summary={q.data.summary} />
              <ByTierTable summary={q.data.summary} />
            </>
          ) : null}
        </>
      )}
    </>
  );
}
