// The partner's dashboard for one program: tier standing, progress toward the
// next tier requirement by requirement (with the evidence behind each), what
// is still missing, and the benefits unlocked and locked.
import * as api from '../api.js';
import { Link } from '../router.jsx';
import { Async, Card, Empty, PageHeader, Pill, ProgressBar, TierBadge, useApi } from '../ui.jsx';
import { dollars, fmtDate, fmtMoney, fmtMoneyShort, fmtNumber, titleCase } from '../format.js';
import {
  EvidenceItem,
  ProgramSwitcher,
  publicStanding,
  loadPartnerContext,
  namesOf,
  programName,
  selectedProgram,
  tierName,
  usePartnerKey,
} from './common.jsx';

export function Dashboard({ query }) {
  const key = usePartnerKey();
  const ctxQ = useApi(() => loadPartnerContext(key), [key]);
  return (
    <>
      <PageHeader title="Dashboard" subtitle={ctxQ.data ? ctxQ.data.partner.name : null} />
      <Async q={ctxQ} label="Loading your programs…">
        {(ctx) => {
          const program = selectedProgram(query, ctx.enrollments);
          if (!program)
            return (
              <Empty title="You are not enrolled in a program yet" icon="◇">
                Once the partnerships team enrolls {ctx.partner.name} in a partner program, your tier, requirements and benefits
                appear here.
              </Empty>
            );
          return (
            <>
              <ProgramSwitcher ctx={ctx} value={program} />
              <ProgramDashboard key={program} ctx={ctx} program={program} partnerKey={key} />
            </>
          );
        }}
      </Async>
    </>
  );
}

/* ---------- loading ---------- */

async function loadDashboard(partnerKey, program) {
  const k = api.seg(partnerKey);
  const quiet = (p) => p.catch(() => []);
  const [scorecard, benefits, stories, solutions] = await Promise.all([
    api.get(`/partners/${k}/scorecard`, { program }),
    api.get(`/partners/${k}/benefits`, { program }),
    quiet(api.getAll(`/partners/${k}/stories`)),
    quiet(api.getAll(`/partners/${k}/solutions`)),
  ]);
  // Deal evidence names the deal only: the account comes from the deal list.
  const needDeals = scorecard.requirements.some((r) => (r.evidence || []).some((e) => e && e.deal !== undefined));
  const deals = needDeals ? await quiet(api.getAll(`/partners/${k}/deals`, {}, 2000)) : [];
  const map = (items, k2, v) => Object.fromEntries(items.map((x) => [x[k2], x[v]]));
  return {
    scorecard,
    benefits,
    names: {
      stories: map(stories, 'key', 'title'),
      solutions: map(solutions, 'key', 'name'),
      deals: map(deals, 'key', 'account'),
    },
  };
}

function ProgramDashboard({ ctx, program, partnerKey }) {
  const q = useApi(() => loadDashboard(partnerKey, program), [partnerKey, program]);
  const def = ctx.programs[program];
  return (
    <Async q={q} label="Loading your scorecard…">
      {({ scorecard, benefits, names }) => {
        const look = {
          ...names,
          agreements: namesOf([def], 'agreements'),
          products: namesOf([def], 'products'),
        };
        const enrollment = ctx.enrollments.find((e) => e.program === program);
        return (
          <>
            <Standing sc={scorecard} def={def} enrollment={enrollment} ctx={ctx} partnerKey={partnerKey} />
            <div class="p-dash-cols">
              <div class="p-dash-main">
                <Requirements sc={scorecard} def={def} look={look} />
              </div>
              <div class="p-dash-side">
                <NextSteps sc={scorecard} def={def} />
                <Benefits data={benefits} def={def} />
              </div>
            </div>
          </>
        );
      }}
    </Async>
  );
}

/* ---------- standing ---------- */

function PublicBadge({ ctx, partnerKey }) {
  const badge = publicStanding(ctx).badge;
  if (!badge)
    return (
      <p class="small muted p-nobadge">
        No public badge yet: Registered partners and partners without a listed tier have none.
      </p>
    );
  return (
    <>
      <img
        class="p-badge-img"
        src={`/badges/${api.seg(partnerKey)}.svg?tier=${encodeURIComponent(badge.tierName)}`}
        alt={`${badge.tierName} partner, ${badge.programName}`}
        width="240"
        height="56"
      />
      <Link to="/listing" class="small">
        Embed your badge
      </Link>
    </>
  );
}

