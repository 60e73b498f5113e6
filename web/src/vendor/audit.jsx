// Audit log (admins): every change, newest first, with who, when, what, and
// the record before and after as a compact diff.
import { useState } from 'preact/hooks';
import * as api from '../api.js';
import { setQuery } from '../router.jsx';
import { fmtDateTime, fmtNumber, titleCase } from '../format.js';
import { Async, Empty, Field, PageHeader, Pager, Pill, useApi, TableWrap } from '../ui.jsx';
import { ExpandButton } from './common.jsx';

const ENTITIES = [
  ['Partners and tiers', ['partners', 'partner', 'enrollment', 'tier_proposal', 'program']],
  ['Records', ['enrollments', 'agreements', 'solutions', 'stories', 'deals', 'spend', 'commits', 'support', 'mapping', 'plans', 'activity']],
  ['Accounts', ['user', 'invitation', 'session', 'api_token', 'agreement_acceptance']],
];

const LIMIT = 50;
// The latest entries, newest first (?order=desc); the text filter searches them.
const MAX = 5000;

function show(v) {
  if (v === null || v === undefined) return <span class="muted">empty</span>;
  if (typeof v === 'object') return <code>{JSON.stringify(v)}</code>;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** The fields that changed (all of them on create or delete). */
export function diffRows(before, after) {
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])];
  return keys
    .map((k) => ({ key: k, before: before ? before[k] : undefined, after: after ? after[k] : undefined }))
    .filter((r) => !before || !after || JSON.stringify(r.before) !== JSON.stringify(r.after));
}

function Diff({ entry }) {
  const rows = diffRows(entry.before, entry.after);
  const kind = !entry.before ? 'created' : !entry.after ? 'deleted' : 'changed';
  if (!rows.length) return <p class="muted small">No field changed.</p>;
  return (
    <table class="table table-compact diff-table">
      <caption class="sr-only">Fields {kind}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          {entry.before && <th scope="col">Before</th>}
          {entry.after && <th scope="col">After</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" class="mono">
              {r.key}
            </th>
            {entry.before && <td class="diff-before">{r.before === undefined ? <span class="muted">—</span> : show(r.before)}</td>}
            {entry.after && <td class="diff-after">{r.after === undefined ? <span class="muted">—</span> : show(r.after)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function actionKind(a) {
  if (/delete|revoke|deactivate|reject/.test(a)) return 'bad';
  if (/create|import|approve|accept|load/.test(a)) return 'ok';
  if (/login|logout/.test(a)) return 'muted';
  return 'warn';
}

export function Audit({ query }) {
  const entity = query.get('entity') || '';
  const offset = Math.max(0, parseInt(query.get('cursor'), 10) || 0);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState({});
  const q = useApi(async () => {
    return api.getAll('/audit', { entity, order: 'desc' }, MAX);
  }, [entity]);
  const known = ENTITIES.flatMap(([, xs]) => xs);
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change: who made it, when, and the record before and after. Secrets are never recorded." />
      <div class="filters">
        <Field label="Entity">
          {(p) => (
            <select {...p} value={entity} onChange={(e) => setQuery({ entity: e.target.value || null, cursor: null })}>
              <option value="">Everything</option>
              {ENTITIES.map(([group, xs]) => (
                <optgroup key={group} label={group}>
                  {xs.map((x) => (
                    <option key={x} value={x}>
                      {titleCase(x)}
                    </option>
                  ))}
                </optgroup>
              ))}
              {entity && !known.includes(entity) && <option value={entity}>{entity}</option>}
            </select>
          )}
        </Field>
        <div class="field-grow">
          <Field label="Filter by person, action or key">
            {(p) => (
              <input
                {...p}
                type="search"
                value={search}
                onInput={(e) => {
                  setSearch(e.target.value);
                  if (offset) setQuery({ cursor: null });
                }}
              />
            )}
          </Field>
        </div>
      </div>
      <Async q={q} label="Reading the audit log…">
        {(all) => {
          const s = search.trim().toLowerCase();
          const items = s ? all.filter((e) => [e.actor, e.action, e.key, e.entity].some((x) => String(x || '').toLowerCase().includes(s))) : all;
          const page = items.slice(offset, offset + LIMIT);
          if (!items.length)
            return (
              <Empty title={entity || s ? 'No matching entry' : 'The audit log is empty'} icon="≡">
                {entity || s ? 'Try another entity or filter.' : 'Changes appear here as they happen.'}
              </Empty>
            );
          return (
            <>
              {all.length >= MAX && <p class="muted small">Showing the latest {fmtNumber(MAX)} entries read.</p>}
              <TableWrap class="table-cards" label="Audit log, newest first">
                <table class="table audit-table">
                  <caption class="sr-only">Audit log, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Who</th>
                      <th scope="col">Action</th>
                      <th scope="col">Entity</th>
                      <th scope="col">Change</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.map((e) => {
                      const isOpen = !!open[e.id];
                      const id = 'audit-' + e.id;
                      const n = diffRows(e.before, e.after).length;
                      return [
                        <tr key={e.id}>
                          <td data-label="When" class="nowrap">
                            {fmtDateTime(e.at)}
                          </td>
                          <td data-label="Who">{e.actor}</td>
                          <td data-label="Action">
                            <Pill kind={actionKind(e.action)}>{e.action}</Pill>
                          </td>
                          <td data-label="Entity">
                            <span class="partner-cell">
                              <span>{titleCase(e.entity)}</span>
                              <span class="mono muted small break">{e.key}</span>
                            </span>
                          </td>
                          <td data-label="Change">
                            {e.before || e.after ? (
                              <ExpandButton open={isOpen} controls={id} onClick={() => setOpen({ ...open, [e.id]: !isOpen })}>
                                {!e.before ? (/create|import/.test(e.action) ? 'Created' : 'Details') : !e.after ? 'Deleted' : 'Changed'}: {n}{' '}
                                {n === 1 ? 'field' : 'fields'}
                              </ExpandButton>
                            ) : (
                              <span class="muted">—</span>
                            )}
                          </td>
                        </tr>,
                        isOpen && (
                          <tr key={e.id + '-d'} id={id} class="detail-row">
                            <td colSpan={5}>
                              <Diff entry={e} />
                            </td>
                          </tr>
                        ),
                      ];
                    })}
                  </tbody>
                </table>
              </TableWrap>
              <Pager offset={offset} count={page.length} total={items.length} limit={LIMIT} onPage={(o) => setQuery({ cursor: o || null })} />
            </>
          );
        }}
      </Async>
    </>
  );
}
