// Programs: the loaded program definitions, and one program laid out as its
// guide does: requirements and benefits by tier, with each item's source.
import * as api from '../api.js';
import { Link } from '../router.jsx';
import { fmtDateTime, fmtNumber, plural, titleCase } from '../format.js';
import { Async, Card, Empty, ErrorBox, Loading, PageHeader, TierBadge, useApi, TableWrap } from '../ui.jsx';
import { loadPrograms, thresholdText } from './common.jsx';

export function ProgramList() {
  const q = useApi(() => api.getAll('/programs'), []);
  return (
    <>
      <PageHeader title="Programs" subtitle="The partner programs Consort runs: tiers, requirements and benefits as their guides define them." />
      <Async q={q} label="Loading programs…">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No program loaded">An administrator loads a program definition (<code>consort program load FILE</code>).</Empty>
          ) : (
            <div class="grid grid-2">
              {items.map((p) => (
                <Card key={p.key} class="program-card">
                  <h2>
                    <Link to={`/programs/${api.seg(p.key)}`}>{p.name}</Link>
                  </h2>
                  <p class="muted small">
                    <span class="mono">{p.key}</span> · {p.year} guide · loaded {fmtDateTime(p.loaded_at)}
                  </p>
                  <ul class="tier-list" aria-label="Tiers">
                    {(p.tiers || []).map((t) => (
                      <li key={t}>
                        <TierBadge tier={t} />
                      </li>
                    ))}
                  </ul>
                </Card>
              ))}
            </div>
          )
        }
      </Async>
    </>
  );
}

const GRANT = {
  included: (
    <span class="grant grant-included">
      <span aria-hidden="true">✓ </span>Included
    </span>
  ),
  invite_only: <span class="grant grant-invite">By invitation</span>,
};

function Names({ keys, from, empty = 'All' }) {
  if (!keys || !keys.length) return <span class="muted">{empty}</span>;
  const names = Object.fromEntries((from || []).map((x) => [x.key, x.name]));
  return <>{keys.map((k) => names[k] || titleCase(k)).join(', ')}</>;
}

function Source({ text }) {
  return text ? <div class="source">{text}</div> : null;
}

