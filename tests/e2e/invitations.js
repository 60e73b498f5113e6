// Pending invitations: a partner admin invites a colleague on the Team page,
// sees the invitation listed (and a vendor admin sees it on Users, with the
// partner), sends it again (a new link), then revokes it behind a
// confirmation (passing axe while open); it leaves both lists. Runs last: it adds (and revokes) an invitation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AXE_CONTEXT, assertAccessible } from './axe.js';
import { USERS, browser, login, newContext, open, settled } from './lib.js';

describe('pending invitations', () => {
  test('invited, listed for the partner and the vendor, then revoked', async () => {
    const email = `pending-${Date.now()}@orchard.example`;
    const partner = await newContext(await browser(), AXE_CONTEXT);
    const vendor = await newContext(await browser(), AXE_CONTEXT);
    try {
      const page = await partner.newPage();
      await login(page, USERS.partnerAdmin, '/app/team');
      const pending = page.getByRole('region', { name: 'Pending invitations', exact: true }).first();
      await pending.waitFor();
      await page.getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Create invitation link' }).click();
      await page.getByRole('heading', { name: 'Invitation ready' }).waitFor();
      // The list is reloaded after inviting.
      const revoke = pending.getByRole('button', { name: `Revoke the invitation for ${email}` });
      await revoke.waitFor();
      await settled(page);

      // The vendor admin sees it too, with its partner.
      const vpage = await vendor.newPage();
      await login(vpage, USERS.vendorAdmin, '/app/users');
      const vpending = vpage.getByRole('region', { name: 'Pending invitations', exact: true }).first();
      const row = vpending.getByRole('row').filter({ hasText: email });
      await row.waitFor();
      assert.match(await row.innerText(), /orchard-crm/);

      // Sent again: a new link, shown once, unlike the first; the invitation stays listed.
      const first = await page.getByLabel('Invitation link').inputValue();
      const [resent] = await Promise.all([
        page.waitForResponse((r) => /\/api\/v1\/invitations\/\d+\/resend$/.test(r.url())),
        pending.getByRole('button', { name: `Resend: a new link for ${email}` }).click(),
      ]);
      assert.equal(resent.status(), 201, `resending answered ${resent.status()}: ${await resent.text()}`);
      const second = await page.getByLabel('New invitation link').inputValue();
      assert.match(second, /\/app\/invitations\/[0-9a-f]{64}$/);
      assert.notEqual(second, first, 'the resent link is the old one');
      await assertAccessible(page, 'the new invitation link');
      await page.getByRole('button', { name: 'Done' }).click();
      await revoke.waitFor();
      await settled(page);

      // Revoking asks first; Cancel keeps it.
      await revoke.click();
      const dialog = page.getByRole('dialog', { name: 'Revoke this invitation?' });
      await dialog.getByText(email).waitFor();
      await assertAccessible(page, 'the "Revoke this invitation?" dialog');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(await revoke.count(), 1, 'Cancel revoked the invitation');
      await revoke.click();
      const [res] = await Promise.all([
        page.waitForResponse((r) => /\/api\/v1\/invitations\/\d+$/.test(r.url()) && r.request().method() === 'DELETE'),
        dialog.getByRole('button', { name: 'Revoke invitation' }).click(),
      ]);
      assert.equal(res.status(), 204, `revoking answered ${res.status()}: ${await res.text()}`);
      await dialog.waitFor({ state: 'hidden' });
      await revoke.waitFor({ state: 'detached' });
      await page.getByText(`Invitation for ${email} revoked.`).waitFor();

      // Gone from the vendor's list as well.
      await open(vpage, '/app/users');
      await vpending.waitFor();
      await settled(vpage);
      assert.equal(await vpending.getByRole('row').filter({ hasText: email }).count(), 0, 'the revoked invitation is still listed');
    } finally {
      await partner.done();
      await vendor.done();
    }
  });
});
