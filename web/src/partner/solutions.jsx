// Joint solutions: the list with where each one stands (draft, docs ready,
// launched, reviewed), and the form that creates and edits one.
import { useRef, useState } from 'preact/hooks';
import * as api from '../api.js';
import { Link, navigate } from '../router.jsx';
import { Async, Button, Card, Empty, ErrorBox, Field, PageHeader, Pill, Table, notify, useApi } from '../ui.jsx';
import { fmtDate, todayIso } from '../format.js';
import { ConfirmDelete, focusFirstError, loadPartnerContext, namesOf, reached, slugify, splitErrors, usePartnerKey } from './common.jsx';

/** Where a solution stands, from its dates (a date in the future has not happened yet). */
export function solutionStatus(s, today = todayIso()) {
  if (reached(s.reviewed_on, today)) return { key: 'reviewed', label: 'Reviewed', kind: 'ok', rank: 4 };
  if (reached(s.launched_on, today)) return { key: 'launched', label: 'Launched', kind: 'ok', rank: 3 };
  if (reached(s.docs_on, today) || reached(s.collateral_on, today)) return { key: 'docs', label: 'Docs ready', kind: 'warn', rank: 2 };
  return { key: 'draft', label: 'Draft', kind: 'muted', rank: 1 };
}

function materialsNote(s, today) {
  if (!reached(s.launched_on, today)) return null;
  const missing = [!reached(s.docs_on, today) && 'documentation', !reached(s.collateral_on, today) && 'collateral'].filter(Boolean);
  return missing.length ? `Missing ${missing.join(' and ')}` : null;
}

async function loadList(partnerKey) {
  const [ctx, items] = await Promise.all([loadPartnerContext(partnerKey), api.getAll(`/partners/${api.seg(partnerKey)}/solutions`)]);
  return { products: namesOf(Object.values(ctx.programs), 'products'), items };
}

const newButton = (
  <Link to="/solutions/new" class="btn btn-primary">
    New solution
  </Link>
);

export function Solutions() {
  const key = usePartnerKey();
  const q = useApi(() => loadList(key), [key]);
  const today = todayIso();
  return (
    <>
      <PageHeader title="Solutions" subtitle="Your joint solutions with Twilio and how far each one has come" actions={newButton} />
      <Async q={q} label="Loading your solutions…">
        {({ products, items }) => (
          <>
            {items.length > 0 && (
              <p class="muted small">
                A launched solution counts toward “Launch a joint solution”; once its documentation and collateral are finished it
                also counts toward “Complete joint solution material”.
              </p>
            )}
            <div class="table-cards">
              <Table
                caption="Your solutions"
                rows={items}
                empty={
                  <Empty title="No solutions yet" icon="◈" action={newButton}>
                    Add the product you built with Twilio: launching a joint solution is a requirement of every tier above Registered.
                  </Empty>
                }
                columns={[
                  {
                    key: 'name',
                    label: 'Solution',
                    sort: true,
                    render: (s) => (
                      <span class="p-title-cell">
                        <Link to={`/solutions/${api.seg(s.key)}`}>{s.name}</Link>
                      </span>
                    ),
                  },
                  { key: 'product', label: 'Product', sort: (s) => products[s.product] || s.product, render: (s) => products[s.product] || s.product },
                  {
                    key: 'status',
                    label: 'Status',
                    sort: (s) => solutionStatus(s, today).rank,
                    render: (s) => {
                      const st = solutionStatus(s, today);
                      const note = materialsNote(s, today);
                      return (
                        <span class="p-steps">
                          <Pill kind={st.kind}>{st.label}</Pill>
                          {note && <span class="small muted">{note}</span>}
                        </span>
                      );
                    },
                  },
                  { key: 'docs_on', label: 'Docs', sort: true, render: (s) => fmtDate(s.docs_on) },
                  { key: 'collateral_on', label: 'Collateral', sort: true, render: (s) => fmtDate(s.collateral_on) },
                  { key: 'launched_on', label: 'Launched', sort: true, render: (s) => fmtDate(s.launched_on) },
                  { key: 'reviewed_on', label: 'Reviewed', sort: true, render: (s) => fmtDate(s.reviewed_on) },
                ]}
              />
            </div>
          </>
        )}
      </Async>
    </>
  );
}

/* ---------- the form ---------- */

const FIELDS = ['key', 'name', 'product', 'docs_on', 'collateral_on', 'launched_on', 'reviewed_on'];

async function loadForm(partnerKey, key) {
  const k = api.seg(partnerKey);
  const [ctx, items] = await Promise.all([loadPartnerContext(partnerKey), api.getAll(`/partners/${k}/solutions`)]);
  const products = [];
  for (const def of Object.values(ctx.programs)) for (const p of def.products || []) if (!products.some((x) => x.key === p.key)) products.push(p);
  let solution = null;
  if (key) {
    solution = items.find((s) => s.key === key);
    if (!solution) solution = await api.get(`/partners/${k}/solutions/${api.seg(key)}`);
  }
  return { products, taken: new Set(items.map((s) => s.key)), solution };
}

