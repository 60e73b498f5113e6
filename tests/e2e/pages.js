// A tour of the portal's main pages, reached the way a person does (through
// the navigation), each checked for what it must show and saved as a
// screenshot: the partner view as orchard-crm's admin, the vendor view as an
// administrator. Every page must load without an error box, a console error,
// a failed request or an HTTP error the page did not expect.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USERS, browser, login, newContext, settled, shot } from './lib.js';


/** Follows the main navigation's link named `name` (a RegExp) and waits for the page. */
async function go(page, name) {
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  assert.equal(await link.count(), 1, `the navigation has ${await link.count()} links named ${name}`);
  await link.click();
  await settled(page);
  await noErrorShown(page);
  await fits(page);
}

/** Nothing sticks out sideways: the page does not scroll horizontally. */
async function fits(page) {
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

/** The page shows no error box (ui.jsx's ErrorBox is an .alert-error). */
async function noErrorShown(page) {
  const errors = page.locator('main .alert-error');
  if (await errors.count()) assert.fail(`${page.url()} shows an error: ${await errors.first().innerText()}`);
}

/** Text that must be on the page (in main). */
async function shows(page, ...texts) {
  for (const t of texts) await page.locator('main').getByText(t, { exact: false }).first().waitFor();
}

/** A describe() whose tests share one signed-in page; after a failure the rest still run from a fresh load. */
function view(title, email, pages) {
  describe(title, () => {
    let context;
    let page;
    before(async () => {
      context = await newContext(await browser());
      page = await context.newPage();
      await login(page, email);
    });
    after(async () => {
      await context?.close();
    });
    for (const [name, fn] of pages) {
      test(name, async () => {
        try {
          await fn(page);
          context.guard.check();
        } catch (e) {
          context.guard.problems.splice(0);
          await page.goto('/app/').catch(() => {});
          throw e;
        }
      });
    }
  });
}

view('the partner view', USERS.partnerAdmin, [
  [
    'deals',
    async (page) => {
      await go(page, /Deals/);
      await shows(page, 'Bayside Realty', 'Harbor Freight Lines');
      await shot(page, 'partner-deals');
    },
  ],
  [
    'team',
    async (page) => {
      await go(page, /Team/);
      await shows(page, USERS.partnerAdmin, 'user@orchard.example');
      await shot(page, 'partner-team');
    },
  ],
  [
    'listing',
    async (page) => {
      await go(page, /Listing/);
      // The description, ready to edit.
      const description = page.getByRole('textbox', { name: /description/i }).first();
      assert.match(await description.inputValue(), /^Orchard CRM keeps every customer conversation/);
      await shot(page, 'partner-listing');
    },
  ],
]);

view('the vendor view', USERS.vendorAdmin, [
  [
    'overview',
    async (page) => {
      await go(page, /Overview/);
      await shows(page, 'Gold', 'Bronze', 'Registered');
      await shot(page, 'vendor-overview');
    },
  ],
  [
    'partners, hostile names shown as text',
    async (page) => {
      await go(page, /^Partners$/);
      await shows(page, 'Orchard CRM', 'Summit Voice', 'Fernway Apps', 'Hostile <img src=x onerror="window.__pwned=1"> Labs');
      assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
      assert.equal(await page.locator('main img[src="x"], main [onerror]').count(), 0);
      await shot(page, 'vendor-partners');
    },
  ],
  [
    "a partner's page",
    async (page) => {
      await go(page, /^Partners$/);
      await page.locator('main').getByRole('link', { name: 'Orchard CRM', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: /Orchard CRM/ }).waitFor();
      await settled(page);
      await noErrorShown(page);
      await shot(page, 'vendor-partner');
    },
  ],
  [
    'inactivity review',
    async (page) => {
      await go(page, /Inactiv/);
      await shows(page, 'Fernway Apps');
      await shot(page, 'vendor-inactivity');
    },
  ],
  [
    'program page',
    async (page) => {
      await go(page, /Programs?$/);
      await page.locator('main').getByRole('link', { name: /Twilio Technology Partner Program/ }).first().click();
      await settled(page);
      await shows(page, 'Influence revenue', 'Partner support package');
      await noErrorShown(page);
      await shot(page, 'vendor-program');
    },
  ],
  [
    'reports',
    async (page) => {
      await go(page, /Reports/);
      // Influenced ARR closed won in the window, all tiers: $625,000 + $1,350,000 + $150,000.
      await shows(page, '$2,125,000');
      await shot(page, 'vendor-reports');
    },
  ],
  [
    'import',
    async (page) => {
      await go(page, /Import/);
      assert.ok((await page.locator('main input[type="file"]').count()) >= 1, 'the import page has no file input');
      await shot(page, 'vendor-import');
    },
  ],
  [
    'audit log',
    async (page) => {
      await go(page, /Audit/);
      // The runner's imports and users, recorded as CONSORT_ACTOR=e2e.
      await page.locator('main').getByText('e2e', { exact: true }).first().waitFor();
      await shot(page, 'vendor-audit');
    },
  ],
  [
    'users',
    async (page) => {
      await go(page, /Users/);
      await shows(page, USERS.vendorAdmin, USERS.manager, USERS.partnerAdmin);
      await shot(page, 'vendor-users');
    },
  ],
]);
