// The JSON API (/api/v1, docs/api.md). Cookie session: every state-changing
// call echoes the session's CSRF token in X-CSRF-Token.

let csrf = null;
let onSignedOut = null;

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `the server answered ${status}`);
    this.status = status;
    this.code = e.code || 'http_' + status;
    this.field = e.field || null;
    // An import's report sits beside "error" ({"error": ..., "problems": [...]}).
    this.problems = e.problems || (body && body.problems) || null;
  }
}

/** Called when the session ends (401): the app shows the login page. */
export function whenSignedOut(fn) {
  onSignedOut = fn;
}

/** Query string from an object, leaving out empty values. */
export function qs(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (typeof body === 'string') {
    headers['Content-Type'] = 'text/csv';
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let res;
  try {
    res = await fetch('/api/v1' + path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, { error: { code: 'network', message: 'Cannot reach the server. Check your connection and try again.' } });
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401 && path !== '/session' && onSignedOut) onSignedOut();
    throw err;
  }
  return data;
}

export const get = (path, params) => api('GET', path + qs(params));
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const put = (path, body) => api('PUT', path, body);
export const del = (path) => api('DELETE', path);

/** Every item of a paginated list (follows next_cursor), up to `max`. */
export async function getAll(path, params, max = 5000) {
  let items = [];
  let cursor = null;
  do {
    const page = await get(path, { ...params, limit: 500, cursor });
    items = items.concat(page.items || []);
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  return items;
}

/** The signed-in user, or null. */
export async function session() {
  try {
    const me = await api('GET', '/session');
    csrf = me.csrf_token;
    return me;
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

export async function login(email, password) {
  await api('POST', '/session', { email, password });
  return session();
}

export async function logout() {
  try {
    await api('DELETE', '/session');
  } finally {
    csrf = null;
  }
}

/** Path segment, escaped. */
export const seg = (s) => encodeURIComponent(s);
