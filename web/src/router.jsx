// A small history-API router: the app's pages live under /app/ (the server
// answers index.html for any of them).
import { useEffect, useState } from 'preact/hooks';

const BASE = '/app';
const listeners = new Set();

/** The current path under /app ("/", "/partners/acme"), and its query. */
export function current() {
  let p = window.location.pathname;
  if (p.startsWith(BASE)) p = p.slice(BASE.length);
  if (!p.startsWith('/')) p = '/' + p;
  return { path: p, query: new URLSearchParams(window.location.search) };
}

export function href(path) {
  return BASE + path;
}

/** Goes to an app path ("/partners?tier=gold"); replace keeps history short (filters). */
export function navigate(path, { replace = false } = {}) {
  const url = href(path);
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  listeners.forEach((fn) => fn());
  if (!replace) window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => listeners.forEach((fn) => fn()));

/** Re-renders on navigation; returns current(). */
export function useLocation() {
  const [, setTick] = useState(0);
  useEffect(() => {
    const fn = () => setTick((t) => t + 1);
    listeners.add(fn);
    return () => listeners.delete(fn);
  }, []);
  return current();
}

/**
 * Matches "/partners/:key" against a path; returns the decoded parameters or
 * null.
 */
export function matchPath(pattern, path) {
  const ps = pattern.split('/').filter(Boolean);
  const us = path.split('/').filter(Boolean);
  if (ps.length !== us.length) return null;
  const params = {};
  for (let i = 0; i < ps.length; i++) {
    if (ps[i].startsWith(':')) {
      try {
        params[ps[i].slice(1)] = decodeURIComponent(us[i]);
      } catch (e) {
        return null;
      }
    } else if (ps[i] !== us[i]) {
      return null;
    }
  }
  return params;
}

/** An in-app link: a real <a href> (open in new tab works), navigated without reloading. */
export function Link({ to, children, class: cls, ...rest }) {
  const onClick = (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={href(to)} onClick={onClick} class={cls} {...rest}>
      {children}
    </a>
  );
}

/** Updates the query string in place (filters, sort, page) without a new history entry. */
export function setQuery(updates) {
  const { path, query } = current();
  for (const [k, v] of Object.entries(updates)) {
    if (v === undefined || v === null || v === '') query.delete(k);
    else query.set(k, String(v));
  }
  const s = query.toString();
  navigate(path + (s ? '?' + s : ''), { replace: true });
}
