// A tour of the portal's main pages, reached the way a person does (through
// the navigation), each checked for what it must show and saved as a
// screenshot: the partner view as orchard-crm's admin, the vendor view as an
// administrator. Every page must load without an error box, a console error,
// a failed request or an HTTP error the page did not expect, nor any
// accessibility violation axe-core finds (axe.js); then the same page in a
// phone's 375 px window must not scroll sideways and must pass axe too.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AXE_CONTEXT, assertAccessible } from './axe.js';
import { USERS, browser, fits, login, newContext, onPhone, open, settled, shot } from './lib.js';


/** Follows the main navigation's link named `name` (a RegExp) and waits for the page. */
async function go(page, name) {
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  await link.first().waitFor();
  assert.equal(await link.count(), 1, `the navigation has ${await link.count()} links named ${name}`);
  await link.click();
  await settled(page);
  await noErrorShown(page);
  await fits(page);
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

/**
 * A describe() whose tests share one signed-in page; after a failure the rest
 * still run from a fresh load. Each page, as the test leaves it, must pass axe,
 * and on a phone fit its width and pass axe again.
 */
function view(title, email, pages) {
  describe(title, () => {
    let context;
    let page;
    before(async () => {
      context = await newContext(await browser(), AXE_CONTEXT);
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
          await assertAccessible(page, `${title}: ${name}`);
          await onPhone(page, async () => {
            await fits(page);
            await assertAccessible(page, `${title}: ${name}, on a phone`);
          });
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
    'dashboard',
    async (page) => {
      await go(page, /Dashboard/);
      await page.getByTestId('current-tier').waitFor();
    },
  ],
  [
    'agreements',
    async (page) => {
      await go(page, /Agreements/);
      await shows(page, 'Terms of Service');
    },
  ],
  [
    'solutions',
    async (page) => {
      await go(page, /Solutions/);
    },
  ],
  [
    'stories',
    async (page) => {
      await go(page, /Stories/);
    },
  ],
  [
    'the story form',
    async (page) => {
      await go(page, /Stories/);
      await page.locator('main').getByRole('link', { name: 'New story' }).first().click();
      await page.getByLabel('Title').waitFor();
      await settled(page);
      await fits(page);
    },
  ],
  [
    'deals',
    async (page) => {
      await go(page, /Deals/);
      await shows(page, 'Bayside Realty', 'Harbor Freight Lines');
      await shot(page, 'partner-deals');
      // Sorted and filtered by the server, over every deal: ARR ascending, then the lost ones.
      const deals = (re) => (r) => /\/api\/v1\/partners\/[^/]+\/deals\?/.test(r.url()) && re.test(r.url());
      await Promise.all([
        page.waitForResponse(deals(/sort=arr_usd(&|$)/)),
        page.getByRole('button', { name: /^ARR/ }).click(),
      ]);
      await settled(page);
      const rows = page.locator('main table tbody tr');
      const arr = (await rows.evaluateAll((trs) => trs.map((tr) => tr.cells[5].innerText))).map((t) => Number(t.replace(/[$,]/g, '')));
      assert.ok(arr.length > 1 && arr.every((v, i) => i === 0 || arr[i - 1] <= v), `ARR not ascending: ${arr}`);
      await Promise.all([page.waitForResponse(deals(/stage=closed_lost/)), page.getByLabel('Stage').selectOption('closed_lost')]);
      await settled(page);
      const stages = await rows.evaluateAll((trs) => trs.map((tr) => tr.cells[4].innerText.trim()));
      assert.ok(stages.length > 0 && stages.every((t) => t === 'Lost'), `stages: ${stages}`);
      await shows(page, `${stages.length} lost deal`);
      await page.getByLabel('Stage').selectOption('');
      await settled(page);
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
    "a partner's page, its other tabs",
    async (page) => {
      // The page the test before left open (unless it failed); each tab passes axe (the last one in view()).
      if (!/\/app\/partners\/orchard-crm$/.test(page.url())) await open(page, '/app/partners/orchard-crm');
      await page.getByRole('heading', { level: 1, name: /Orchard CRM/ }).waitFor();
      for (const name of ['Tier history', 'Records', 'Benefits']) {
        const tab = page.getByRole('tab', { name, exact: true });
        await tab.click();
        await page.waitForFunction((t) => t.getAttribute('aria-selected') === 'true', await tab.elementHandle());
        await settled(page);
        await noErrorShown(page);
        await fits(page);
        if (name !== 'Benefits') await assertAccessible(page, `the ${name} tab`);
      }
    },
  ],
  [
    'evaluations',
    async (page) => {
      await go(page, /Evaluations/);
      await page.getByRole('button', { name: 'Run evaluation' }).waitFor();
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
    'programs',
    async (page) => {
      await go(page, /Programs?$/);
      await shows(page, 'Twilio Technology Partner Program');
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