function changeText(sc, def) {
  const cur = tierName(def, sc.current_tier);
  const qual = tierName(def, sc.qualified_tier);
  if (sc.change === 'up')
    return `Your records already meet ${qual}. Tier changes take effect when the partnerships team applies the next evaluation.`;
  if (sc.change === 'down')
    return qual
      ? `Your records currently meet ${qual} only. Close the gaps below to keep ${cur} at the next evaluation.`
      : `Your records do not currently meet the requirements of any tier. Close the gaps below to keep ${cur || 'a tier'}.`;
  if (!sc.current_tier && !sc.qualified_tier) return 'Your records do not meet the requirements of a tier yet.';
  return `Your records meet the requirements of your current tier.`;
}

function Standing({ sc, def, enrollment, ctx, partnerKey }) {
  const cur = tierName(def, sc.current_tier);
  const changeKind = sc.change === 'up' ? 'ok' : sc.change === 'down' ? 'bad' : 'muted';
  const changeWord = sc.change === 'up' ? 'Above current tier' : sc.change === 'down' ? 'Below current tier' : 'Same as current';
  return (
    <section class="card p-standing" aria-labelledby="p-standing-title">
      <h2 id="p-standing-title" class="sr-only">
        Your standing in {programName(ctx, sc.program)}
      </h2>
      <div class="p-standing-grid">
        <div class="p-standing-item">
          <div class="stat-label">Current tier</div>
          <div class="p-tier-lg">
            <span class={'tier tier-' + (sc.current_tier || 'none')} data-testid="current-tier">
              {cur || 'No tier'}
            </span>
          </div>
          <div class="stat-hint">
            {enrollment && enrollment.since ? `Enrolled since ${fmtDate(enrollment.since)}` : programName(ctx, sc.program)}
          </div>
        </div>
        <div class="p-standing-item">
          <div class="stat-label">Qualified tier today</div>
          <div class="p-tier-lg">
            <TierBadge tier={sc.qualified_tier} name={tierName(def, sc.qualified_tier)} />
            {sc.change && <Pill kind={changeKind}>{changeWord}</Pill>}
          </div>
          <div class="stat-hint">{changeText(sc, def)}</div>
        </div>
        <div class="p-standing-item">
          <div class="stat-label">Next tier</div>
          <div class="p-tier-lg">
            {sc.next_tier ? (
              <TierBadge tier={sc.next_tier.tier} name={tierName(def, sc.next_tier.tier)} />
            ) : (
              <span class="p-top">Top tier reached</span>
            )}
          </div>
          <div class="stat-hint">
            {sc.next_tier ? 'See what gets you there below.' : `You qualify for the program's highest tier.`}
          </div>
        </div>
        <div class="p-standing-item p-standing-badge">
          <div class="stat-label">Public badge</div>
          <PublicBadge ctx={ctx} partnerKey={partnerKey} />
        </div>
      </div>
      {sc.window && (
        <p class="small muted p-window">
          Measured over {fmtDate(sc.window.from)} – {fmtDate(sc.window.to)}
          {sc.mode === 'midyear' ? ' (the trailing 365 days)' : ''}, as of {fmtDate(sc.as_of)}. Agreements, solutions and
          stories count as of that day; revenue counts inside the window.
        </p>
      )}
    </section>
  );
}

/* ---------- requirements ---------- */

const COUNT_NOUNS = {
  stories: ['published story', 'published stories'],
  solution: ['launched solution', 'launched solutions'],
  solution_materials: ['solution with complete materials', 'solutions with complete materials'],
};
const USD_NOUNS = {
  influence_revenue: 'influenced ARR',
  direct_spend: 'direct Twilio spend',
  commit: 'multi-year commit (TCV)',
};

function num(unit, v) {
  if (unit === 'bool') return v ? 1 : 0;
  if (unit === 'usd') return dollars(v) || 0;
  return Number(v) || 0;
}

function amount(unit, v) {
  return unit === 'usd' ? fmtMoney(v) : fmtNumber(v);
}

/** "$420,000 of $500,000 influenced ARR", "2 of 3 published stories", "4 published stories (3 needed)", "Done". */
export function progressWords(r) {
  if (r.unit === 'bool') return r.value ? 'Done' : 'Not done yet';
  const hasT = r.threshold !== null && r.threshold !== undefined;
  const noun = (n) => {
    if (r.unit === 'usd') return USD_NOUNS[r.kind] || r.name.toLowerCase();
    const w = COUNT_NOUNS[r.kind];
    return w ? w[n === 1 ? 0 : 1] : r.name.toLowerCase();
  };
  const v = num(r.unit, r.value);
  if (!hasT) return `${amount(r.unit, r.value)} ${noun(v)}`;
  const t = num(r.unit, r.threshold);
  if (v > t) return `${amount(r.unit, r.value)} ${noun(v)} (${amount(r.unit, r.threshold)} needed)`;
  return `${amount(r.unit, r.value)} of ${amount(r.unit, r.threshold)} ${noun(t)}`;
}

