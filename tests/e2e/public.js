// The public pages (directory, listing, verification, badge) in a visitor's
// browser: hostile-labs' name, description and story title hold HTML and
// script (tests/e2e/fixtures), which must reach the screen as text and never
// run. Screenshots of the directory, a listing and a verification page. The
// directory, a search, a listing and a verification page pass axe (axe.js),
// and none scrolls sideways on a phone, long hostile words included.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AXE_CONTEXT, assertAccessible } from './axe.js';
import { browser, fits, newContext, onPhone, shot } from './lib.js';

const HOSTILE_NAME = 'Hostile <img src=x onerror="window.__pwned=1"> Labs';
const HOSTILE_SCRIPT = '<script>window.__pwned=1</script>';

/** The page ran none of the text: no flag, no element made from it. */
async function assertInert(page) {
  const found = await page.evaluate(() => ({
    pwned: typeof window.__pwned,
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__pwned')).length,
    onerror: document.querySelectorAll('[onerror]').length,
    imgX: [...document.images].filter((i) => i.getAttribute('src') === 'x').length,
    bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'love').length,
  }));
  assert.deepEqual(found, { pwned: 'undefined', scripts: 0, onerror: 0, imgX: 0, bold: 0 }, `on ${page.url()}`);
}

describe('the public pages', () => {
  let visitor;
  before(async () => {
    visitor = await newContext(await browser(), AXE_CONTEXT);
  });
  after(async () => {
    await visitor?.close().catch(() => {});
  });

  test('the directory shows hostile listing text as text', async () => {
    const page = await visitor.newPage();
    const res = await page.goto('/partners');
    assert.equal(res.status(), 200);
    await page.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
    await page.getByRole('link', { name: HOSTILE_NAME, exact: true }).waitFor();
    await page.getByText(HOSTILE_SCRIPT, { exact: false }).first().waitFor();
    // Listed: Bronze and up (the program's partner_listing benefit); Registered partners are not.
    await page.getByRole('link', { name: 'Orchard CRM', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Summit Voice', exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Fernway Apps' }).count(), 0);
    await assertInert(page);
    await assertAccessible(page, 'the directory');
    // The public pages follow the system's dark mode: its colours must read as well.
    await page.emulateMedia({ colorScheme: 'dark' });
    await assertAccessible(page, 'the directory in dark mode');
    await page.emulateMedia({ colorScheme: 'light' });
    await onPhone(page, () => fits(page));
    await shot(page, 'public-directory');
    await page.close();
  });

  test('a search for hostile text keeps it text', async () => {
    const page = await visitor.newPage();
    await page.goto('/partners?q=' + encodeURIComponent(HOSTILE_SCRIPT));
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.equal(await page.getByRole('searchbox').first().inputValue(), HOSTILE_SCRIPT);
    await assertInert(page);
    await assertAccessible(page, 'a search');
    await page.close();
  });

  test('the listing page shows hostile text as text', async () => {
    const page = await visitor.newPage();
    const res = await page.goto('/partners/hostile-labs');
    assert.equal(res.status(), 200);
    const h1 = page.getByRole('heading', { level: 1 });
    assert.equal(await h1.innerText(), HOSTILE_NAME);
    await page.getByText(HOSTILE_SCRIPT).first().waitFor();
    await page.getByRole('link', { name: `${HOSTILE_SCRIPT} story` }).waitFor();
    await assertInert(page);
    await onPhone(page, () => fits(page));
    await page.close();
  });

  test('the verification page shows hostile text as text', async () => {
    const page = await visitor.newPage();
    const res = await page.goto('/verify/hostile-labs');
    assert.equal(res.status(), 200);
    await page.getByRole('heading', { level: 1, name: `Verify ${HOSTILE_NAME}` }).waitFor();
    await assertInert(page);
    await onPhone(page, () => fits(page));
    await page.close();
  });

  test("a partner's listing and verification page", async () => {
    const page = await visitor.newPage();
    await page.goto('/partners/orchard-crm');
    await page.getByRole('heading', { level: 1, name: 'Orchard CRM' }).waitFor();
    // The badge in the listing loads as an image.
    const badge = page.locator('img[src="/badges/orchard-crm.svg"]');
    await badge.waitFor();
    assert.ok(await badge.evaluate((img) => img.complete && img.naturalWidth > 0), 'the badge did not load');
    await page.getByRole('heading', { name: 'Customer stories' }).waitFor();
    await assertAccessible(page, 'a listing');
    await onPhone(page, () => fits(page));
    await shot(page, 'public-listing');
    await page.getByRole('link', { name: /Verify this partner/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Verify Orchard CRM' }).waitFor();
    await page.getByRole('table').getByText('Twilio Technology Partner Program').waitFor();
    await assertAccessible(page, 'a verification page');
    await onPhone(page, () => fits(page));
    await shot(page, 'public-verify');
    await page.close();
  });

  test('no browser problem on the public pages', async () => {
    await visitor.done();
    visitor = undefined;
  });
});
