// What the partnerships team's pages share: the program catalogue (cached for
// the session), the "Program" select remembered in ?program=, partner names,
// tier names, change pills, the deactivation dialog and compact explanations.
import { useState } from 'preact/hooks';
import * as api from '../api.js';
import { Link, setQuery } from '../router.jsx';
import { fmtDate, fmtMoney, fmtNumber, fmtValue, titleCase } from '../format.js';
import { Button, Dialog, ErrorBox, Field, Pill, TierBadge, fieldError, notify, useApi } from '../ui.jsx';

/* ---------- session caches ---------- */

const cache = new Map();

/** One promise per key for the session; a failed load is forgotten so a retry asks again. */
export function cached(key, load) {
  if (!cache.has(key)) {
    const p = load().catch((e) => {
      cache.delete(key);
      throw e;
    });
    cache.set(key, p);
  }
  return cache.get(key);
}

/** Forgets cached answers whose key starts with prefix (after a change they depend on). */
export function forget(prefix) {
  for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k);
}

/** Every loaded program: [{ key, name, year, tiers: [keys] }]. */
export const loadPrograms = () => cached('programs', () => api.getAll('/programs'));

/** One program's definition (tiers, requirements, benefits...). */
export const loadProgram = (key) => cached('program:' + key, () => api.get(`/programs/${api.seg(key)}`));

/**
 * Every program's definition and, across them, the names of products,
 * motions, agreements and programs by key: { details, names: { products,
 * motions, agreements, programs } }.
 */
export const loadCatalog = () =>
  cached('catalog', async () => {
    const programs = await loadPrograms();
    const details = await Promise.all(programs.map((p) => loadProgram(p.key)));
    const names = { products: {}, motions: {}, agreements: {}, programs: {} };
    for (const d of details) {
      names.programs[d.key] = d.name;
      for (const f of ['products', 'motions', 'agreements']) for (const x of d[f] || []) names[f][x.key] = names[f][x.key] || x.name;
    }
    return { programs, details, names };
  });

/** "a;b" of keys -> "Name A, Name B" through a names map. */
export const listNames = (list, names) =>
  list
    ? String(list)
        .split(';')
        .filter(Boolean)
        .map((k) => (names && names[k]) || titleCase(k))
        .join(', ')
    : '—';

/** partner key -> name, for answers that carry only keys (evaluations, proposals). */
export const loadPartnerNames = () =>
  cached('partner-names', async () => {
    const items = await api.getAll('/partners', { sort: 'name' });
    return Object.fromEntries(items.map((p) => [p.key, p.name]));
  });

/** The regions partners are in (for the Region filter). */
export const loadRegions = () =>
  cached('regions', async () => {
    const items = await api.getAll('/partners');
    return [...new Set(items.map((p) => p.region).filter(Boolean))].sort();
  });

/* ---------- programs ---------- */

/**
 * The selected program: ?program= when it names a loaded program, else the
 * first one. { programs, program, loading, error, reload }.
 */
export function useProgramChoice(query) {
  const q = useApi(loadProgramChoices, []);
  const programs = q.data ? q.data.programs : [];
  const valid = (k) => k && programs.some((p) => p.key === k);
  const asked = query.get('program');
  const program = valid(asked) ? asked : valid(remembered()) ? remembered() : q.data ? q.data.preferred : null;
  return { programs, program, loading: q.loading, error: q.error, reload: q.reload };
}

const REMEMBER = 'consort.vendor.program';

function remembered() {
  try {
    return window.localStorage.getItem(REMEMBER);
  } catch (e) {
    return null;
  }
}

/** Remembers the program chosen last, for pages opened without ?program=. */
export function rememberProgram(key) {
  try {
    if (key) window.localStorage.setItem(REMEMBER, key);
  } catch (e) {
    /* private mode: the query string still has it */
  }
}

/** The programs, and the one to show first: the one with the most partners. */
const loadProgramChoices = () =>
  cached('program-choices', async () => {
    const programs = await loadPrograms();
    const counts = await Promise.all(programs.map((p) => api.get('/partners', { program: p.key, limit: 1 }).then((r) => r.total || 0, () => 0)));
    let best = 0;
    counts.forEach((n, i) => {
      if (n > counts[best]) best = i;
    });
    return { programs, preferred: programs.length ? programs[best].key : null };
  });