function perTier(r, def) {
  const order = (def.tiers || []).map((t) => (typeof t === 'string' ? t : t.key));
  const keys = order.filter((t) => r.tiers && r.tiers[t]);
  if (!keys.length) return null;
  return keys
    .map((t) => {
      const x = r.tiers[t];
      const inv = x.invite_only ? ' (if invited)' : '';
      if (r.unit === 'bool') return tierName(def, t) + inv;
      return `${tierName(def, t)} ${r.unit === 'usd' ? fmtMoneyShort(x.threshold) : fmtNumber(x.threshold)}${inv}`;
    })
    .join(' · ');
}

function status(r, def, target) {
  const tName = tierName(def, target) || 'the next tier';
  const t = r.tiers && target ? r.tiers[target] : null;
  if (!r.applies) return { kind: 'muted', text: 'Does not apply', icon: '–' };
  if (t && t.invite_only && !r.required) return { kind: 'muted', text: `Only if invited to ${tName}`, icon: '–' };
  if (r.threshold === null || r.threshold === undefined || !r.required) return { kind: 'muted', text: `Not needed for ${tName}`, icon: '–' };
  if (r.met) return { kind: 'ok', text: 'Met', icon: '✓' };
  return { kind: 'warn', text: 'Not met yet', icon: '○' };
}

function Requirement({ r, def, target, look }) {
  const st = status(r, def, target);
  const hasT = r.threshold !== null && r.threshold !== undefined;
  const tiers = perTier(r, def);
  const ev = r.evidence || [];
  return (
    <li class={'p-req p-req-' + st.kind + (r.applies ? '' : ' p-req-na')} data-testid={`requirement-${r.key}`}>
      <div class="p-req-head">
        <span class={'p-check p-check-' + st.kind} aria-hidden="true">
          {st.icon}
        </span>
        <h3 class="p-req-name">{r.name}</h3>
        <Pill kind={st.kind}>{st.text}</Pill>
      </div>
      {r.applies && hasT && r.required && (
        <ProgressBar value={num(r.unit, r.value)} max={num(r.unit, r.threshold)} label={r.name} met={!!r.met} />
      )}
      <div class="p-req-words">
        {r.applies ? progressWords(r) : 'This requirement is not part of your partnership (it depends on your motions and products).'}
      </div>
      {r.gap && (
        <div class="p-req-gap">
          <strong>Still needed:</strong> {r.gap}
        </div>
      )}
      {tiers && (
        <div class="small muted">
          {r.unit === 'bool' ? 'Required at' : 'Per tier'}: {tiers}
        </div>
      )}
      {r.applies && (
        <details class="p-evidence">
          <summary>
            {ev.length ? `Evidence (${ev.length})` : 'Evidence (none yet)'}
          </summary>
          {ev.length ? (
            <ul>
              {ev.map((e, i) => (
                <li key={i}>
                  <EvidenceItem e={e} look={look} />
                </li>
              ))}
            </ul>
          ) : (
            <p class="small muted">Nothing on record counts toward this requirement yet.</p>
          )}
        </details>
      )}
    </li>
  );
}

function Requirements({ sc, def, look }) {
  const target = sc.target_tier;
  const tName = tierName(def, target);
  const reqs = sc.requirements || [];
  // Requirements sharing a group are alternatives: shown together, once, where the first one is.
  const blocks = [];
  const seen = new Set();
  for (const r of reqs) {
    if (!r.group) blocks.push({ r });
    else if (!seen.has(r.group)) {
      seen.add(r.group);
      blocks.push({ group: r.group, members: reqs.filter((x) => x.group === r.group) });
    }
  }
  const counted = reqs.filter((r) => r.applies && r.required);
  const met = counted.filter((r) => r.met).length;
  return (
    <Card
      title={tName ? `Requirements for ${tName}` : 'Requirements'}
      id="p-reqs-title"
      actions={counted.length ? <span class="muted small">{met} of {counted.length} met</span> : null}
    >
      {!reqs.length ? (
        <Empty title="No requirements">This program has no requirements for your tier.</Empty>
      ) : (
        <ul class="p-reqs">
          {blocks.map((b) =>
            b.r ? (
              <Requirement key={b.r.key} r={b.r} def={def} target={target} look={look} />
            ) : (
              <RequirementGroup key={'g-' + b.group} group={b.group} members={b.members} def={def} target={target} look={look} />
            ),
          )}
        </ul>
      )}
    </Card>
  );
}

