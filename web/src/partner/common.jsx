// What the partner pages share: the signed-in partner with its enrollments and
// the definitions of its programs, the program switcher (?program=), readable
// evidence, keys made from titles, copying to the clipboard, a cursor pager.
import { useRef, useState } from 'preact/hooks';
import * as api from '../api.js';
import { setQuery, Link } from '../router.jsx';
import { useMe } from '../session.js';
import { Button, Dialog, ErrorBox, Field, Tabs, notify } from '../ui.jsx';
import { fmtDate, fmtMoney, titleCase } from '../format.js';

/* ---------- programs ---------- */

const programCache = new Map();

/** A program's definition (tiers, products, agreements, requirements), fetched once. */
export function programDef(key) {
  if (!programCache.has(key)) {
    const p = api.get(`/programs/${api.seg(key)}`);
    p.catch(() => programCache.delete(key));
    programCache.set(key, p);
  }
  return programCache.get(key);
}

/**
 * The partner, its enrollments and its programs' definitions:
 * { partner, enrollments: [{program, tier, since, invited}], programs: {key: def} }.
 */
export async function loadPartnerContext(partnerKey) {
  const k = api.seg(partnerKey);
  const [partner, enrollments] = await Promise.all([api.get(`/partners/${k}`), api.getAll(`/partners/${k}/enrollments`)]);
  const defs = await Promise.all(enrollments.map((e) => programDef(e.program)));
  const programs = {};
  defs.forEach((d) => (programs[d.key] = d));
  return { partner, enrollments, programs };
}

/** The signed-in user's partner key. */
export function usePartnerKey() {
  return useMe().partner;
}

/** The program the page shows: ?program= when the partner is enrolled in it, else the first. */
export function selectedProgram(query, enrollments) {
  const wanted = query && query.get('program');
  if (wanted && enrollments.some((e) => e.program === wanted)) return wanted;
  return enrollments.length ? enrollments[0].program : null;
}

/** Tabs over the partner's programs, when there are several; the choice goes in ?program=. */
export function ProgramSwitcher({ ctx, value }) {
  if (ctx.enrollments.length < 2) return null;
  return (
    <div class="p-program-tabs">
      <Tabs
        label="Program"
        value={value}
        onChange={(v) => setQuery({ program: v })}
        tabs={ctx.enrollments.map((e) => ({ value: e.program, label: programName(ctx, e.program) }))}
      />
    </div>
  );
}

export function programName(ctx, key) {
  const p = ctx.programs[key];
  return (p && p.name) || key;
}

/** A tier's display name in a program ("gold" -> "Gold"). */
export function tierName(def, tier) {
  if (!tier) return null;
  const t = def && (def.tiers || []).find((x) => (typeof x === 'string' ? x : x.key) === tier);
  return (t && typeof t === 'object' && t.name) || titleCase(tier);
}

/** Key -> name for a program list (products, agreements, motions) over every program given. */
export function namesOf(defs, list) {
  const names = {};
  for (const d of defs) for (const x of d[list] || []) if (!names[x.key]) names[x.key] = x.name;
  return names;
}

/* ---------- keys ---------- */

/** A record key from a title: "How Acme grew 41%" -> "how-acme-grew-41", unique among `taken`. */
export function slugify(title, taken, fallback = 'item') {
  let base = String(title || '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  if (!base) base = fallback;
  const used = taken instanceof Set ? taken : new Set(taken || []);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const k = `${base}-${n}`;
    if (!used.has(k)) return k;
  }
}

/* ---------- evidence ---------- */

const DEAL_TYPES = { new: 'New business', upsell: 'Upsell', renewal: 'Renewal', professional_services: 'Professional services' };
export const dealTypeName = (t) => DEAL_TYPES[t] || titleCase(t);