export function ProgramPage({ params }) {
  const q = useApi(() => api.get(`/programs/${api.seg(params.key)}`), [params.key]);
  // The list (for the loaded-at date) is a nicety; the page works without it.
  const list = useApi(() => loadPrograms().catch(() => []), []);
  if (q.loading && !q.data) return <Loading label="Loading the program…" />;
  if (q.error) {
    if (q.error.status === 404)
      return (
        <Empty title="Program not found" icon="?" level={1} action={<Link class="btn btn-primary" to="/programs">All programs</Link>}>
          No program has the key “{params.key}”.
        </Empty>
      );
    return (
      <>
        <PageHeader title="Program" crumbs={<Link to="/programs">Programs</Link>} />
        <ErrorBox error={q.error} retry={q.reload} />
      </>
    );
  }
  const p = q.data;
  const loaded = (list.data || []).find((x) => x.key === p.key);
  const gov = p.governance || {};
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link to="/programs">Programs</Link> <span aria-hidden="true">/</span>
          </>
        }
        title={p.name}
        subtitle={p.source || `${p.year} program`}
      />
      <div class="grid grid-4 stats-row">
        <div class="stat">
          <div class="stat-label">Tiers</div>
          <div class="stat-value">{p.tiers.length}</div>
          <div class="stat-hint">{p.tiers.map((t) => t.name).join(', ')}</div>
        </div>
        <div class="stat">
          <div class="stat-label">Annual recalculation</div>
          <div class="stat-value stat-value-sm">{gov.annual_window === 'previous_calendar_year' ? 'Previous calendar year' : titleCase(gov.annual_window)}</div>
          <div class="stat-hint">Program year: {gov.program_year === 'calendar' ? 'the calendar year' : gov.program_year}</div>
        </div>
        <div class="stat">
          <div class="stat-label">Mid-year window</div>
          <div class="stat-value stat-value-sm">{fmtNumber(gov.midyear_window_days)} days</div>
          <div class="stat-hint">ending on the as-of date</div>
        </div>
        <div class="stat">
          <div class="stat-label">Inactivity review</div>
          <div class="stat-value stat-value-sm">
            {gov.inactivity_review ? (
              <>
                <TierBadge tier={gov.inactivity_review.tier} name={p.tiers.find((t) => t.key === gov.inactivity_review.tier)?.name} />
              </>
            ) : (
              'None'
            )}
          </div>
          <div class="stat-hint">{gov.inactivity_review ? `every ${plural(gov.inactivity_review.every_months, 'month')}` : ''}</div>
        </div>
      </div>

      <Card title="Requirements by tier" id="req-title">
        <TableWrap label="Requirements: the threshold at each tier">
          <table class="table program-table">
            <caption class="sr-only">Requirements: the threshold at each tier</caption>
            <thead>
              <tr>
                <th scope="col">Requirement</th>
                {p.tiers.map((t) => (
                  <th scope="col" key={t.key} class="num">
                    {t.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.requirements.map((r) => (
                <tr key={r.key}>
                  <th scope="row" class="req-name">
                    <span>{r.name}</span>
                    <div class="req-scope small muted">
                      {r.motions && r.motions.length > 0 && (
                        <span>
                          Motions: <Names keys={r.motions} from={p.motions} />
                        </span>
                      )}
                      {r.products && r.products.length > 0 && (
                        <span>
                          Products: <Names keys={r.products} from={p.products} />
                        </span>
                      )}
                      {r.agreements && r.agreements.length > 0 && (
                        <span>
                          Agreements: <Names keys={r.agreements} from={p.agreements} />
                        </span>
                      )}
                      {r.min_months && <span>Term of at least {plural(r.min_months, 'month')}</span>}
                      {r.group && <span>Alternatives: any one of “{r.group}”</span>}
                    </div>
                    <Source text={r.source} />
                  </th>
                  {p.tiers.map((t) => {
                    const s = r.tiers[t.key];
                    return (
                      <td key={t.key} class="num" data-label={t.name}>
                        {s && s.invite_only ? <span class="grant grant-invite">by invitation</span> : thresholdText(r.unit, s)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <p class="hint">
          “—”: not required at that tier. “by invitation”: required only of partners invited to the tier. Requirements with the same alternatives
          group are met when any one of them is.
        </p>
      </Card>

      <Card title="Benefits by tier" id="ben-title">
        <TableWrap label="Benefits: how each tier grants them">
          <table class="table program-table">
            <caption class="sr-only">Benefits: how each tier grants them</caption>
            <thead>
              <tr>
                <th scope="col">Benefit</th>
                {p.tiers.map((t) => (
                  <th scope="col" key={t.key} class="num">
                    {t.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.benefits.map((b) => (
                <tr key={b.key}>
                  <th scope="row" class="req-name">
                    <span>{b.name}</span>
                    <div class="req-scope small muted">
                      {b.products && b.products.length > 0 && (
                        <span>
                          Products: <Names keys={b.products} from={p.products} />
                        </span>
                      )}
                      {b.prerequisites && b.prerequisites.length > 0 && (
                        <span>
                          Requires: <Names keys={b.prerequisites} from={p.agreements} />
                        </span>
                      )}
                    </div>
                    <Source text={b.source} />
                  </th>
                  {p.tiers.map((t) => (
                    <td key={t.key} class="num" data-label={t.name}>
                      {GRANT[b.tiers[t.key]] || <span class="muted">—</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Card>

      <div class="grid grid-3">
        <Card title="Agreements" id="agr-title">
          <NamedList items={p.agreements} />
        </Card>
        <Card title="Products" id="prod-title">
          <NamedList items={p.products} />
        </Card>
        <Card title="Motions" id="mot-title">
          <NamedList items={p.motions} />
        </Card>
      </div>
      {loaded && <p class="muted small">Loaded {fmtDateTime(loaded.loaded_at)}.</p>}
    </>
  );
}

function NamedList({ items }) {
  if (!items || !items.length) return <p class="muted">None.</p>;
  return (
    <ul class="named-list">
      {items.map((x) => (
        <li key={x.key}>
          {x.name} <span class="mono muted small">{x.key}</span>
        </li>
      ))}
    </ul>
  );
}
