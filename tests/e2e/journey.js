// The journey of the issue, in order: a partner admin of orchard-crm signs in,
// sees Bronze and the progress toward Gold, accepts the Terms of Service and
// submits a customer story; then a vendor admin, in another browser context,
// runs a mid-year evaluation recording proposals and approves orchard-crm's
// (Bronze -> Silver); the partner's dashboard then shows Silver, and so does
// the public badge. Each step needs the one before: after a failure the rest
// are skipped.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { BASE, USERS, browser as getBrowser, login, newContext, open, settled, shot } from './lib.js';

const PARTNER = 'orchard-crm';
const today = new Date().toISOString().slice(0, 10);
const story = {
  title: `Lakeside Schools reaches every parent in minutes (e2e ${Date.now()})`,
  customer: 'Lakeside Schools',
  url: 'https://orchard.example/customers/lakeside-schools',
};

let partner; // the partner admin's context and page
let partnerPage;
let vendor;
let vendorPage;
let failed = false;

/** A step of the journey: skipped once one before it failed. */
function step(name, fn) {
  test(name, async (t) => {
    if (failed) {
      t.skip('an earlier step failed');
      return;
    }
    try {
      await fn(t);
    } catch (e) {
      failed = true;
      throw e;
    }
  });
}

/** A string as a RegExp source matching itself. */
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Picks the option whose text or value matches re. */
async function selectMatching(select, re) {
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, text: o.textContent })));
  const hit = options.find((o) => re.test(o.text) || re.test(o.value));
  assert.ok(hit, `no option matches ${re}: ${JSON.stringify(options)}`);
  await select.selectOption(hit.value);
}