export function SolutionEdit({ params }) {
  const partnerKey = usePartnerKey();
  const key = params.key || null;
  const q = useApi(() => loadForm(partnerKey, key), [partnerKey, key]);
  const crumbs = (
    <>
      <Link to="/solutions">Solutions</Link> ›
    </>
  );
  if (q.error && q.error.status === 404)
    return (
      <>
        <PageHeader title="Solution not found" crumbs={crumbs} />
        <Empty title="This solution does not exist" icon="?" action={<Link to="/solutions" class="btn btn-secondary">Back to solutions</Link>}>
          It may have been deleted, or the address may be mistyped.
        </Empty>
      </>
    );
  return (
    <>
      <PageHeader
        title={key ? (q.data && q.data.solution ? q.data.solution.name : 'Solution') : 'New solution'}
        subtitle={key ? 'Keep the dates current: they decide what counts toward your tier.' : 'Add a solution you built with Twilio.'}
        crumbs={crumbs}
      />
      <Async q={q} label="Loading…">
        {(data) => <SolutionForm data={data} partnerKey={partnerKey} editing={key} />}
      </Async>
    </>
  );
}

function SolutionForm({ data, partnerKey, editing }) {
  const s = data.solution || {};
  const [v, setV] = useState({
    name: s.name || '',
    product: s.product || (data.products.length === 1 ? data.products[0].key : ''),
    docs_on: s.docs_on || '',
    collateral_on: s.collateral_on || '',
    launched_on: s.launched_on || '',
    reviewed_on: s.reviewed_on || '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [confirm, setConfirm] = useState(false);
  const form = useRef(null);
  const key = editing || slugify(v.name, data.taken, 'solution');
  const { fields, other } = splitErrors(error, FIELDS);
  const set = (name) => (e) => setV({ ...v, [name]: e.currentTarget.value });
  const products = data.products.some((p) => p.key === v.product) || !v.product ? data.products : [...data.products, { key: v.product, name: v.product }];

  const save = async (e) => {
    e.preventDefault();
    const local = {};
    if (!v.name.trim()) local.name = 'Give the solution a name.';
    if (!v.product) local.product = 'Choose the Twilio product it is built on.';
    if (Object.keys(local).length) {
      setError({ message: Object.entries(local).map(([k, m]) => `${k}: ${m}`).join('\n'), field: Object.keys(local)[0] });
      focusFirstError(form.current);
      return;
    }
    setBusy(true);
    setError(null);
    const body = { name: v.name.trim(), product: v.product };
    for (const d of ['launched_on', 'docs_on', 'collateral_on', 'reviewed_on']) body[d] = v[d] || null;
    try {
      await api.put(`/partners/${api.seg(partnerKey)}/solutions/${api.seg(key)}`, body);
      notify(editing ? 'Solution saved' : 'Solution added');
      navigate('/solutions');
    } catch (err) {
      setError(err);
      setBusy(false);
      focusFirstError(form.current);
    }
  };

  const remove = async () => {
    await api.del(`/partners/${api.seg(partnerKey)}/solutions/${api.seg(key)}`);
    setConfirm(false);
    notify('Solution deleted');
    navigate('/solutions');
  };

  const date = (name, label, hint) => (
    <Field label={label} hint={hint} error={fields[name]}>
      {(p) => <input type="date" {...p} value={v[name]} onInput={set(name)} />}
    </Field>
  );

  return (
    <Card class="p-form">
      <form ref={form} onSubmit={save} noValidate>
        {other && <ErrorBox error={other} title="The solution was not saved" />}
        <Field label="Name" required error={fields.name}>
          {(p) => <input type="text" {...p} value={v.name} onInput={set('name')} maxLength={2000} autoComplete="off" />}
        </Field>
        <p class="small muted">
          Key:{' '}
          {editing || v.name.trim() ? <span class="p-key">{key}</span> : 'made from the name'}
          {editing ? '' : v.name.trim() ? ' (made from the name; it cannot be changed later)' : ''}
          {fields.key && <span class="error-text"> {fields.key}</span>}
        </p>
        <Field
          label="Twilio product"
          required
          error={fields.product}
          hint={
            data.products.length
              ? 'The product your solution embeds or integrates with.'
              : 'Your company is not enrolled in a program yet, so there are no products to choose from: ask your partner manager.'
          }
        >
          {(p) => (
            <select {...p} value={v.product} onChange={set('product')}>
              <option value="">Choose a product…</option>
              {products.map((x) => (
                <option key={x.key} value={x.key}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="grid grid-2">
          {date('docs_on', 'Documentation published on', 'When the integration’s documentation went live.')}
          {date('collateral_on', 'Collateral finished on', 'When the joint marketing collateral was finalized.')}
          {date('launched_on', 'Launched on', 'Leave empty while the solution is not generally available.')}
          {date('reviewed_on', 'Solution review completed on', 'The partner solution review with Twilio, when there was one.')}
        </div>
        <div class="p-form-actions">
          <Button type="submit" busy={busy}>
            Save solution
          </Button>
          <Link to="/solutions" class="btn btn-secondary">
            Cancel
          </Link>
          <span class="spacer" />
          {editing && (
            <button type="button" class="btn btn-ghost p-danger-text" onClick={() => setConfirm(true)}>
              Delete solution
            </button>
          )}
        </div>
      </form>
      {editing && (
        <ConfirmDelete
          open={confirm}
          title="Delete this solution?"
          confirmLabel="Delete solution"
          onConfirm={remove}
          onClose={() => setConfirm(false)}
        >
          <p>
            “{s.name}” will be removed from your records and your public listing. If it counts toward a requirement, your
            scorecard changes at once. This cannot be undone.
          </p>
        </ConfirmDelete>
      )}
    </Card>
  );
}
