// Shared building blocks: data loading, states (loading, error, empty), page
// layout, tables, forms, progress, badges, notices. Every page uses these so
// the portal looks and behaves the same everywhere.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { titleCase } from './format.js';

/* ---------- data ---------- */

/**
 * Runs `load` (async) when deps change; { data, error, loading, reload }.
 * A newer load wins over an older one still in flight.
 */
export function useApi(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const seq = useRef(0);
  const run = useCallback(() => {
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    Promise.resolve()
      .then(load)
      .then(
        (data) => n === seq.current && setState({ data, error: null, loading: false }),
        (error) => n === seq.current && setState({ data: null, error, loading: false }),
      );
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(run, [run]);
  return { ...state, reload: run };
}

/** Sets the document title: "Page · Consort". */
export function useTitle(title) {
  useEffect(() => {
    document.title = title ? `${title} · Consort` : 'Consort partner portal';
  }, [title]);
}

/* ---------- states ---------- */

export function Loading({ label = 'Loading…' }) {
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorBox({ error, retry, title = 'Something went wrong' }) {
  if (!error) return null;
  return (
    <div class="alert alert-error" role="alert">
      <div>
        <strong>{title}</strong>
        <p>{error.message || String(error)}</p>
        {error.problems && (
          <ul class="problems">
            {error.problems.map((p, i) => (
              <li key={i}>{typeof p === 'string' ? p : p.message || JSON.stringify(p)}</li>
            ))}
          </ul>
        )}
      </div>
      {retry && (
        <button type="button" class="btn btn-secondary btn-sm" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/**
 * A friendly empty state. Its title is a heading of `level` (2: right under the
 * page's h1 or next to a card's h2, so the outline never skips a level; 1 where
 * it stands for the whole page, as "Page not found").
 */
export function Empty({ title, children, action, icon = '◎', level = 2 }) {
  const Heading = 'h' + level;
  return (
    <div class="state state-empty">
      <div class="empty-icon" aria-hidden="true">
        {icon}
      </div>
      <Heading class="empty-title">{title}</Heading>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

/** Loading / error / content, for one useApi() result. */
export function Async({ q, children, label }) {
  if (q.loading && !q.data) return <Loading label={label} />;
  if (q.error) return <ErrorBox error={q.error} retry={q.reload} />;
  return children(q.data);
}

/* ---------- layout ---------- */

export function PageHeader({ title, subtitle, actions, crumbs }) {
  useTitle(typeof title === 'string' ? title : null);
  return (
    <header class="page-header">
      <div>
        {crumbs && <nav class="crumbs" aria-label="Breadcrumb">{crumbs}</nav>}
        <h1>{title}</h1>
        {subtitle && <p class="subtitle">{subtitle}</p>}
      </div>
      {actions && <div class="page-actions">{actions}</div>}
    </header>
  );
}

export function Card({ title, actions, children, class: cls = '', id }) {
  return (
    <section class={'card ' + cls} aria-labelledby={title && id ? id : undefined}>
      {(title || actions) && (
        <div class="card-head">
          {title && <h2 id={id}>{title}</h2>}
          {actions && <div class="card-actions">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}

export function Stat({ label, value, hint }) {
  return (
    <div class="stat">
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
      {hint && <div class="stat-hint">{hint}</div>}
    </div>
  );
}

export function Tabs({ tabs, value, onChange, label }) {
  return (
    <div class="tabs" role="tablist" aria-label={label}>
      {tabs.map((t) => (
        <button
          type="button"
          role="tab"
          key={t.value}
          aria-selected={t.value === value}
          class={'tab' + (t.value === value ? ' active' : '')}
          onClick={() => onChange(t.value)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/* ---------- badges and progress ---------- */

export function TierBadge({ tier, name }) {
  if (!tier) return <span class="tier tier-none">No tier</span>;
  return <span class={'tier tier-' + String(tier).replace(/[^a-z0-9-]/gi, '')}>{name || titleCase(tier)}</span>;
}

const PILL = {
  pending: 'warn', approved: 'ok', rejected: 'bad', superseded: 'muted', entitled: 'ok', locked: 'muted',
  up: 'ok', down: 'bad', same: 'muted', active: 'ok', inactive: 'muted', met: 'ok', unmet: 'bad',
};

export function Pill({ kind, children }) {
  return <span class={'pill pill-' + (PILL[kind] || kind || 'muted')}>{children || titleCase(kind)}</span>;
}

/** A bar with its numbers: value of max; `label` names it for screen readers. */
export function ProgressBar({ value, max, label, met }) {
  const pct = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : value ? 100 : 0;
  return (
    <div
      class={'progress' + (met ? ' progress-met' : '')}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(pct)}
      aria-valuetext={`${Math.round(pct)}%`}
    >
      <div class="progress-fill" style={{ width: pct + '%' }} />
    </div>
  );
}

/* ---------- tables ---------- */

/**
 * columns: [{ key, label, render(row), sort: true|fn, align: 'right', class }]
 * Sorting is client-side unless onSort is given (then sort = { key, dir }).
 */
export function Table({ columns, rows, empty, rowKey = (r, i) => r.key || r.id || i, caption, sort, onSort }) {
  const [local, setLocal] = useState(null);
  const s = sort || local;
  let shown = rows;
  if (!onSort && s) {
    const col = columns.find((c) => c.key === s.key);
    const val = typeof col?.sort === 'function' ? col.sort : (r) => r[s.key];
    shown = [...rows].sort((a, b) => {
      const x = val(a), y = val(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''), 'en', { numeric: true });
      return s.dir === 'desc' ? -c : c;
    });
  }
  const toggle = (key) => {
    const next = s && s.key === key && s.dir === 'asc' ? { key, dir: 'desc' } : { key, dir: 'asc' };
    if (onSort) onSort(next);
    else setLocal(next);
  };
  if (!rows.length && empty) return empty;
  return (
    <TableWrap label={caption}>
      <table class="table">
        {caption && <caption class="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                class={(c.align === 'right' ? 'num ' : '') + (c.class || '')}
                aria-sort={s && s.key === c.key ? (s.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.sort ? (
                  <button type="button" class="th-sort" onClick={() => toggle(c.key)}>
                    {c.label}
                    <span class="sort-icon" aria-hidden="true">
                      {s && s.key === c.key ? (s.dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r, i) => (
            <tr key={rowKey(r, i)}>
              {columns.map((c) => (
                <td key={c.key} class={(c.align === 'right' ? 'num ' : '') + (c.class || '')} data-label={typeof c.label === 'string' ? c.label : undefined}>
                  {c.render ? c.render(r) : r[c.key] ?? '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * The box around a table (.table-wrap; `class` adds classes, as table-cards).
 * A table wider than the box scrolls sideways: the box then takes the focus,
 * so a keyboard can scroll it too, and is a region named `label` (the table's
 * caption).
 */
export function TableWrap({ label, class: cls = '', children }) {
  const ref = useRef(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    const ro = new ResizeObserver(check);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    check();
    return () => ro.disconnect();
  }, []);
  return (
    <div
      class={('table-wrap ' + cls).trim()}
      ref={ref}
      tabIndex={scrolls ? 0 : undefined}
      role={scrolls ? 'region' : undefined}
      aria-label={scrolls ? label || 'Table' : undefined}
    >
      {children}
    </div>
  );
}

/** Previous / next over the API's offset cursors. */
export function Pager({ offset, count, total, limit, onPage }) {
  if (!total && offset === 0 && count < limit) return null;
  const from = count ? offset + 1 : 0;
  const to = offset + count;
  return (
    <nav class="pager" aria-label="Pages">
      <span>
        {from}–{to}
        {total !== undefined && total !== null ? ` of ${total.toLocaleString('en-US')}` : ''}
      </span>
      <button type="button" class="btn btn-secondary btn-sm" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>
        ← Previous
      </button>
      <button type="button" class="btn btn-secondary btn-sm" disabled={total !== undefined && total !== null ? to >= total : count < limit} onClick={() => onPage(offset + limit)}>
        Next →
      </button>
    </nav>
  );
}

/* ---------- forms ---------- */

let fieldSeq = 0;

/**
 * A labelled control. `error` (string) is shown under it and announced;
 * children get id / aria-describedby through the render prop or are an input.
 */
export function Field({ label, hint, error, children, required }) {
  const [id] = useState(() => 'f' + ++fieldSeq);
  const desc = error ? id + '-err' : hint ? id + '-hint' : undefined;
  return (
    <div class={'field' + (error ? ' field-error' : '')}>
      <label for={id}>
        {label}
        {required && <span class="req" aria-hidden="true"> *</span>}
      </label>
      {children({ id, 'aria-describedby': desc, 'aria-invalid': error ? 'true' : undefined, required })}
      {hint && !error && (
        <div class="hint" id={id + '-hint'}>
          {hint}
        </div>
      )}
      {error && (
        <div class="error-text" id={id + '-err'} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** Which field an ApiError is about (for Field's error), if any. */
export function fieldError(error, name) {
  return error && error.field === name ? error.message : null;
}

export function Button({ busy, children, variant = 'primary', class: cls = '', disabled, ...rest }) {
  return (
    <button {...rest} class={`btn btn-${variant} ${cls}`} disabled={busy || disabled} aria-busy={busy ? 'true' : undefined}>
      {busy && <span class="spinner spinner-sm" aria-hidden="true" />}
      {children}
    </button>
  );
}

/* ---------- notices ---------- */

const noticeListeners = new Set();

/** Shows a short message at the bottom of the screen ("Story saved"). */
export function notify(message, kind = 'ok') {
  noticeListeners.forEach((fn) => fn({ message, kind, id: Date.now() + Math.random() }));
}

export function Notices() {
  const [items, setItems] = useState([]);
  useEffect(() => {
    const fn = (n) => {
      setItems((xs) => [...xs, n]);
      setTimeout(() => setItems((xs) => xs.filter((x) => x.id !== n.id)), 5000);
    };
    noticeListeners.add(fn);
    return () => noticeListeners.delete(fn);
  }, []);
  return (
    <div class="notices" role="status" aria-live="polite">
      {items.map((n) => (
        <div key={n.id} class={'notice notice-' + n.kind}>
          {n.message}
        </div>
      ))}
    </div>
  );
}

/** A modal dialog (native <dialog>: focus is kept inside, Escape closes). */
export function Dialog({ open, title, onClose, children, actions }) {
  const ref = useRef(null);
  const [titleId] = useState(() => 'dialog-title-' + ++fieldSeq);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} class="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          <div class="dialog-body">{children}</div>
          {actions && <div class="dialog-actions">{actions}</div>}
        </>
      )}
    </dialog>
  );
}
