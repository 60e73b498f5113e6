// Partners: search and filter every partner (server-side), sorted by name,
// a page at a time; the filters live in the query string so a view can be
// bookmarked and shared.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api.js';
import { Link, setQuery } from '../router.jsx';
import { fmtNumber } from '../format.js';
import { can, useMe } from '../session.js';
import { Async, Empty, ErrorBox, Field, PageHeader, Pager, Pill, Table, useApi } from '../ui.jsx';
import { Tier, listNames, loadCatalog, loadRegions, shortProgram, tierName, tierRank } from './common.jsx';

const LIMIT = 25;
const FILTERS = ['q', 'program', 'tier', 'motion', 'product', 'region', 'active', 'standing', 'sort', 'cursor'];

/** The options of a filter: the selected program's, or every program's (deduplicated). */
function optionsOf(details, field) {
  const seen = new Map();
  for (const d of details) for (const x of d[field] || []) if (!seen.has(x.key)) seen.set(x.key, x.name);
  return [...seen.entries()].map(([key, name]) => ({ key, name }));
}

function Select({ label, value, onChange, options, all, disabled, hint }) {
  return (
    <Field label={label} hint={hint}>
      {(p) => (
        <select {...p} value={value || ''} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          <option value="">{all}</option>
          {options.map((o) => (
            <option key={o.key} value={o.key}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The search box: typed text reaches the query string after a short pause. */
function SearchBox({ value }) {
  const [text, setText] = useState(value || '');
  useEffect(() => setText(value || ''), [value]);
  useEffect(() => {
    if (text === (value || '')) return undefined;
    const t = setTimeout(() => setQuery({ q: text.trim() || null, cursor: null }), 300);
    return () => clearTimeout(t);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Field label="Search partners">
      {(p) => (
        <input
          {...p}
          type="search"
          placeholder="Name, key or domain"
          value={text}
          onInput={(e) => setText(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && setQuery({ q: text.trim() || null, cursor: null })}
        />
      )}
    </Field>
  );
}

export function Partners({ query }) {
  const me = useMe();
  const f = Object.fromEntries(FILTERS.map((k) => [k, query.get(k) || '']));
  const offset = Math.max(0, parseInt(f.cursor, 10) || 0);

  const meta = useApi(async () => {
    const [catalog, regions] = await Promise.all([loadCatalog(), loadRegions().catch(() => [])]);
    return { ...catalog, regions };
  }, []);

  const list = useApi(
    () =>
      api.get('/partners', {
        q: f.q,
        program: f.program,
        tier: f.tier,
        motion: f.motion,
        product: f.product,
        region: f.region,
        active: f.active,
        standing: f.program ? f.standing : '',
        sort: f.sort,
        limit: LIMIT,
        cursor: offset || '',
      }),
    [query.toString()],
  );

  const m = meta.data;
  const selected = m && f.program ? m.details.filter((d) => d.key === f.program) : m ? m.details : [];
  const programOf = (key) => m && m.details.find((d) => d.key === key);
  const set = (k) => (v) => setQuery({ [k]: v || null, cursor: null });
  const filtered = FILTERS.some((k) => k !== 'sort' && k !== 'cursor' && f[k]);
  const standingOn = !!(f.program && f.standing);

  const sort = f.sort ? { key: 'name', dir: f.sort === '-name' ? 'desc' : 'asc' } : null;
  const onSort = (s) => setQuery({ sort: s.dir === 'desc' ? '-name' : 'name', cursor: null });

  const columns = [
    {
      key: 'name',
      label: 'Partner',
      sort: true,
      render: (p) => (
        <span class="partner-cell">
          <Link to={`/partners/${api.seg(p.key)}`}>{p.name}</Link>
          <span class="muted small">{p.domain || p.key}</span>
        </span>
      ),
    },
    {
      key: 'tiers',
      label: 'Tiers',
      render: (p) => {
        const entries = Object.entries(p.tiers || {}).filter(([k]) => !f.program || k === f.program);
        if (!entries.length) return <span class="muted">Not enrolled</span>;
        return (
          <span class="tier-list">
            {entries.map(([prog, tier]) => (
              <span key={prog} class="tier-in-program" title={programOf(prog)?.name || prog}>
                <Tier program={programOf(prog)} tier={tier} />
                {!f.program && entries.length > 1 && <span class="muted small"> {shortProgram(prog)}</span>}
              </span>
            ))}
          </span>
        );
      },
    },
    {
      key: 'motions',
      label: 'Motions',
      render: (p) => listNames(p.motions, m && m.names.motions),
    },
    {
      key: 'products',
      label: 'Products',
      render: (p) => listNames(p.products, m && m.names.products),
    },
    { key: 'region', label: 'Region', render: (p) => p.region || '—' },
    {
      key: 'active',
      label: 'Status',
      render: (p) => (p.active ? <Pill kind="active">Active</Pill> : <Pill kind="inactive">Deactivated</Pill>),
    },
  ];
  if (standingOn) {
    const prog = programOf(f.program);
    columns.splice(2, 0, {
      key: 'standing',
      label: 'Standing',
      render: (p) => {
        const s = p.standing;
        if (!s) return '—';
        const current = p.tiers ? p.tiers[f.program] : null;
        const below = tierRank(prog, s.qualified_tier) < tierRank(prog, current) || !current;
        return (
          <span class="standing-cell">
            <span>
              Qualifies for {s.qualified_tier ? <Tier program={prog} tier={s.qualified_tier} /> : 'no tier'}
              {below && (
                <>
                  {' '}
                  <Pill kind="bad">{current ? `Below ${tierName(prog, current)}` : 'No tier'}</Pill>
                </>
              )}
            </span>
            {s.next_tier && (
              <span class="small">
                {tierName(prog, s.next_tier)} needs{' '}
                <span class="gap-text">{s.gap || 'nothing more'}</span>
              </span>
            )}
          </span>
        );
      },
    });
  }

  return (
    <>
      <PageHeader title="Partners" subtitle="Every partner, its tiers and its standing in each program." />
      {meta.error && <ErrorBox error={meta.error} retry={meta.reload} title="Cannot load the filters" />}
      <div class="filters" role="search" aria-label="Partner filters">
        <div class="field-grow">
          <SearchBox value={f.q} />
        </div>
        <Select
          label="Program"
          value={f.program}
          all="All programs"
          options={m ? m.programs.map((p) => ({ key: p.key, name: p.name })) : []}
          onChange={(v) => setQuery({ program: v || null, tier: null, standing: null, cursor: null })}
        />
        <Select label="Tier" value={f.tier} all="Any tier" options={optionsOf(selected, 'tiers')} onChange={set('tier')} />
        <Select label="Motion" value={f.motion} all="Any motion" options={optionsOf(selected, 'motions')} onChange={set('motion')} />
        <Select label="Product" value={f.product} all="Any product" options={optionsOf(selected, 'products')} onChange={set('product')} />
        <Select
          label="Region"
          value={f.region}
          all="Any region"
          options={(m ? m.regions : []).map((r) => ({ key: r, name: r }))}
          onChange={set('region')}
        />
        <Select
          label="Status"
          value={f.active}
          all="Any status"
          options={[
            { key: 'true', name: 'Active' },
            { key: 'false', name: 'Deactivated' },
          ]}
          onChange={set('active')}
        />
        <Select
          label="Standing"
          value={f.program ? f.standing : ''}
          all="Any standing"
          disabled={!f.program}
          hint={f.program ? undefined : 'Choose a program first'}
          options={[
            { key: 'near_next', name: 'Within 10% of the next tier' },
            { key: 'not_good', name: 'Not in good standing' },
          ]}
          onChange={set('standing')}
        />
      </div>
      <Async q={list} label="Loading partners…">
        {(page) => (
          <>
            <p class="muted small result-count" aria-live="polite">
              {page.total === 1 ? '1 partner' : `${fmtNumber(page.total ?? page.items.length)} partners`}
              {filtered ? (page.total === 1 ? ' matches' : ' match') : ''}
              {list.loading ? ' · updating…' : ''}
            </p>
            <div class="table-cards">
              <Table
                caption="Partners"
                columns={columns}
                rows={page.items}
                sort={sort}
                onSort={onSort}
                empty={
                  filtered ? (
                    <Empty
                      title="No partner matches"
                      icon="⌕"
                      action={
                        <button type="button" class="btn btn-secondary" onClick={() => setQuery(Object.fromEntries(FILTERS.map((k) => [k, null])))}>
                          Clear the filters
                        </button>
                      }
                    >
                      Try fewer filters or another search.
                    </Empty>
                  ) : (
                    <Empty title="No partners yet" action={can(me, 'admin', 'partner_manager', 'finance') && <Link class="btn btn-primary" to="/import">Import partners</Link>}>
                      Partners appear here once they are imported.
                    </Empty>
                  )
                }
              />
            </div>
            <Pager offset={offset} count={page.items.length} total={page.total} limit={LIMIT} onPage={(o) => setQuery({ cursor: o || null })} />
          </>
        )}
      </Async>
    </>
  );
}