/** The select labelled "Program"; changing it updates ?program= (and resets paging). */
export function ProgramSelect({ programs, value, onChange, label = 'Program', allowAll = false, hint, reset = { cursor: null } }) {
  const change = (v) => {
    rememberProgram(v);
    if (onChange) onChange(v);
    else setQuery({ ...reset, program: v || null });
  };
  return (
    <Field label={label} hint={hint}>
      {(p) => (
        <select {...p} value={value || ''} onChange={(e) => change(e.target.value)}>
          {allowAll && <option value="">All programs</option>}
          {programs.map((pr) => (
            <option key={pr.key} value={pr.key}>
              {pr.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A program's short label for tight spaces: "Segment 2025" from segment-2025. */
export const shortProgram = (key) => titleCase(key || '');

/** "Registered", from the program's tier list when known. */
export function tierName(program, key) {
  if (!key) return 'No tier';
  const t = program && program.tiers && program.tiers.find((x) => (x.key || x) === key);
  return (t && t.name) || titleCase(key);
}

/** The rank of a tier in its program (lowest 0); -1 for none. */
export function tierRank(program, key) {
  if (!key || !program) return -1;
  return program.tiers.findIndex((x) => (x.key || x) === key);
}

/** A tier badge named as the program names it. */
export function Tier({ program, tier }) {
  return <TierBadge tier={tier} name={tier ? tierName(program, tier) : undefined} />;
}

/** from → to, as badges. */
export function TierMove({ program, from, to }) {
  return (
    <span class="tier-move">
      <Tier program={program} tier={from} />
      {/* Named for screen readers without a visually hidden node, which would escape a scrolling table. */}
      <span role="img" aria-label="to" class="tier-arrow">
        →
      </span>
      <Tier program={program} tier={to} />
    </span>
  );
}

/** up / down / same, from the engine's change ("none" is "same"). */
export function ChangePill({ change }) {
  if (change === 'up') return <Pill kind="up">▲ Up</Pill>;
  if (change === 'down') return <Pill kind="down">▼ Down</Pill>;
  return <Pill kind="same">Same</Pill>;
}

/** The direction of a move between two tiers of a program. */
export function direction(program, from, to) {
  const a = tierRank(program, from), b = tierRank(program, to);
  return b > a ? 'up' : b < a ? 'down' : 'none';
}

/** A partner's name, linked to its page, with the key underneath. */
export function PartnerLink({ partner, name, showKey = true }) {
  return (
    <span class="partner-cell">
      <Link to={`/partners/${api.seg(partner)}`}>{name || partner}</Link>
      {showKey && name && name !== partner && <span class="muted small mono">{partner}</span>}
    </span>
  );
}

/* ---------- quarters ---------- */

/** "2026Q3" for a date. */
export function quarterOf(d) {
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** The quarter before today's (the inactivity review's default). */
export function previousQuarter(now = new Date()) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  d.setUTCMonth(d.getUTCMonth() - 3);
  return quarterOf(d);
}

/** The last n quarters before today's, newest first. */
export function recentQuarters(n = 8, now = new Date()) {
  const out = [];
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  for (let i = 0; i < n; i++) {
    d.setUTCMonth(d.getUTCMonth() - 3);
    out.push(quarterOf(d));
  }
  return out;
}

/** "2026Q3" -> "Q3 2026". */
export const quarterLabel = (q) => (/^\d{4}Q[1-4]$/.test(q || '') ? `${q.slice(4)} ${q.slice(0, 4)}` : q);

/* ---------- explanations ---------- */

/** A requirement's threshold at one tier: "$500,000", "3", "✓", "by invitation", "—". */
export function thresholdText(unit, setting) {
  if (!setting) return '—';
  if (setting.invite_only) return 'by invitation';
  if (unit === 'bool') return '✓';
  return fmtValue(unit, setting.threshold);
}

function evidenceValue(k, v) {
  if (v === null || v === undefined || v === '') return '—';
  if (/_usd$/.test(k)) return fmtMoney(v);
  if (/_on$/.test(k) && typeof v === 'string') return fmtDate(v);
  if (typeof v === 'number') return fmtNumber(v);
  return String(v);
}

/** The records that counted for a requirement, one line each. */
export function EvidenceList({ evidence }) {
  if (!evidence || !evidence.length) return <p class="muted small">No records counted.</p>;
  return (
    <ul class="evidence">
      {evidence.map((e, i) => (
        <li key={i}>
          {Object.entries(e).map(([k, v], j) => (
            <span key={k} class="evidence-item">
              {j > 0 && <span aria-hidden="true"> · </span>}
              <span class="muted">{titleCase(k.replace(/_usd$/, '').replace(/_on$/, ''))}:</span> {evidenceValue(k, v)}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

/**
 * The requirements of an evaluation judged at one tier, compactly: name,
 * value, threshold at that tier, met, gap. For proposals and evaluation runs.
 */
export function ExplanationTable({ explanation, program, tier }) {
  const reqs = (explanation.requirements || []).filter((r) => r.applies !== false);
  const at = tier || explanation.target_tier;
  const rows = reqs.filter((r) => r.tiers && r.tiers[at]);
  return (
    <div class="explanation">
      <p class="small">
        Judged against <Tier program={program} tier={at} />
        {explanation.next_tier && explanation.next_tier.gap && (
          <>
            {' '}
            · For {tierName(program, explanation.next_tier.tier)}: <span class="gap-text">{explanation.next_tier.gap}</span>
          </>
        )}
      </p>
      {rows.length ? (
        <table class="table table-compact">
          <caption class="sr-only">Requirements at {tierName(program, at)}</caption>
          <thead>
            <tr>
              <th scope="col">Requirement</th>
              <th scope="col" class="num">
                Value
              </th>
              <th scope="col" class="num">
                Needed
              </th>
              <th scope="col">Met</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const s = r.tiers[at];
              return (
                <tr key={r.key}>
                  <td data-label="Requirement">
                    {r.name}
                    {r.group && <span class="muted small"> (one of: {r.group})</span>}
                  </td>
                  <td data-label="Value" class="num">
                    {fmtValue(r.unit, r.value)}
                  </td>
                  <td data-label="Needed" class="num">
                    {thresholdText(r.unit, s)}
                  </td>
                  <td data-label="Met">{!s.required ? <span class="muted">Not required</span> : s.met ? <Pill kind="met">Met</Pill> : <Pill kind="unmet">Not met</Pill>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p class="muted small">No requirement applies at this tier.</p>
      )}
    </div>
  );
}

/**
 * What keeps a partner from a tier: the requirements required there and not
 * met (a group counts as met when any of its members is).
 */
export function unmetAt(explanation, tier) {
  const reqs = (explanation.requirements || []).filter((r) => r.applies !== false && r.tiers && r.tiers[tier] && r.tiers[tier].required);
  const groupMet = {};
  for (const r of reqs) if (r.group && r.tiers[tier].met) groupMet[r.group] = true;
  return reqs.filter((r) => !r.tiers[tier].met && !(r.group && groupMet[r.group]));
}

/* ---------- deactivation ---------- */

/**
 * The deactivation dialog (reason required, optional date), confirming what
 * it does. onDone(result) after the partner is deactivated.
 */
export function DeactivateDialog({ open, partner, name, onClose, onDone, defaultReason = '' }) {
  const [reason, setReason] = useState(defaultReason);
  const [on, setOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };
  const submit = async (e) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError({ field: 'reason', message: 'Give a reason: it is recorded with the deactivation.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await api.post(`/partners/${api.seg(partner)}/deactivate`, { reason: reason.trim(), on: on || null });
      setBusy(false);
      setReason('');
      setOn('');
      forget('partner-names');
      notify(`${name || partner} was deactivated.`);
      onDone(res);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  };
  return (
    <Dialog open={open} title={`Deactivate ${name || partner}?`} onClose={close}>
      <form onSubmit={submit} noValidate>
        <div class="alert alert-warn">
          <div>
            A deactivated partner is left out of every evaluation and loses its public listing and badge. Its records and tier history are
            kept.
          </div>
        </div>
        {error && !['reason', 'on'].includes(error.field) && <ErrorBox error={error} title="The partner was not deactivated" />}
        <Field label="Reason" required error={fieldError(error, 'reason')} hint="Recorded with the deactivation and in the audit log.">
          {(p) => <textarea {...p} rows={3} value={reason} onInput={(e) => setReason(e.target.value)} />}
        </Field>
        <Field label="Deactivate on" error={fieldError(error, 'on')} hint="Leave empty for today.">
          {(p) => <input {...p} type="date" value={on} onInput={(e) => setOn(e.target.value)} />}
        </Field>
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={close} disabled={busy}>
            Cancel
          </button>
          <Button type="submit" variant="danger" busy={busy}>
            Confirm deactivation
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/* ---------- misc ---------- */

/** A show/hide button for a details row: aria-expanded, aria-controls. */
export function ExpandButton({ open, onClick, controls, children }) {
  return (
    <button type="button" class="link-button expand-button" aria-expanded={open ? 'true' : 'false'} aria-controls={controls} onClick={onClick}>
      <span aria-hidden="true" class="expand-caret">
        {open ? '▾' : '▸'}
      </span>
      {children}
    </button>
  );
}

/** Whether an error means "not allowed for your role". */
export const isForbidden = (e) => e && (e.status === 403 || e.code === 'forbidden');
