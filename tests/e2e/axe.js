// Accessibility checks with axe-core (npm, pinned in package-lock.json): its
// source is injected into the page under test (never loaded from a URL) and
// run with the WCAG 2.0 and 2.1 level A and AA rules, and axe's best practices
// (heading order, landmarks, one h1...). Any violation fails the test, listed
// with its rule, impact, the elements (selectors) and the page. What axe
// cannot decide alone ("incomplete", as text over an image) is not a failure.
//
// The server's Content-Security-Policy allows only 'self' scripts, which
// blocks an injected inline script: the contexts that run axe are made with
// AXE_CONTEXT (Playwright's bypassCSP), and only those.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The browser context options under which axe can be injected. */
export const AXE_CONTEXT = { bypassCSP: true };

/** The rules run: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** One line per violation and element: rule (impact) selector: summary. */
function describe(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`${v.id} (${v.impact}): ${v.help} [${v.helpUrl.replace(/\?.*/, '')}]`);
    for (const n of v.nodes.slice(0, 8)) {
      const summary = (n.failureSummary || '').replace(/\s+/g, ' ').trim();
      lines.push(`    ${n.target.join(' ')}: ${summary}`);
    }
    if (v.nodes.length > 8) lines.push(`    ... and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n  ');
}

/**
 * Runs axe on the page as it is now (settled) and fails on any violation.
 * `where` names the page in the message (its URL is added).
 */
export async function assertAccessible(page, where = '') {
  // An in-app navigation keeps the document, and axe with it; a load does not.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: SOURCE });
  const violations = await page.evaluate(
    (tags) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })) }))),
    AXE_TAGS,
  );
  const page_ = `${where ? where + ' ' : ''}(${page.url()})`;
  assert.equal(violations.length, 0, `axe found accessibility violations on ${page_}:\n  ${describe(violations)}`);
}
