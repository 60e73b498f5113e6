// The portal with a keyboard only: signing in (Tab order, Enter submits), the
// shell's "Skip to content" link (the first Tab stop, it moves the focus to
// the page's content), a customer story written and submitted without the
// mouse, and a dialog (the vendor's "Set tier") that keeps the focus inside,
// closes with Escape and gives the focus back to the button that opened it
// (and passes axe while open). Runs after the journey: the story it submits changes no tier.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { AXE_CONTEXT, assertAccessible } from './axe.js';
import { PASSWORD, USERS, browser, login, newContext, open, settled } from './lib.js';

/** Whether the locator's element has the focus. */
async function hasFocus(locator) {
  return locator.evaluate((el) => el === document.activeElement);
}

/** What has the focus, in words (for messages). */
async function focusName(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing (the body)';
    const name = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || '';
    return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}> "${name.replace(/\s+/g, ' ').trim().slice(0, 60)}"`;
  });
}

/** Waits (briefly) for the focus to be on `locator`; fails naming where it is instead. */
async function focusOn(page, locator, what) {
  const el = await locator.elementHandle();
  await page.waitForFunction((e) => e === document.activeElement, el, { timeout: 3000 }).catch(() => {});
  assert.ok(await hasFocus(locator), `the focus is on ${await focusName(page)}, not on ${what}`);
}

/** Presses Tab once and checks that the focus is on `locator`. */
async function tabOnto(page, locator, what) {
  await page.keyboard.press('Tab');
  assert.ok(await hasFocus(locator), `Tab went to ${await focusName(page)}, not to ${what}`);
}

/** Presses Tab until `locator` has the focus (at most `max` times); fails if it never does. */
async function tabTo(page, locator, what, max = 40) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await hasFocus(locator)) return;
    seen.push(await focusName(page));
  }
  assert.fail(`${max} Tabs never reached ${what}; they went to:\n  ${seen.join('\n  ')}`);
}

describe('the keyboard', () => {
  // The partner admin's page: signed in by the first test, used by the second.
  let partner;
  let page;
  after(async () => {
    await partner?.close().catch(() => {});
  });

  test('signing in: Tab goes from Email to Password to Sign in, and Enter submits', async () => {
    partner = await newContext(await browser());
    page = await partner.newPage();
    await page.goto('/app/');
    const email = page.getByLabel('Email');
    const password = page.getByLabel('Password');
    const signIn = page.getByRole('button', { name: 'Sign in' });
    await email.waitFor();
    await tabOnto(page, email, 'the Email field');
    await page.keyboard.type(USERS.partnerAdmin);
    await tabOnto(page, password, 'the Password field');
    await page.keyboard.type(PASSWORD);
    await tabOnto(page, signIn, 'the Sign in button');
    // Back to the password, and Enter there submits the form.
    await page.keyboard.press('Shift+Tab');
    assert.ok(await hasFocus(password), `Shift+Tab went to ${await focusName(page)}, not back to the Password field`);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByTestId('current-tier').waitFor();
    partner.guard.check();
  });

  test('"Skip to content" is the first Tab stop, and a story is written and submitted with the keyboard', async () => {
    if (!page || !(await page.getByRole('button', { name: 'Log out' }).count())) {
      // The test before failed: sign in the usual way.
      partner?.guard.problems.splice(0);
      partner = partner || (await newContext(await browser()));
      page = page || (await partner.newPage());
      await login(page, USERS.partnerAdmin);
    }
    // A fresh load: the first Tab shows the skip link, Enter moves the focus to the content.
    await open(page, '/app/stories');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await tabOnto(page, skip, 'the "Skip to content" link');
    const box = await skip.boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 0, `the focused skip link is not on screen: ${JSON.stringify(box)}`);
    await page.keyboard.press('Enter');
    const main = page.locator('main');
    await focusOn(page, main, 'the content (main)');
    // The next Tab stop is in the content, not in the navigation.
    await page.keyboard.press('Tab');
    assert.ok(
      await main.evaluate((m) => m.contains(document.activeElement) && m !== document.activeElement),
      `after the skip link, Tab went to ${await focusName(page)}, outside the content`,
    );

    // The story, keyboard only: the "New story" link, then the form.
    await page.keyboard.press('Shift+Tab');
    await tabTo(page, main.getByRole('link', { name: 'New story' }).first(), 'the "New story" link');
    await page.keyboard.press('Enter');
    const title = page.getByLabel('Title');
    await title.waitFor();
    await settled(page);
    // Following a link puts the focus on the new page's content, where the next Tab starts.
    await focusOn(page, main, 'the new page\'s content (main)');
    const story = {
      title: `Keyboard-only story (e2e ${Date.now()})`,
      customer: 'Northwind Clinics',
      url: 'https://orchard.example/customers/northwind',
    };
    await tabTo(page, title, 'the Title field');
    await page.keyboard.type(story.title);
    await tabTo(page, page.getByLabel('Customer'), 'the Customer field');
    await page.keyboard.type(story.customer);
    await tabTo(page, page.getByLabel('Story URL'), 'the Story URL field');
    await page.keyboard.type(story.url);
    // Published on is today unless changed; the submit button comes next.
    await tabTo(page, page.getByLabel('Published on'), 'the Published on field');
    await tabTo(page, page.getByRole('button', { name: 'Submit story' }), 'the Submit story button', 10);
    const [res] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/partners\/orchard-crm\/stories\/[^/]+$/.test(r.url()) && r.request().method() === 'PUT'),
      page.keyboard.press('Enter'),
    ]);
    assert.ok(res.ok(), `submitting answered ${res.status()}: ${await res.text()}`);
    await page.waitForURL(/\/app\/stories$/);
    await main.getByRole('link', { name: story.title, exact: true }).waitFor();
    await partner.done();
    partner = undefined;
  });

  test('a dialog keeps the focus, closes with Escape and gives the focus back', async () => {
    const context = await newContext(await browser(), AXE_CONTEXT);
    try {
      const page = await context.newPage();
      await page.goto('/app/partners/orchard-crm');
      await page.getByLabel('Email').fill(USERS.vendorAdmin);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByLabel('Password').press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Orchard CRM' }).waitFor();
      await settled(page);

      const opener = page.getByRole('button', { name: 'Set tier' });
      await tabTo(page, opener, 'the "Set tier" button');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: /Set Orchard CRM.s tier/ });
      await dialog.getByLabel('Reason').waitFor();
      const inside = () => dialog.evaluate((d) => d.contains(document.activeElement));
      assert.ok(await inside(), `the open dialog does not have the focus: ${await focusName(page)} has`);
      await assertAccessible(page, 'the "Set tier" dialog');
      // Around the dialog and back, both ways: the focus never leaves it.
      const stops = await dialog.evaluate(
        (d) => d.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])').length,
      );
      assert.ok(stops >= 3, `the dialog has ${stops} focusable elements`);
      for (const key of ['Tab', 'Shift+Tab']) {
        for (let i = 0; i < stops + 2; i++) {
          await page.keyboard.press(key);
          assert.ok(await inside(), `${key} number ${i + 1} left the dialog for ${await focusName(page)}`);
        }
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await focusOn(page, opener, 'the "Set tier" button, after Escape');
    } finally {
      await context.done();
    }
  });
});
