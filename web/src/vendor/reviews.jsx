// Inactivity review: the program's reviewed tier (Registered in the bundled
// programs) with no activity in a quarter. Each partner is deactivated (with
// a reason) or kept; keeping records a `review_kept` activity so the decision
// is in the partner's activity and the audit log.
import { useState } from 'preact/hooks';
import * as api from '../api.js';
import { Link, setQuery } from '../router.jsx';
import { fmtDate, plural, todayIso } from '../format.js';
import { Async, Button, Card, Empty, ErrorBox, Field, Loading, PageHeader, Pill, notify, useApi, TableWrap } from '../ui.jsx';
import {
  DeactivateDialog,
  PartnerLink,
  ProgramSelect,
  loadProgram,
  previousQuarter,
  quarterLabel,
  quarterOf,
  recentQuarters,
  tierName,
  useProgramChoice,
} from './common.jsx';

const KEPT = 'review_kept';

function daysBetween(a, b) {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
}

export function Reviews({ query }) {
  const pc = useProgramChoice(query);
  const current = quarterOf(new Date());
  const options = [current, ...recentQuarters(8)];
  const asked = query.get('quarter');
  const quarter = /^\d{4}Q[1-4]$/.test(asked || '') ? asked : previousQuarter();
  if (!options.includes(quarter)) options.push(quarter);
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState(null);
  const [keeping, setKeeping] = useState({});
  const [keptNow, setKeptNow] = useState({});

  const q = useApi(async () => {
    if (!pc.program) return null;
    const prog = await loadProgram(pc.program);
    if (!prog.governance || !prog.governance.inactivity_review) return { prog, review: null, kept: {} };
    const review = await api.get('/reviews/inactive', { program: pc.program, quarter });
    // A partner kept at an earlier review of this quarter has a review_kept
    // activity dated after the quarter's end.
    const kept = {};
    await Promise.all(
      review.inactive.map(async (r) => {
        const page = await api.get(`/partners/${api.seg(r.partner)}/activity`, { limit: 25 }).catch(() => null);
        const k = page && page.items.find((a) => a.kind === KEPT && a.on > review.window.to);
        if (k) kept[r.partner] = k.on;
      }),
    );
    return { review, prog, kept };
  }, [pc.program, quarter, version]);

  const keep = async (r) => {
    setKeeping((s) => ({ ...s, [r.partner]: { busy: true } }));
    const on = todayIso();
    try {
      await api.post(`/partners/${api.seg(r.partner)}/activity`, { on, kind: KEPT });
      setKeeping((s) => ({ ...s, [r.partner]: null }));
      setKeptNow((s) => ({ ...s, [r.partner]: on }));
      notify(`${r.name} kept: recorded as a “review kept” activity on ${fmtDate(on)}.`);
    } catch (err) {
      setKeeping((s) => ({ ...s, [r.partner]: { error: err.message } }));
    }
  };

  return (
    <>
      <PageHeader
        title="Inactivity review"
        subtitle="Partners at the reviewed tier with no activity in the quarter: deactivate them, or keep them."
      />
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
            <Field label="Quarter" hint={quarter === current ? 'In progress: activity may still come.' : undefined}>
              {(p) => (
                <select {...p} value={quarter} onChange={(e) => setQuery({ quarter: e.target.value === previousQuarter() ? null : e.target.value })}>
                  {options.map((o) => (
                    <option key={o} value={o}>
                      {quarterLabel(o)}
                      {o === current ? ' (current)' : o === previousQuarter() ? ' (last quarter)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Async q={q} label="Loading the review…">
            {(d) => {
              if (!d) return null;
              const { review, prog, kept } = d;
              if (!review)
                return (
                  <Empty title="No inactivity review in this program" icon="◷">
                    {prog.name} does not review inactive partners.
                  </Empty>
                );
              const isKept = (r) => keptNow[r.partner] || kept[r.partner];
              const open = review.inactive.filter((r) => !isKept(r)).length;
              return (
                <Card
                  title={`${tierName(prog, review.tier)} partners with no activity in ${quarterLabel(review.quarter)}`}
                  id="review-title"
                >
                  <p class="muted">
                    {fmtDate(review.window.from)} – {fmtDate(review.window.to)} · {plural(review.inactive.length, 'partner')}
                    {review.inactive.length ? ` · ${open} to decide` : ''}. The program reviews {tierName(prog, review.tier)} partners every{' '}
                    {prog.governance?.inactivity_review?.every_months || 3} months.
                  </p>
                  {review.inactive.length === 0 ? (
                    <Empty title="Nobody to review" icon="✓">
                      Every {tierName(prog, review.tier)} partner of {prog.name} had some activity in {quarterLabel(review.quarter)}.
                    </Empty>
                  ) : (
                    <TableWrap class="table-cards" label="Inactive partners">
                      <table class="table">
                        <caption class="sr-only">Inactive partners</caption>
                        <thead>
                          <tr>
                            <th scope="col">Partner</th>
                            <th scope="col">At {tierName(prog, review.tier)} since</th>
                            <th scope="col">Last activity</th>
                            <th scope="col">Decision</th>
                          </tr>
                        </thead>
                        <tbody>
                          {review.inactive.map((r) => {
                            const k = isKept(r);
                            const st = keeping[r.partner] || {};
                            return (
                              <tr key={r.partner} data-testid={`review-${r.partner}`}>
                                <td data-label="Partner">
                                  <PartnerLink partner={r.partner} name={r.name} />
                                </td>
                                <td data-label="Since">{fmtDate(r.since)}</td>
                                <td data-label="Last activity">
                                  {r.last_activity ? (
                                    <span>
                                      {fmtDate(r.last_activity)}
                                      <span class="muted small block">{daysBetween(r.last_activity, review.window.to)} days before the quarter's end</span>
                                    </span>
                                  ) : (
                                    <Pill kind="warn">Never</Pill>
                                  )}
                                </td>
                                <td data-label="Decision">
                                  {k ? (
                                    <span class="decision">
                                      <Pill kind="ok">Kept</Pill>
                                      <span class="muted small">
                                        Recorded {fmtDate(k)} (<Link to={`/partners/${api.seg(r.partner)}?tab=records`}>activity</Link>)
                                      </span>
                                    </span>
                                  ) : (
                                    <span class="row-actions">
                                      <button type="button" class="btn btn-danger btn-sm" onClick={() => setDialog(r)}>
                                        Deactivate
                                      </button>
                                      <Button variant="secondary" class="btn-sm" busy={st.busy} onClick={() => keep(r)}>
                                        Keep
                                      </Button>
                                    </span>
                                  )}
                                  {st.error && (
                                    <span class="error-text block" role="alert">
                                      Not kept: {st.error}
                                    </span>
                                  )}
                                </td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </TableWrap>
                  )}
                  <p class="hint">
                    Keep records a “review kept” activity for the partner today: the decision shows in its activity and the audit log, and it
                    counts as activity in the current quarter.
                  </p>
                </Card>
              );
            }}
          </Async>
        </>
      )}
      {dialog && (
        <DeactivateDialog
          open={!!dialog}
          partner={dialog.partner}
          name={dialog.name}
          defaultReason={`No activity in ${quarterLabel(quarter)} (inactivity review)`}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </>
  );
}
