// Evaluations: run the tier engine for a program (annual recalculation or
// mid-year check), see who would move and why, optionally record proposals;
// then review the pending proposals one by one or in bulk.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api.js';
import { fmtDate, fmtDateTime, plural, todayIso } from '../format.js';
import {
  Async,
  Button,
  Card,
  Empty,
  ErrorBox,
  Field,
  Loading,
  PageHeader,
  Pager,
  Pill,
  ProgressBar,
  fieldError,
  notify,
  useApi,
  TableWrap,
} from '../ui.jsx';
import {
  ChangePill,
  ExpandButton,
  ExplanationTable,
  PartnerLink,
  ProgramSelect,
  TierMove,
  direction,
  loadPartnerNames,
  loadProgram,
  tierName,
  unmetAt,
  useProgramChoice,
} from './common.jsx';

/* ---------- run ---------- */

function RunForm({ programs, program, onRun }) {
  const thisYear = new Date().getUTCFullYear();
  // Mid-year first: it can run any day; the annual recalculation is once a year.
  const [mode, setMode] = useState('midyear');
  const [year, setYear] = useState(String(thisYear));
  const [asOf, setAsOf] = useState(todayIso());
  const [propose, setPropose] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const y = parseInt(year, 10);
  const submit = async (e) => {
    e.preventDefault();
    if (mode === 'annual' && !(y >= 1901 && y <= 9999)) {
      setError({ field: 'year', message: 'Enter a program year such as ' + thisYear + '.' });
      return;
    }
    setBusy(true);
    setError(null);
    const body = { program, mode, propose };
    if (mode === 'annual') body.year = y;
    else body.as_of = asOf || null;
    try {
      const [run, names, prog] = await Promise.all([api.post('/evaluations', body), loadPartnerNames().catch(() => ({})), loadProgram(program)]);
      setBusy(false);
      onRun({ run, names, prog, propose });
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  };
  const known = ['program', 'mode', 'year', 'as_of', 'propose'];
  return (
    <Card title="Run an evaluation" id="run-title">
      <form onSubmit={submit} noValidate class="run-form">
        {error && !known.includes(error.field) && <ErrorBox error={error} title="The evaluation did not run" />}
        <div class="form-grid">
          <div>
            <ProgramSelect programs={programs} value={program} reset={{ cursor: null }} />
            {fieldError(error, 'program') && (
              <div class="error-text" role="alert">
                {fieldError(error, 'program')}
              </div>
            )}
          </div>
          <Field label="Mode" error={fieldError(error, 'mode')}>
            {(p) => (
              <select {...p} value={mode} onChange={(e) => setMode(e.target.value)}>
                <option value="midyear">Mid-year check</option>
                <option value="annual">Annual recalculation</option>
              </select>
            )}
          </Field>
          {mode === 'annual' ? (
            <Field
              label="Program year"
              error={fieldError(error, 'year')}
              hint={
                y >= 1901 && y <= 9999
                  ? `The annual recalculation evaluates the previous calendar year: program year ${y} measures Jan 1 – Dec 31, ${y - 1}.`
                  : 'The annual recalculation evaluates the calendar year before the program year.'
              }
            >
              {(p) => <input {...p} type="number" inputMode="numeric" min="1901" max="9999" value={year} onInput={(e) => setYear(e.target.value)} />}
            </Field>
          ) : (
            <Field label="As of" error={fieldError(error, 'as_of')} hint="The mid-year check measures the 365 days ending on this date.">
              {(p) => <input {...p} type="date" value={asOf} onInput={(e) => setAsOf(e.target.value)} />}
            </Field>
          )}
        </div>
        <label class="checkbox">
          <input type="checkbox" checked={propose} onChange={(e) => setPropose(e.target.checked)} />
          Record tier-change proposals
        </label>
        <p class="hint">
          Without it nothing is stored: you see who would move. With it, every change becomes a proposal to review below (older pending ones for the
          same partner are superseded).
        </p>
        <div class="form-actions form-actions-left">
          <Button type="submit" busy={busy} disabled={!program}>
            Run evaluation
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** Why a partner lands where it does: what it misses (down), meets (up), and needs next. */
function Why({ ev, prog }) {
  const next = ev.next_tier && ev.next_tier.gap ? `${tierName(prog, ev.next_tier.tier)} needs ${ev.next_tier.gap}` : null;
  if (ev.change === 'down') {
    const at = ev.current_tier;
    const missing = at ? unmetAt(ev, at) : [];
    return (
      <span class="gap-line">
        {ev.qualified_tier === null ? 'Not in good standing. ' : ''}
        {missing.length ? `No longer meets ${tierName(prog, at)}: ${missing.map((r) => r.name).join('; ')}.` : `No longer meets ${tierName(prog, at)}.`}
      </span>
    );
  }
  return (
    <>
      {ev.change === 'up' && <span>Meets every {tierName(prog, ev.qualified_tier)} requirement.</span>}
      <span class="gap-line">{next ? `Next: ${next}` : ev.next_tier ? '' : 'At the top tier.'}</span>
    </>
  );
}

function RunResult({ result }) {
  const { run, names, prog, propose } = result;
  const [changesOnly, setChangesOnly] = useState(true);
  const [open, setOpen] = useState({});
  const up = run.partners.filter((p) => p.change === 'up').length;
  const down = run.partners.filter((p) => p.change === 'down').length;
  const proposals = run.partners.filter((p) => p.proposal).length;
  const rows = run.partners
    .filter((p) => !changesOnly || p.change !== 'none')
    .sort((a, b) => (names[a.partner] || a.partner).localeCompare(names[b.partner] || b.partner));
  return (
    <Card
      title="Result"
      id="result-title"
      actions={
        <label class="checkbox">
          <input type="checkbox" checked={changesOnly} onChange={(e) => setChangesOnly(e.target.checked)} />
          Changes only
        </label>
      }
    >
      <p class="run-summary" role="status">
        {run.mode === 'annual' ? `Annual recalculation for program year ${run.program_year}` : 'Mid-year check'} of {prog.name}, measured{' '}
        {fmtDate(run.window.from)} – {fmtDate(run.window.to)}: {plural(run.partners.length, 'partner')} evaluated, <strong>{up} up</strong>,{' '}
        <strong>{down} down</strong>, {run.partners.length - up - down} unchanged.
        {propose ? ` ${plural(proposals, 'proposal')} recorded for review below.` : ' Nothing was recorded.'}
      </p>
      {rows.length === 0 ? (
        <Empty title={changesOnly ? 'No tier changes' : 'No partner evaluated'} icon="=">
          {changesOnly ? 'Every evaluated partner stays at its tier.' : 'No active partner is enrolled in this program.'}
        </Empty>
      ) : (
        <TableWrap class="table-cards" label="Evaluation result">
          <table class="table">
            <caption class="sr-only">Evaluation result</caption>
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Current → qualified</th>
                <th scope="col">Change</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((ev) => {
                const isOpen = !!open[ev.partner];
                const id = 'run-' + ev.partner;
                const at = ev.change === 'down' ? ev.current_tier : ev.qualified_tier || ev.target_tier;
                return [
                  <tr key={ev.partner} data-testid={`run-${ev.partner}`}>
                    <td data-label="Partner">
                      <PartnerLink partner={ev.partner} name={names[ev.partner]} />
                    </td>
                    <td data-label="Current → qualified">
                      <TierMove program={prog} from={ev.current_tier} to={ev.qualified_tier} />
                    </td>
                    <td data-label="Change">
                      <ChangePill change={ev.change} />
                      {ev.proposal && <span class="muted small block">Proposal #{ev.proposal}</span>}
                    </td>
                    <td data-label="Why" class="why-cell">
                      <Why ev={ev} prog={prog} />
                      <ExpandButton open={isOpen} controls={id} onClick={() => setOpen({ ...open, [ev.partner]: !isOpen })}>
                        Requirements
                      </ExpandButton>
                    </td>
                  </tr>,
                  isOpen && (
                    <tr key={ev.partner + '-x'} id={id} class="detail-row">
                      <td colSpan={4}>
                        <ExplanationTable explanation={ev} program={prog} tier={at} />
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Card>
  );
}

/* ---------- proposals ---------- */

function ProposalDetail({ id, prog }) {
  const q = useApi(() => api.get(`/proposals/${id}`), [id]);
  return (
    <Async q={q} label="Loading the explanation…">
      {(p) =>
        p.explanation ? (
          <>
            <p class="small muted">
              {p.mode === 'annual' ? 'Annual recalculation' : 'Mid-year check'}, measured {fmtDate(p.window.from)} – {fmtDate(p.window.to)}, as of{' '}
              {fmtDate(p.as_of)}.
            </p>
            <ExplanationTable
              explanation={p.explanation}
              program={prog}
              tier={direction(prog, p.from_tier, p.to_tier) === 'down' ? p.from_tier : p.to_tier}
            />
          </>
        ) : (
          <p class="muted small">This proposal has no stored explanation.</p>
        )
      }
    </Async>
  );
}

const LIMIT = 50;

function Proposals({ program, version }) {
  const [history, setHistory] = useState(false);
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState(() => new Set());
  const [rowState, setRowState] = useState({});
  const [open, setOpen] = useState({});
  const [effective, setEffective] = useState('');
  const [progress, setProgress] = useState(null);
  const [summary, setSummary] = useState(null);
  useEffect(() => {
    setOffset(0);
    setSelected(new Set());
    setRowState({});
    setSummary(null);
  }, [program, history]);
  const q = useApi(async () => {
    const [page, names, prog] = await Promise.all([
      api.get('/proposals', { status: history ? 'all' : 'pending', program, limit: LIMIT, cursor: offset || '' }),
      loadPartnerNames().catch(() => ({})),
      loadProgram(program),
    ]);
    return { page, names, prog };
  }, [program, history, offset, version]);

  const busy = !!progress;
  const decide = async (p, action) => {
    const body = action === 'approve' && effective ? { effective } : {};
    return api.post(`/proposals/${p.id}/${action}`, body);
  };

  const one = async (p, action, names) => {
    setRowState((s) => ({ ...s, [p.id]: { status: 'working' } }));
    try {
      await decide(p, action);
      // The row stays, showing the decision, until the list is loaded again.
      setRowState((s) => ({ ...s, [p.id]: { status: 'done', action, keep: true } }));
      setSelected((s) => {
        const n = new Set(s);
        n.delete(p.id);
        return n;
      });
      notify(`${action === 'approve' ? 'Approved' : 'Rejected'}: ${names[p.partner] || p.partner} ${tierName(q.data.prog, p.from_tier)} → ${tierName(q.data.prog, p.to_tier)}.`);
    } catch (err) {
      setRowState((s) => ({ ...s, [p.id]: { status: 'error', message: err.message } }));
    }
  };

  const bulk = async (action, items, names) => {
    const todo = items.filter((p) => selected.has(p.id));
    if (!todo.length) return;
    setSummary(null);
    const failures = [];
    let ok = 0;
    for (let i = 0; i < todo.length; i++) {
      const p = todo[i];
      setProgress({ action, done: i, total: todo.length, current: names[p.partner] || p.partner });
      setRowState((s) => ({ ...s, [p.id]: { status: 'working' } }));
      try {
        await decide(p, action);
        ok++;
        setRowState((s) => ({ ...s, [p.id]: { status: 'done', action } }));
      } catch (err) {
        failures.push({ id: p.id, partner: names[p.partner] || p.partner, message: err.message });
        setRowState((s) => ({ ...s, [p.id]: { status: 'error', message: err.message } }));
      }
    }
    setProgress(null);
    setSelected(new Set(failures.map((f) => f.id)));
    setSummary({ action, ok, failures });
    q.reload();
  };

  return (
    <Card
      title={history ? 'Proposal history' : 'Proposals to review'}
      id="proposals-title"
      actions={
        <button type="button" class="btn btn-secondary btn-sm" aria-pressed={history ? 'true' : 'false'} onClick={() => setHistory(!history)} disabled={busy}>
          History
        </button>
      }
    >
      <p class="muted small">
        {history
          ? 'Every proposal of this program: approved, rejected, superseded and pending.'
          : 'Approving applies the new tier (recorded in the tier history); rejecting keeps the current one.'}
      </p>
      <Async q={q} label="Loading proposals…">
        {({ page, names, prog }) => {
          // Bulk successes leave the list; a single decision stays in place, showing it.
          const items = page.items.filter((p) => history || !(rowState[p.id] && rowState[p.id].status === 'done' && !rowState[p.id].keep));
          const decided = (p) => rowState[p.id] && rowState[p.id].status === 'done';
          const pending = items.filter((p) => p.status === 'pending' && !decided(p));
          const allSelected = pending.length > 0 && pending.every((p) => selected.has(p.id));
          const someSelected = pending.some((p) => selected.has(p.id));
          const toggleAll = () => setSelected(allSelected ? new Set() : new Set(pending.map((p) => p.id)));
          const toggle = (id) =>
            setSelected((s) => {
              const n = new Set(s);
              if (n.has(id)) n.delete(id);
              else n.add(id);
              return n;
            });
          const count = pending.filter((p) => selected.has(p.id)).length;
          return (
            <>
              {!history && pending.length > 0 && (
                <div class="bulk-bar">
                  <span class="muted small" aria-live="polite">
                    {count} selected
                  </span>
                  <Field label="Effective on" hint="For approvals; empty: today.">
                    {(p) => <input {...p} type="date" value={effective} onInput={(e) => setEffective(e.target.value)} disabled={busy} />}
                  </Field>
                  <div class="bulk-actions">
                    <Button variant="ok" disabled={!count || busy} onClick={() => bulk('approve', items, names)}>
                      Approve selected
                    </Button>
                    <Button variant="secondary" disabled={!count || busy} onClick={() => bulk('reject', items, names)}>
                      Reject selected
                    </Button>
                  </div>
                </div>
              )}
              {progress && (
                <div class="bulk-progress" role="status" aria-live="polite">
                  <span>
                    {progress.action === 'approve' ? 'Approving' : 'Rejecting'} {progress.done + 1} of {progress.total}: {progress.current}…
                  </span>
                  <ProgressBar value={progress.done} max={progress.total} label="Progress" />
                </div>
              )}
              {summary && (
                <div class={'alert ' + (summary.failures.length ? 'alert-warn' : 'alert-ok')} role="status">
                  <div>
                    <strong>
                      {summary.action === 'approve' ? 'Approved' : 'Rejected'} {plural(summary.ok, 'proposal')}.
                      {summary.failures.length ? ` ${summary.failures.length} failed:` : ''}
                    </strong>
                    {summary.failures.length > 0 && (
                      <ul class="failures">
                        {summary.failures.map((f, i) => (
                          <li key={i}>
                            {f.partner}: {f.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                  <button type="button" class="btn btn-ghost btn-sm" onClick={() => setSummary(null)}>
                    Dismiss
                  </button>
                </div>
              )}
              {items.length === 0 ? (
                <Empty title={history ? 'No proposals yet' : 'Nothing to review'} icon="✓">
                  {history ? 'Run an evaluation with “Record tier-change proposals” to create some.' : 'No pending proposal for this program.'}
                </Empty>
              ) : (
                <TableWrap class="table-cards" label={history ? 'Proposal history' : 'Pending proposals'}>
                  <table class="table proposals-table">
                    <caption class="sr-only">{history ? 'Proposal history' : 'Pending proposals'}</caption>
                    <thead>
                      <tr>
                        {!history && (
                          <th scope="col" class="check-col">
                            <input
                              type="checkbox"
                              aria-label="Select all"
                              checked={allSelected}
                              ref={(el) => el && (el.indeterminate = someSelected && !allSelected)}
                              onChange={toggleAll}
                              disabled={busy}
                            />
                          </th>
                        )}
                        <th scope="col">Partner</th>
                        <th scope="col">Change</th>
                        <th scope="col">Why</th>
                        <th scope="col">{history ? 'Decision' : 'Actions'}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((p) => {
                        const dir = direction(prog, p.from_tier, p.to_tier);
                        const st = rowState[p.id] || {};
                        const isOpen = !!open[p.id];
                        const did = 'prop-' + p.id;
                        const name = names[p.partner] || p.partner;
                        return [
                          <tr key={p.id} data-testid={`proposal-${p.partner}`} class={st.status === 'error' ? 'row-error' : ''}>
                            {!history && (
                              <td class="check-col" data-label="Select">
                                <input
                                  type="checkbox"
                                  aria-label={`Select ${name}`}
                                  checked={selected.has(p.id)}
                                  onChange={() => toggle(p.id)}
                                  disabled={busy || p.status !== 'pending' || decided(p)}
                                />
                              </td>
                            )}
                            <td data-label="Partner">
                              <PartnerLink partner={p.partner} name={names[p.partner]} />
                            </td>
                            <td data-label="Change">
                              <span class="change-cell">
                                <TierMove program={prog} from={p.from_tier} to={p.to_tier} />
                                <ChangePill change={dir} />
                              </span>
                            </td>
                            <td data-label="Why" class="why-cell">
                              <span class="small">
                                {p.mode === 'annual' ? 'Annual' : 'Mid-year'} · {fmtDate(p.window.from)} – {fmtDate(p.window.to)}
                              </span>
                              <span>
                                {dir === 'up'
                                  ? `Meets every ${tierName(prog, p.to_tier)} requirement.`
                                  : p.to_tier
                                    ? `No longer meets ${tierName(prog, p.from_tier)}.`
                                    : 'Not in good standing.'}
                              </span>
                              {p.next_tier && p.next_tier.gap && (
                                <span class="small gap-line">
                                  Next: {tierName(prog, p.next_tier.tier)} needs {p.next_tier.gap}
                                </span>
                              )}
                              <ExpandButton open={isOpen} controls={did} onClick={() => setOpen({ ...open, [p.id]: !isOpen })}>
                                Explanation
                              </ExpandButton>
                            </td>
                            <td data-label={history ? 'Decision' : 'Actions'}>
                              {decided(p) ? (
                                <span class="decision">
                                  <Pill kind={st.action === 'approve' ? 'approved' : 'rejected'}>{st.action === 'approve' ? 'Approved' : 'Rejected'}</Pill>
                                  <span class="muted small">
                                    {st.action === 'approve' ? `Now ${tierName(prog, p.to_tier)}` : `Stays ${tierName(prog, p.from_tier)}`}
                                  </span>
                                </span>
                              ) : p.status !== 'pending' ? (
                                <span class="decision">
                                  <Pill kind={p.status} />
                                  {p.decided_by && (
                                    <span class="muted small">
                                      {p.decided_by}, {fmtDateTime(p.decided_at)}
                                    </span>
                                  )}
                                </span>
                              ) : (
                                <span class="row-actions">
                                  <Button variant="ok" class="btn-sm" busy={st.status === 'working'} disabled={busy} onClick={() => one(p, 'approve', names)}>
                                    Approve
                                  </Button>
                                  <Button variant="secondary" class="btn-sm" disabled={busy || st.status === 'working'} onClick={() => one(p, 'reject', names)}>
                                    Reject
                                  </Button>
                                  {history && <Pill kind="pending" />}
                                </span>
                              )}
                              {st.status === 'error' && (
                                <span class="error-text block" role="alert">
                                  {st.message}
                                </span>
                              )}
                            </td>
                          </tr>,
                          isOpen && (
                            <tr key={p.id + '-x'} id={did} class="detail-row">
                              <td colSpan={history ? 4 : 5}>
                                <ProposalDetail id={p.id} prog={prog} />
                              </td>
                            </tr>
                          ),
                        ];
                      })}
                    </tbody>
                  </table>
                </TableWrap>
              )}
              <Pager offset={offset} count={page.items.length} limit={LIMIT} onPage={setOffset} />
            </>
          );
        }}
      </Async>
    </Card>
  );
}

export function Evaluations({ query }) {
  const pc = useProgramChoice(query);
  const [result, setResult] = useState(null);
  const [version, setVersion] = useState(0);
  useEffect(() => setResult(null), [pc.program]);
  return (
    <>
      <PageHeader title="Evaluations" subtitle="Recalculate tiers, then review the proposed changes before they apply." />
      {pc.error ? (
        <ErrorBox error={pc.error} retry={pc.reload} title="Cannot load the programs" />
      ) : pc.loading && !pc.programs.length ? (
        <Loading />
      ) : !pc.programs.length ? (
        <Empty title="No program loaded">An administrator loads a program definition first (<code>consort program load FILE</code>).</Empty>
      ) : (
        <>
          <RunForm
            programs={pc.programs}
            program={pc.program}
            onRun={(r) => {
              setResult(r);
              if (r.propose) setVersion((v) => v + 1);
            }}
          />
          {result && <RunResult result={result} />}
          <Proposals program={pc.program} version={version} />
        </>
      )}
    </>
  );
}