describe('the journey: Bronze to Silver', () => {
  after(async () => {
    // Close what is still open after a failure (the last step closes them otherwise).
    await partner?.close().catch(() => {});
    await vendor?.close().catch(() => {});
  });

  step('a partner admin signs in and sees Bronze with the progress toward Gold', async () => {
    partner = await newContext(await getBrowser());
    partnerPage = await partner.newPage();
    const page = partnerPage;
    await login(page, USERS.partnerAdmin);
    await page.getByTestId('current-tier').waitFor();
    assert.equal((await page.getByTestId('current-tier').innerText()).trim(), 'Bronze');
    // One bar per requirement, named after it; influence revenue: $625,000 of Gold's $1,000,000.
    const bar = page.getByRole('progressbar', { name: 'Influence revenue', exact: true });
    await bar.waitFor();
    const now = Number(await bar.getAttribute('aria-valuenow'));
    assert.ok(now >= 62 && now <= 63, `the influence revenue bar is at ${now}%, not 62.5%`);
    const item = page.locator('li', { has: bar }).last();
    assert.match(await item.innerText(), /\$625,000 of \$1,000,000/);
    await page.getByRole('progressbar', { name: 'Publish customer success stories' }).waitFor();
    await shot(page, 'partner-dashboard');
    partner.guard.check();
  });

  step('the partner admin accepts the Terms of Service', async () => {
    const page = partnerPage;
    await open(page, '/app/agreements');
    const box = page.getByRole('checkbox', { name: 'I have read and agree to the Terms of Service' });
    await box.check();
    const [res] = await Promise.all([
      page.waitForResponse((r) => /\/agreements\/tos\/accept$/.test(r.url()) && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Accept the Terms of Service' }).click(),
    ]);
    assert.ok(res.ok(), `accepting answered ${res.status()}: ${await res.text()}`);
    // The page says so (not "Not accepted yet", nor "Checking whether… accepted"), and the offer is gone.
    await page.getByText(new RegExp(`Accepted by ${esc(USERS.partnerAdmin)}`)).first().waitFor();
    await page.getByRole('button', { name: 'Accept the Terms of Service' }).waitFor({ state: 'detached' });
    await settled(page);
    // The server recorded it, by whom.
    const acc = await partner.request.get(`/api/v1/partners/${PARTNER}/agreements/acceptances`);
    assert.equal(acc.status(), 200);
    assert.match(await acc.text(), new RegExp(esc(USERS.partnerAdmin)));
    await shot(page, 'partner-agreements');
    partner.guard.check();
  });

  step('the partner admin submits a customer story, which appears in the list', async () => {
    const page = partnerPage;
    await open(page, '/app/stories');
    // A button, or a link to the form: either is fine.
    await page.getByRole('button', { name: 'New story' }).or(page.getByRole('link', { name: 'New story' })).first().click();
    await page.getByLabel('Title').fill(story.title);
    await page.getByLabel('Customer').fill(story.customer);
    await page.getByLabel('Story URL').fill(story.url);
    await page.getByLabel('Published on').fill(today);
    await shot(page, 'partner-story-form');
    const [res] = await Promise.all([
      page.waitForResponse((r) => new RegExp(`/api/v1/partners/${PARTNER}/stories/[^/]+$`).test(r.url()) && r.request().method() === 'PUT'),
      page.getByRole('button', { name: 'Submit story' }).click(),
    ]);
    assert.ok(res.ok(), `submitting answered ${res.status()}: ${await res.text()}`);
    // Back on the list, the story in it.
    await page.waitForURL(/\/app\/stories$/);
    await page.locator('main').getByRole('link', { name: story.title, exact: true }).waitFor();
    await settled(page);
    await shot(page, 'partner-stories');
    partner.guard.check();
  });

  step('a vendor admin runs a mid-year evaluation that proposes Silver for orchard-crm', async () => {
    vendor = await newContext(await getBrowser());
    vendorPage = await vendor.newPage();
    const page = vendorPage;
    await login(page, USERS.vendorAdmin, '/app/evaluations');
    await selectMatching(page.getByLabel('Program'), /^twilio-2023$|Twilio Technology Partner Program/);
    await selectMatching(page.getByLabel('Mode'), /mid-?year/i);
    await page.getByRole('checkbox', { name: 'Record tier-change proposals' }).check();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/evaluations') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Run evaluation' }).click(),
    ]);
    assert.ok(res.ok(), `the evaluation answered ${res.status()}: ${await res.text()}`);
    const row = page.getByTestId(`proposal-${PARTNER}`);
    await row.waitFor();
    assert.match(await row.innerText(), /Bronze[\s\S]*Silver/);
    await settled(page);
    await shot(page, 'vendor-evaluations');
    vendor.guard.check();
  });

  step('the vendor admin approves the proposal', async () => {
    const page = vendorPage;
    const row = page.getByTestId(`proposal-${PARTNER}`);
    const approved = page.waitForResponse((r) => /\/api\/v1\/proposals\/[^/]+\/approve$/.test(r.url()) && r.request().method() === 'POST');
    await row.getByRole('button', { name: 'Approve' }).click();
    // A confirmation, if the page asks for one (no dialog by the time the answer comes: none).
    const dialog = page.getByRole('dialog');
    const shown = dialog.waitFor().then(
      () => 'dialog',
      () => 'none',
    );
    const first = await Promise.race([approved.then(() => 'approved'), shown]);
    if (first === 'dialog') await dialog.getByRole('button', { name: /Approve/ }).click();
    const res = await approved;
    assert.ok(res.ok(), `approving answered ${res.status()}: ${await res.text()}`);
    await row.getByText(/approved/i).first().waitFor();
    vendor.guard.check();
  });

  step("the partner's dashboard shows Silver", async () => {
    const page = partnerPage;
    await open(page, '/app/');
    const tier = page.getByTestId('current-tier');
    await tier.waitFor();
    assert.equal((await tier.innerText()).trim(), 'Silver');
    partner.guard.check();
  });

  step('the public badge shows Silver', async () => {
    // A visitor's browser: nothing cached from before the change.
    const visitor = await newContext(await getBrowser());
    try {
      const page = await visitor.newPage();
      const res = await page.goto(`/badges/${PARTNER}.svg`);
      assert.equal(res.status(), 200);
      assert.match(res.headers()['content-type'], /^image\/svg\+xml/);
      const svg = await res.text();
      assert.match(svg, /Silver/);
      assert.doesNotMatch(svg, /Bronze/);
      // Shown as the image it is, where a partner's site would embed it.
      await page.goto(`/partners/${PARTNER}`);
      const size = await page.evaluate(
        (src) =>
          new Promise((resolve, reject) => {
            const img = new Image();
            img.onload = () => resolve({ w: img.naturalWidth, h: img.naturalHeight });
            img.onerror = () => reject(new Error('the badge does not load as an image'));
            img.src = src;
            document.body.append(img);
          }),
        `${BASE}/badges/${PARTNER}.svg`,
      );
      assert.ok(size.w > 0 && size.h > 0, `the badge is ${size.w}x${size.h}`);
    } finally {
      await visitor.done();
    }
  });

  step('no browser problem along the way', async () => {
    await partner.done();
    await vendor.done();
    partner = vendor = undefined;
  });
});
