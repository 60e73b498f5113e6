// Listing & badge: the description on the public listing (partner admins
// edit it), links to the public listing and verification pages, and the tier
// badge with the HTML to embed it on the partner's own site.
import { useRef, useState } from 'preact/hooks';
import * as api from '../api.js';
import { can, useMe } from '../session.js';
import { Async, Button, Card, ErrorBox, Field, PageHeader, notify, useApi } from '../ui.jsx';
import { CopyButton, loadPartnerContext, publicStanding, splitErrors, usePartnerKey } from './common.jsx';

const MAX = 2000;
const chars = (s) => [...s].length;

/** Text for an HTML attribute value in double quotes. */
export function escapeAttr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The embed snippet: the badge image linking to the verification page. */
export function embedCode(origin, partnerKey, partnerName, badge) {
  const k = encodeURIComponent(partnerKey);
  const program = /^twilio\b/i.test(badge.programName) ? badge.programName : `Twilio ${badge.programName}`;
  const alt = `${partnerName} — ${program} ${badge.tierName} partner`;
  return (
    `<a href="${escapeAttr(`${origin}/verify/${k}`)}">` +
    `<img src="${escapeAttr(`${origin}/badges/${k}.svg`)}" alt="${escapeAttr(alt)}" height="48"></a>`
  );
}

async function load(partnerKey) {
  const ctx = await loadPartnerContext(partnerKey);
  const standing = publicStanding(ctx);
  return { ctx, standing };
}

export function Listing() {
  const key = usePartnerKey();
  const q = useApi(() => load(key), [key]);
  return (
    <>
      <PageHeader title="Listing & badge" subtitle="How your company appears in the public partner directory, and your badge for your own site" />
      <Async q={q} label="Loading your listing…">
        {({ ctx, standing }) => (
          <div class="grid grid-2 p-listing">
            <Description partner={ctx.partner} partnerKey={key} />
            <div>
              <PublicPages partner={ctx.partner} partnerKey={key} listed={standing.listed} />
              <Badge partner={ctx.partner} partnerKey={key} badge={standing.badge} />
            </div>
          </div>
        )}
      </Async>
    </>
  );
}

function Description({ partner, partnerKey }) {
  const me = useMe();
  const admin = can(me, 'partner_admin');
  const [text, setText] = useState(partner.description || '');
  const [saved, setSaved] = useState(partner.description || '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const n = chars(text);
  const { fields, other } = splitErrors(error, ['description']);
  const dirty = text !== saved;

  const save = async (e) => {
    e.preventDefault();
    if (n > MAX) {
      setError({ field: 'description', message: `Shorten it to ${MAX.toLocaleString('en-US')} characters or fewer (it has ${n.toLocaleString('en-US')}).` });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const p = await api.put(`/partners/${api.seg(partnerKey)}/listing`, { description: text.trim() ? text : null });
      const now = p && p.description !== undefined ? p.description || '' : text;
      setText(now);
      setSaved(now);
      notify('Description saved');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!admin)
    return (
      <Card title="Description" id="p-desc-title">
        {saved ? <p class="p-desc-text">{saved}</p> : <p class="muted">No description yet.</p>}
        <p class="small muted">A partner administrator of your company can change it.</p>
      </Card>
    );

  return (
    <Card title="Description" id="p-desc-title">
      <form onSubmit={save} noValidate>
        {other && <ErrorBox error={other} title="The description was not saved" />}
        <Field
          label="Listing description"
          error={fields.description}
          hint="Shown as plain text on your public listing: what you do and how you work with Twilio."
        >
          {(p) => <textarea {...p} rows={9} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
        </Field>
        <div class={'small p-counter ' + (n > MAX ? 'error-text' : 'muted')} aria-live="polite">
          {n.toLocaleString('en-US')} / {MAX.toLocaleString('en-US')} characters
        </div>
        <div class="p-form-actions">
          <Button type="submit" busy={busy} disabled={!dirty && !busy}>
            Save description
          </Button>
          {dirty && (
            <button type="button" class="btn btn-secondary" onClick={() => (setText(saved), setError(null))}>
              Discard changes
            </button>
          )}
        </div>
      </form>
    </Card>
  );
}

function PublicPages({ partner, partnerKey, listed }) {
  const k = api.seg(partnerKey);
  return (
    <Card title="Public pages" id="p-public-title">
      <ul class="p-links">
        <li>
          {listed ? (
            <>
              <a href={`/partners/${k}`} target="_blank" rel="noopener">
                Your public listing ↗<span class="sr-only"> (opens in a new tab)</span>
              </a>
              <div class="small muted">Your description, tiers, products, launched solutions and published stories.</div>
            </>
          ) : (
            <>
              <strong>Public listing: not shown yet</strong>
              <div class="small muted">
                {partner.active
                  ? 'The directory lists partners whose tier includes the partner listing benefit. Your description is kept and appears once you reach such a tier.'
                  : 'Deactivated partners are not listed.'}
              </div>
            </>
          )}
        </li>
        {partner.active && (
          <li>
            <a href={`/verify/${k}`} target="_blank" rel="noopener">
              Verification page ↗<span class="sr-only"> (opens in a new tab)</span>
            </a>
            <div class="small muted">Lets anyone check your current tiers and good standing; your badge links here.</div>
          </li>
        )}
      </ul>
    </Card>
  );
}

function Badge({ partner, partnerKey, badge }) {
  const area = useRef(null);
  if (!badge)
    return (
      <Card title="Tier badge" id="p-badge-title">
        <p>You have no badge to display yet.</p>
        <p class="small muted">
          Registered partners and partners with no listed tier have no badge. It becomes available, with its embed code, once your
          tier includes the tier badge benefit.
        </p>
      </Card>
    );
  const code = embedCode(window.location.origin, partnerKey, partner.name, badge);
  return (
    <Card title="Tier badge" id="p-badge-title">
      <div class="p-badge-box">
        <img src={`/badges/${api.seg(partnerKey)}.svg?tier=${encodeURIComponent(badge.tierName)}`} alt={`${badge.tierName} partner, ${badge.programName}`} width="240" height="56" />
        <span class="small muted">
          {badge.tierName} partner, {badge.programName}
        </span>
      </div>
      <Field label="Embed code" hint="Paste it into your website’s HTML. The badge always shows your current tier and links to your verification page.">
        {(p) => <textarea ref={area} {...p} readOnly rows={4} value={code} onFocus={(e) => e.currentTarget.select()} class="p-embed-code" />}
      </Field>
      <div class="p-form-actions p-embed-actions">
        <CopyButton text={code} fieldRef={area} label="Copy" what="Embed code copied" />
      </div>
    </Card>
  );
}