function monthName(m) {
  const x = /^(\d{4})-(\d{2})$/.exec(m || '');
  if (!x) return m;
  return new Date(Date.UTC(+x[1], +x[2] - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * One evidence item of a scorecard requirement, in words. `look` holds names:
 * { agreements, products, stories: {key: title}, solutions: {key: name}, deals: {key: account} }.
 */
export function EvidenceItem({ e, look }) {
  const L = look || {};
  const name = (map, k) => (map && map[k]) || k;
  if (e.agreement !== undefined) {
    return (
      <>
        <strong>{name(L.agreements, e.agreement)}</strong> — signed {fmtDate(e.signed_on)}
        {e.expires_on ? `, expires ${fmtDate(e.expires_on)}` : ', no expiry'}
      </>
    );
  }
  if (e.solution !== undefined) {
    const steps = [
      e.launched_on && `launched ${fmtDate(e.launched_on)}`,
      e.docs_on && `docs ${fmtDate(e.docs_on)}`,
      e.collateral_on && `collateral ${fmtDate(e.collateral_on)}`,
    ].filter(Boolean);
    return (
      <>
        <Link to={`/solutions/${api.seg(e.solution)}`}>{name(L.solutions, e.solution)}</Link> ({name(L.products, e.product)})
        {steps.length ? ` — ${steps.join(' · ')}` : ''}
      </>
    );
  }
  if (e.story !== undefined) {
    return (
      <>
        <Link to={`/stories/${api.seg(e.story)}`}>{name(L.stories, e.story)}</Link> — published {fmtDate(e.published_on)}
      </>
    );
  }
  if (e.deal !== undefined) {
    const account = L.deals && L.deals[e.deal];
    return (
      <>
        <strong>{account || e.deal}</strong>
        {account ? <span class="muted"> ({e.deal})</span> : null} — {dealTypeName(e.type)}, {name(L.products, e.product)},{' '}
        {fmtMoney(e.arr_usd)} ARR, closed {fmtDate(e.closed_on)}
      </>
    );
  }
  if (e.commit !== undefined) {
    return (
      <>
        <strong>{e.commit}</strong> — {fmtMoney(e.tcv_usd)} TCV, signed {fmtDate(e.signed_on)}, term {fmtDate(e.start_on)} to{' '}
        {fmtDate(e.end_on)}
      </>
    );
  }
  if (e.month !== undefined) {
    return (
      <>
        {monthName(e.month)}: {fmtMoney(e.amount_usd)} Twilio spend
      </>
    );
  }
  if (e.enabled_on !== undefined) {
    return (
      <>
        Account mapping enabled {fmtDate(e.enabled_on)}
        {e.disabled_on ? `, disabled ${fmtDate(e.disabled_on)}` : ', still in place'}
      </>
    );
  }
  if (e.approved_on !== undefined) {
    return (
      <>
        Joint GTM business plan for {e.year}, approved {fmtDate(e.approved_on)}
      </>
    );
  }
  if (e.start_on !== undefined) {
    return (
      <>
        Partner support plan from {fmtDate(e.start_on)}
        {e.end_on ? ` to ${fmtDate(e.end_on)}` : ', ongoing'}
      </>
    );
  }
  return (
    <>
      {Object.entries(e)
        .map(([k, v]) => `${titleCase(k)}: ${v === null ? '—' : v}`)
        .join(', ')}
    </>
  );
}

/* ---------- clipboard ---------- */

/** Copies text; falls back to selecting the given field and execCommand where the Clipboard API is missing. */
export async function copyText(text, field) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch (e) {
    /* fall back below */
  }
  if (field) {
    field.focus();
    field.select();
    try {
      if (document.execCommand('copy')) return true;
    } catch (e) {
      /* nothing more to try */
    }
  }
  return false;
}

/** A "Copy" button for a read-only field (given by ref). */
/** A read-only field with a link (selected on focus) and a button that copies it; fieldRef: its input. */
export function LinkField({ label, link, what = 'Link copied', fieldRef }) {
  const own = useRef(null);
  const ref = fieldRef || own;
  return (
    <Field label={label}>
      {(p) => (
        <div class="p-copy">
          <input ref={ref} type="text" {...p} value={link} readOnly onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={link} fieldRef={ref} label="Copy link" what={what} />
        </div>
      )}
    </Field>
  );
}

export function CopyButton({ text, fieldRef, label = 'Copy', what = 'Copied to the clipboard' }) {
  const [done, setDone] = useState(false);
  const timer = useRef(null);
  const onClick = async () => {
    const ok = await copyText(text, fieldRef && fieldRef.current);
    if (ok) {
      setDone(true);
      notify(what);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setDone(false), 2500);
    } else {
      notify('Your browser did not allow copying: the text is selected, press Ctrl+C (⌘C on a Mac).', 'bad');
    }
  };
  return (
    <button type="button" class="btn btn-secondary" onClick={onClick}>
      {done ? 'Copied ✓' : label}
    </button>
  );
}

/* ---------- pagination over next_cursor ---------- */

/** Cursor pagination state: { cursor, page, next(c), prev(), reset() }. */
export function useCursor() {
  const [stack, setStack] = useState([null]);
  return {
    cursor: stack[stack.length - 1],
    page: stack.length,
    next: (c) => setStack((s) => [...s, c]),
    prev: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([null]),
  };
}

export function CursorPager({ pager, count, limit, nextCursor, noun = 'items' }) {
  if (pager.page === 1 && !nextCursor) return null;
  const from = (pager.page - 1) * limit + 1;
  return (
    <nav class="pager" aria-label="Pages">
      <span>
        {count ? `${noun} ${from.toLocaleString('en-US')}–${(from + count - 1).toLocaleString('en-US')}` : `No more ${noun}`} · page {pager.page}
      </span>
      <button type="button" class="btn btn-secondary btn-sm" disabled={pager.page === 1} onClick={pager.prev}>
        ← Previous
      </button>
      <button type="button" class="btn btn-secondary btn-sm" disabled={!nextCursor} onClick={() => pager.next(nextCursor)}>
        Next →
      </button>
    </nav>
  );
}

/** Whether a YYYY-MM-DD date is on or before today (UTC). */
export const reached = (d, today) => !!d && d <= today;

/* ---------- the public listing and badge ---------- */

/**
 * What the public pages show of the partner, as the server decides it (the
 * partner's `public` member: src/http/public.c's rule): { listed, badge:
 * { program, tier, programName, tierName } | null }.
 */
export function publicStanding(ctx) {
  const p = ctx.partner.public || { listed: false, badge: null };
  const b = p.badge;
  const def = b ? ctx.programs[b.program] : null;
  return {
    listed: !!p.listed,
    badge: b ? { program: b.program, tier: b.tier, programName: (def && def.name) || b.program, tierName: def ? tierName(def, b.tier) : b.tier } : null,
  };
}

/* ---------- form errors ---------- */

/**
 * An API validation error as { fields: {name: message}, other: error|null }:
 * the API names the first bad field (error.field) and its message may list
 * several, one a line, each "field: what is wrong". `known` are the form's fields.
 */
export function splitErrors(error, known) {
  const fields = {};
  if (!error) return { fields, other: null };
  const lines = String(error.message || '').split('\n');
  let unplaced = false;
  for (const line of lines) {
    const m = /^([a-z_]+): (.*)$/.exec(line);
    const name = m ? m[1] : error.field;
    const text = m ? m[2] : line;
    if (name && known.includes(name) && !fields[name]) fields[name] = text === 'missing value' ? 'This field is required.' : sentence(text);
    else if (line.trim()) unplaced = true;
  }
  if (!Object.keys(fields).length && error.field && known.includes(error.field)) fields[error.field] = sentence(error.message);
  return { fields, other: unplaced || !Object.keys(fields).length ? error : null };
}

const sentence = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/** Focuses the first invalid control of a form, after it renders. */
export function focusFirstError(form) {
  setTimeout(() => {
    const el = form && form.querySelector('[aria-invalid="true"]');
    if (el) el.focus();
  }, 0);
}

/* ---------- confirming ---------- */

/** "Delete X?" with a danger button; onConfirm is async, errors shown in the dialog (under errorTitle). */
export function ConfirmDelete({ open, title, children, confirmLabel, onConfirm, onClose, errorTitle = 'Not deleted' }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      actions={
        <>
          <button type="button" class="btn btn-secondary" onClick={close} disabled={busy}>
            Cancel
          </button>
          <Button variant="danger" busy={busy} onClick={go} type="button">
            {confirmLabel}
          </Button>
        </>
      }
    >
      {error && <ErrorBox error={error} title={errorTitle} />}
      {children}
    </Dialog>
  );
}
