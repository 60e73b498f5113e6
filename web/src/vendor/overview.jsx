// Overview: the selected program's headline numbers (active partners by
// tier, proposals waiting, partners due an inactivity review) and its charts.
import * as api from '../api.js';
import { Link } from '../router.jsx';
import { fmtNumber, plural } from '../format.js';
import { can, useMe } from '../session.js';
import { Empty, ErrorBox, Loading, PageHeader, useApi } from '../ui.jsx';
import { ProgramSelect, loadProgram, previousQuarter, quarterLabel, tierName, useProgramChoice } from './common.jsx';
import { MovementsChart, PartnersByTierChart, loadSummary, summaryError } from './reports.jsx';

function StatLink({ label, value, hint, to, testid }) {
  return (
    <Link to={to} class="stat stat-link" data-testid={testid}>
      <span class="stat-label">{label}</span>
      <span class="stat-value">{value}</span>
      {hint && <span class="stat-hint">{hint}</span>}
    </Link>
  );
}

function Headlines({ program }) {
  const me = useMe();
  const manage = can(me, 'admin', 'partner_manager');
  const quarter = previousQuarter();
  const q = useApi(async () => {
    const prog = await loadProgram(program);
    const counts = await Promise.all(
      prog.tiers.map((t) => api.get('/partners', { program, tier: t.key, active: 'true', limit: 1 }).then((r) => r.total)),
    );
    let pending = null;
    let inactive = null;
    if (manage) {
      const reviewed = !!(prog.governance && prog.governance.inactivity_review);
      const [pp, review] = await Promise.all([
        api.get('/proposals', { status: 'pending', program, limit: 500 }),
        reviewed ? api.get('/reviews/inactive', { program, quarter }) : null,
      ]);
      pending = { n: pp.items.length, more: !!pp.next_cursor };
      inactive = review ? { n: review.inactive.length, tier: review.tier } : null;
    }
    return { prog, counts, pending, inactive };
  }, [program, manage]);
  if (q.loading && !q.data) return <Loading label="Loading the numbers…" />;
  if (q.error) return <ErrorBox error={q.error} retry={q.reload} title="Cannot load the numbers" />;
  const { prog, counts, pending, inactive } = q.data;
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <>
      <h2 class="section-title">
        Active partners by tier <span class="muted small">· {plural(total, 'partner')}</span>
      </h2>
      <div class="grid grid-4 stats-row">
        {prog.tiers.map((t, i) => (
          <StatLink
            key={t.key}
            testid={`tier-count-${t.key}`}
            label={t.name}
            value={fmtNumber(counts[i])}
            hint={total ? `${Math.round((counts[i] / total) * 100)}% of partners` : undefined}
            to={`/partners?program=${api.seg(program)}&tier=${api.seg(t.key)}&active=true`}
          />
        ))}
      </div>
      {manage && (
        <div class="grid grid-2 stats-row">
          <StatLink
            testid="pending-proposals"
            label="Proposals to review"
            value={pending.more ? `${fmtNumber(pending.n)}+` : fmtNumber(pending.n)}
            hint={pending.n ? 'Tier changes waiting for a decision' : 'Nothing waiting'}
            to={`/evaluations?program=${api.seg(program)}`}
          />
          {inactive ? (
            <StatLink
              testid="inactive-review"
              label={`Inactivity review, ${quarterLabel(quarter)}`}
              value={fmtNumber(inactive.n)}
              hint={`${tierName(prog, inactive.tier)} partners with no activity`}
              to={`/reviews?program=${api.seg(program)}`}
            />
          ) : (
            <div class="stat">
              <div class="stat-label">Inactivity review</div>
              <div class="stat-value">—</div>
              <div class="stat-hint">This program does not review inactive partners</div>
            </div>
          )}
        </div>
      )}
    </>
  );
}

function Charts({ program }) {
  const q = useApi(() => loadSummary(program), [program]);
  if (q.loading && !q.data) return <Loading label="Loading the charts…" />;
  if (q.error) return <ErrorBox error={summaryError(q.error)} retry={q.reload} title="Cannot load the charts" />;
  return (
    <div class="grid grid-2">
      <PartnersByTierChart summary={q.data.summary} />
      <MovementsChart summary={q.data.summary} prog={q.data.prog} compact />
    </div>
  );
}

export function Overview({ query }) {
  const pc = useProgramChoice(query);
  return (
    <>
      <PageHeader
        title="Overview"
        subtitle="Where each program stands today."
        actions={
          <Link class="btn btn-secondary" to={pc.program ? `/reports?program=${api.seg(pc.program)}` : '/reports'}>
            Open reports
          </Link>
        }
      />
      {pc.error ? (
        <ErrorBox error={pc.error} retry={pc.reload} title="Cannot load the programs" />
      ) : pc.loading && !pc.programs.length ? (
        <Loading />
      ) : !pc.programs.length ? (
        <Empty title="No program loaded">An administrator loads a program definition (<code>consort program load FILE</code>).</Empty>
      ) : (
        <>
          <div class="filters">
            <ProgramSelect programs={pc.programs} value={pc.program} reset={{}} />
          </div>
          <Headlines program={pc.program} key={'h' + pc.program} />
          <Charts program={pc.program} key={'c' + pc.program} />
        </>
      )}
    </>
  );
}

