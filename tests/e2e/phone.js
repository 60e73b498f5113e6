// The partner dashboard on a phone (375 x 740): no sideways scrolling, and the
// menu button opens the navigation; closed (by the button or Escape), its links
// are out of the Tab order. (The tour, pages.js, checks every page's width on
// a phone too.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { USERS, browser, login, newContext, shot } from './lib.js';

const WIDTH = 375;


test('the partner dashboard fits a phone and its menu opens the navigation', async () => {
  const context = await newContext(await browser(), {
    viewport: { width: WIDTH, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await context.newPage();
    await login(page, USERS.partnerAdmin);
    await page.getByTestId('current-tier').waitFor();
    await page.getByRole('progressbar').first().waitFor();
    const widths = await page.evaluate(() => ({
      doc: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      inner: window.innerWidth,
    }));
    assert.equal(widths.inner, WIDTH);
    assert.ok(widths.doc <= WIDTH + 2, `the page is ${widths.doc} px wide on a ${WIDTH} px phone: it scrolls sideways`);
    assert.ok(widths.body <= WIDTH + 2, `the body is ${widths.body} px wide on a ${WIDTH} px phone`);
    await shot(page, 'phone-dashboard');

    // The navigation hides behind the menu button (off screen, hidden or not
    // displayed) until it is opened, then slides fully onto the screen.
    // Closed, the navigation is hidden from everyone (screen readers too): includeHidden finds it.
    const nav = page.getByRole('navigation', { name: 'Main', includeHidden: true });
    const menu = page.getByRole('button', { name: 'Menu' });
    // Where the navigation is: 'hidden' (off screen, not displayed), 'shown'
    // (fully on screen) or 'partly'; with a wanted state, whether it is there.
    const where = ([n, want]) => {
      const r = n.getBoundingClientRect();
      const st = getComputedStyle(n);
      let state = 'partly';
      if (st.display === 'none' || st.visibility === 'hidden' || !r.width || r.right <= 0 || r.left >= innerWidth) state = 'hidden';
      else if (r.left >= 0 && r.right <= innerWidth + 1) state = 'shown';
      return want ? state === want : state;
    };
    const navElement = await nav.elementHandle();
    assert.equal(await page.evaluate(where, [navElement, null]), 'hidden', 'the navigation shows before the menu is opened');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    await menu.click();
    await page.waitForFunction(where, [navElement, 'shown']);
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await nav.getByRole('link', { name: 'Dashboard' }).waitFor();
    await shot(page, 'phone-menu', { fullPage: false });
    // And closes again.
    await menu.click();
    await page.waitForFunction(where, [navElement, 'hidden']);
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    // Closed, its links are out of the Tab order (not focusable off screen), once it has slid away.
    await page.waitForFunction((n) => getComputedStyle(n).visibility === 'hidden', navElement);
    const link = nav.getByRole('link', { name: 'Dashboard', includeHidden: true });
    assert.equal(await link.evaluate((a) => (a.focus(), document.activeElement === a)), false, 'a link of the closed menu takes the focus');
    // Escape closes it too, and the focus goes back to the menu button.
    await menu.click();
    await page.waitForFunction(where, [navElement, 'shown']);
    await nav.getByRole('link', { name: 'Dashboard' }).focus();
    await page.keyboard.press('Escape');
    await page.waitForFunction(where, [navElement, 'hidden']);
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.ok(await menu.evaluate((b) => b === document.activeElement), 'after Escape the menu button does not have the focus');
  } finally {
    await context.done();
  }
});
