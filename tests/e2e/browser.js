// The browser itself: kept off the network, and the guards of lib.js work.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { AXE_CONTEXT, assertAccessible } from './axe.js';
import { BASE, browser as getBrowser, newContext } from './lib.js';


describe('the browser', () => {
  let browser;
  before(async () => {
    browser = await getBrowser();
  });

  test('no host name but 127.0.0.1 resolves in the browser', async () => {
    // "localhost" resolves without any network, unless the resolver rules are in force.
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(BASE + '/healthz');
      const port = new URL(BASE).port;
      const outcome = await page.evaluate(async (u) => {
        try {
          await fetch(u, { mode: 'no-cors' });
          return 'answered';
        } catch (e) {
          return 'failed';
        }
      }, `http://localhost:${port}/healthz`);
      assert.equal(outcome, 'failed', 'http://localhost/ answered: the host resolver rules are not in force');
    } finally {
      await context.close();
    }
  });

  test('the guards catch console errors, page errors, other hosts and HTTP errors', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto('/healthz');
      // Each trigger waits for its event, so the guard (listening first) has seen it.
      await Promise.all([page.waitForEvent('console'), page.evaluate(() => console.error('a console error'))]);
      await Promise.all([
        page.waitForEvent('pageerror'),
        page.evaluate(() => setTimeout(() => {
          throw new Error('an uncaught error');
        })),
      ]);
      await Promise.all([
        context.waitForEvent('requestfailed'),
        page.evaluate(() => fetch('http://consort.invalid/x').catch(() => {})),
      ]);
      await Promise.all([page.waitForResponse(/no\/such\/path/), page.evaluate(() => fetch('/no/such/path'))]);
      const seen = context.guard.problems.join('\n');
      for (const want of [
        /console error.*a console error/,
        /uncaught error.*an uncaught error/,
        /another host.*consort\.invalid/,
        /HTTP 404.*\/no\/such\/path/,
      ]) {
        assert.match(seen, want);
      }
      assert.throws(() => context.guard.check(), /the browser saw problems/);
    } finally {
      await context.close();
    }
  });

  test('the login page has its labelled fields and passes axe', async () => {
    const context = await newContext(browser, AXE_CONTEXT);
    try {
      const page = await context.newPage();
      await page.goto('/app/');
      await page.getByLabel('Email').waitFor();
      await page.getByLabel('Password').waitFor();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await assertAccessible(page, 'the login page');
    } finally {
      await context.done();
    }
  });
});