function RequirementGroup({ group, members, def, target, look }) {
  const applicable = members.filter((m) => m.applies);
  const needed = applicable.some((m) => m.required);
  const met = applicable.some((m) => m.met && m.required);
  const id = 'p-group-' + group;
  return (
    <li>
      <div class="p-group" role="group" aria-labelledby={id}>
        <div class="p-group-head">
          <h3 id={id}>{titleCase(group)}: one of these</h3>
          {needed && <Pill kind={met ? 'ok' : 'warn'}>{met ? 'Met' : 'Not met yet'}</Pill>}
        </div>
        <p class="small muted">
          These are alternative paths: meeting any one that applies to your partnership is enough.
        </p>
        <ul class="p-reqs">
          {members.map((r) => (
            <Requirement key={r.key} r={r} def={def} target={target} look={look} />
          ))}
        </ul>
      </div>
    </li>
  );
}

/* ---------- next steps ---------- */

const WHERE = {
  stories: { to: '/stories/new', label: 'Add a customer story' },
  solution: { to: '/solutions', label: 'Manage solutions' },
  solution_materials: { to: '/solutions', label: 'Complete solution materials' },
  influence_revenue: { to: '/deals', label: 'See your deals' },
  direct_spend: { to: '/deals', label: 'See your spend' },
  commit: { to: '/deals', label: 'See your commits' },
  agreements: { to: '/agreements', label: 'See your agreements' },
  support_package: { to: '/agreements', label: 'See your agreements' },
};

function NextSteps({ sc, def }) {
  const next = sc.next_tier;
  if (!next)
    return (
      <Card title="You are at the top tier" id="p-next-title">
        <p>
          You meet every requirement of {tierName(def, sc.qualified_tier) || 'the highest tier'}. Keep your stories, solutions
          and revenue current to hold it at the next evaluation.
        </p>
      </Card>
    );
  const name = tierName(def, next.tier);
  const gaps = (sc.requirements || []).filter((r) => r.gap && r.applies);
  const words = gaps.length ? null : (next.gap || '').split(/;\s*/).filter(Boolean);
  return (
    <Card title={`What gets you to ${name}`} id="p-next-title" class="p-next">
      {gaps.length === 0 && (!words || !words.length) ? (
        <p>You meet every requirement for {name}. It is applied at the next evaluation.</p>
      ) : (
        <ol class="p-gaps">
          {gaps.length
            ? gaps.map((r) => (
                <li key={r.key}>
                  <span class="p-gap-text">{r.gap.charAt(0).toUpperCase() + r.gap.slice(1)}</span>
                  <span class="small muted"> — {r.name}</span>
                  {WHERE[r.kind] && (
                    <div>
                      <Link to={WHERE[r.kind].to} class="small">
                        {WHERE[r.kind].label} →
                      </Link>
                    </div>
                  )}
                </li>
              ))
            : words.map((w, i) => <li key={i}>{w}</li>)}
        </ol>
      )}
    </Card>
  );
}

/* ---------- benefits ---------- */

function Benefits({ data, def }) {
  const list = data.benefits || [];
  const open = list.filter((b) => b.status === 'entitled');
  const locked = list.filter((b) => b.status !== 'entitled');
  const tier = tierName(def, data.tier);
  return (
    <Card title="Benefits" id="p-benefits-title">
      {!list.length ? (
        <p class="muted">This program lists no benefits.</p>
      ) : (
        <>
          <h3 class="p-subhead">Unlocked{tier ? ` at ${tier}` : ''} ({open.length})</h3>
          {open.length ? (
            <ul class="p-benefits">
              {open.map((b) => (
                <li key={b.key} class="p-benefit p-benefit-open">
                  <span class="p-check p-check-ok" aria-hidden="true">
                    ✓
                  </span>
                  <span>
                    {b.name}
                    {b.grant === 'invite_only' && <span class="small muted"> (by invitation)</span>}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="small muted">No benefits unlocked yet: they come with your first tier.</p>
          )}
          <h3 class="p-subhead">Locked ({locked.length})</h3>
          {locked.length ? (
            <ul class="p-benefits">
              {locked.map((b) => (
                <li key={b.key} class="p-benefit p-benefit-locked">
                  <span class="p-check p-check-muted" aria-hidden="true">
                    –
                  </span>
                  <span>
                    {b.name}
                    {b.reasons && b.reasons.length > 0 && (
                      <span class="p-benefit-why">{b.reasons.map((x) => x.charAt(0).toUpperCase() + x.slice(1)).join('; ')}</span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="small muted">Every benefit of the program is unlocked.</p>
          )}
        </>
      )}
    </Card>
  );
}
