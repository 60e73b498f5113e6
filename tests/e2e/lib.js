// Shared helpers of the end-to-end tests (e2e.test.js and its parts), run by
// tests/e2e/run, which starts the server and passes:
//
//   E2E_BASE_URL      the server, http://127.0.0.1:PORT
//   E2E_SCREENSHOTS   where the PNGs go (build/e2e/screenshots)
//   E2E_PASSWORD      every test user's password
//   E2E_PARTNER_ADMIN partner_admin of orchard-crm (email)
//   E2E_VENDOR_ADMIN  admin (email)
//   E2E_MANAGER       partner_manager (email)
//
// The browser is Debian's Chromium (/usr/bin/chromium) driven by
// playwright-core, headless and kept off the network: every host name but
// 127.0.0.1 fails to resolve, no proxy, no background or component traffic,
// and a fresh profile in a temporary directory (Playwright's, under TMPDIR,
// which the runner points into its own temporary directory and removes).
//
// Each browser context is guarded: a console error, an uncaught page error,
// a request to any host but 127.0.0.1 (by the page or anything in the
// browser), a failed request or an unexpected HTTP error status fails the
// test at guard.check() (the contexts made here call it when closed).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests with tests/e2e/run BINARY`);
  return v;
}

export const BASE = need('E2E_BASE_URL').replace(/\/$/, '');
export const SHOTS = need('E2E_SCREENSHOTS');
export const PASSWORD = need('E2E_PASSWORD');
export const USERS = {
  partnerAdmin: need('E2E_PARTNER_ADMIN'),
  vendorAdmin: need('E2E_VENDOR_ADMIN'),
  manager: need('E2E_MANAGER'),
};
export const HOST = new URL(BASE).hostname;
/** Generous: a busy 2-core CI machine runs the server, Chromium and the tests at once. */
export const TIMEOUT = 15000;

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--metrics-recording-only',
  '--no-proxy-server',
  // No quotes: the value goes to Chromium as one argument, not through a shell.
  `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${HOST}`,
];

/** The environment of the browser: ours without any proxy setting. */
function browserEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (/^(https?|ftp|all|no)_proxy$/i.test(k)) delete env[k];
  }
  return env;
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: browserEnv(),
    timeout: 30000,
  });
}

let shared = null;

/** The one browser the tests share (each test makes its own contexts), launched on first use. */
export function browser() {
  if (!shared) shared = launch();
  return shared;
}

/** Closes the shared browser, if it was launched (e2e.test.js, at the end). */
export async function closeBrowser() {
  if (!shared) return;
  const b = await shared.catch(() => null);
  shared = null;
  await b?.close();
}

/** Whether a URL is allowed: the test server's host, or a URL without a network (data:, blob:, about:). */
function allowedUrl(u) {
  let url;
  try {
    url = new URL(u);
  } catch (e) {
    return false;
  }
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return true;
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === HOST;
}

/**
 * A new browser context with the guards on. opts: Playwright's context
 * options. Returns the context, with:
 *   context.guard.allowStatus(status, pathRegExp)   an HTTP error answer the test expects
 *   context.guard.check()                           fails on what the guards saw
 *   context.done()                                  check(), then close
 */
export async function newContext(browser, opts = {}) {
  const context = await browser.newContext({ baseURL: BASE, ...opts });
  context.setDefaultTimeout(TIMEOUT);
  context.setDefaultNavigationTimeout(TIMEOUT);
  const problems = [];
  // GET /api/v1/session answers 401 when no one is signed in: that is how the app knows.
  const allowed = [{ status: 401, method: 'GET', path: /^\/api\/v1\/session$/ }];
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // Chromium logs every HTTP error answer as "Failed to load resource: ... status
      // of N"; the response listener below judges those, knowing which are expected.
      if (/^Failed to load resource: the server responded with a status of \d+/.test(msg.text())) return;
      const loc = msg.location();
      problems.push(`console error on ${page.url()}: ${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    });
    page.on('pageerror', (err) => problems.push(`uncaught error on ${page.url()}: ${err.stack || err}`));
  };
  context.on('page', watch);
  context.on('request', (req) => {
    if (!allowedUrl(req.url())) problems.push(`request to another host: ${req.method()} ${req.url()}`);
  });
  context.on('requestfailed', (req) => {
    const why = req.failure() ? req.failure().errorText : 'failed';
    // A navigation or a reload cancels what the previous page was still loading.
    if (why === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.method()} ${req.url()}: ${why}`);
  });
  context.on('response', (res) => {
    const status = res.status();
    if (status < 400) return;
    const req = res.request();
    const path = new URL(res.url()).pathname;
    if (allowed.some((a) => a.status === status && (!a.method || a.method === req.method()) && a.path.test(path))) return;
    problems.push(`unexpected HTTP ${status}: ${req.method()} ${res.url()}`);
  });
  context.guard = {
    problems,
    allowStatus(status, path, method) {
      allowed.push({ status, path, method });
    },
    check() {
      const seen = problems.splice(0);
      assert.deepEqual(seen, [], 'the browser saw problems:\n  ' + seen.join('\n  '));
    },
  };
  context.done = async () => {
    try {
      context.guard.check();
    } finally {
      await context.close();
    }
  };
  return context;
}

/** Signs in through the login page; ends on the page `path` (default the dashboard), loaded. */
export async function login(page, email, path = '/app/') {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  await ready(page, path);
}

/**
 * Waits until the page shows no loading state (ui.jsx's Loading has
 * role="status" with aria-busy, its skeletons .skeleton) and has a heading.
 */
export async function settled(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.state-loading, [aria-busy="true"], .skeleton'), null, {
    timeout: TIMEOUT,
  });
}

/** Nothing sticks out sideways: the page does not scroll horizontally (names the widest elements if it does). */
export async function fits(page) {
  const w = await page.evaluate(() => {
    const W = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > W + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).trim().replace(/\s+/g, '.')} (right edge ${Math.round(el.getBoundingClientRect().right)})`);
    return { scroll: document.documentElement.scrollWidth, width: W, wide };
  });
  assert.ok(w.scroll <= w.width + 1, `${page.url()} is ${w.scroll} px wide in a ${w.width} px window: ${w.wide.join(', ')}`);
}

/** A phone's window (phone.js's, and onPhone's). */
export const PHONE_VIEWPORT = { width: 375, height: 740 };

/**
 * Runs fn() with the page's window narrowed to a phone's (375 px wide), then
 * widens it again: the CSS lays the page out as on a phone without a reload,
 * so a tour can check each page at both sizes cheaply.
 */
export async function onPhone(page, fn) {
  const before = page.viewportSize();
  await page.setViewportSize(PHONE_VIEWPORT);
  try {
    // The layout of the narrow window is in place (a frame has been drawn).
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await fn();
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/** Saves a PNG of the page (all of it unless fullPage is false) as SHOTS/NAME.png. */
export async function shot(page, name, { fullPage = true } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage, animations: 'disabled' });
}

/** An app path, loaded and settled; fails at once when the app has no such page. */
export async function open(page, path) {
  await page.goto(path);
  await ready(page, path);
}

/** The app's page settled, or an error saying the app has no page at path. */
async function ready(page, path) {
  const missing = page.getByText('Page not found', { exact: true });
  await page.locator('main h1').or(missing).first().waitFor();
  if (await missing.isVisible()) throw new Error(`the portal has no page at ${path} (it shows "Page not found")`);
  await settled(page);
}
