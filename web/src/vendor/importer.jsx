// Import: upload a CSV file of one kind of record (docs/import.md). All or
// nothing: either every row is imported, or none and every problem is listed
// by line and column.
import { useRef, useState } from 'preact/hooks';
import * as api from '../api.js';
import { Link } from '../router.jsx';
import { plural } from '../format.js';
import { Button, Card, ErrorBox, Field, PageHeader, notify, TableWrap } from '../ui.jsx';
import { forget } from './common.jsx';

// The columns of each kind, as docs/import.md gives them (required first).
const KINDS = [
  { kind: 'partners', label: 'Partners', required: ['key', 'name', 'motions', 'products'], optional: ['domain', 'region'], key: 'key', note: 'motions and products are ;-separated keys (integrate;connect).' },
  { kind: 'enrollments', label: 'Enrollments', required: ['partner', 'program', 'tier', 'since'], optional: ['invited'], key: 'partner, program', note: 'invited: the tiers the partner is invited to, e.g. silver.' },
  { kind: 'agreements', label: 'Agreements', required: ['partner', 'agreement', 'signed_on'], optional: ['expires_on'], key: 'partner, agreement' },
  { kind: 'solutions', label: 'Solutions', required: ['partner', 'key', 'name', 'product'], optional: ['launched_on', 'docs_on', 'collateral_on', 'reviewed_on'], key: 'partner, key' },
  { kind: 'stories', label: 'Customer stories', required: ['partner', 'key', 'title'], optional: ['customer', 'published_on', 'url'], key: 'partner, key' },
  {
    kind: 'deals',
    label: 'Deals',
    required: ['key', 'partner', 'account', 'product', 'type', 'stage', 'arr_usd'],
    optional: ['closed_on'],
    key: 'key',
    note: 'type: new, upsell, renewal or professional_services; stage: closed_won, closed_lost or open; closed_on is required when closed.',
  },
  { kind: 'spend', label: 'Spend', required: ['partner', 'month', 'amount_usd'], optional: [], key: 'partner, month', note: 'month is YYYY-MM: the direct Twilio spend of embed partners.' },
  { kind: 'commits', label: 'Commits', required: ['partner', 'key', 'tcv_usd', 'signed_on', 'start_on', 'end_on'], optional: [], key: 'partner, key' },
  { kind: 'support', label: 'Support plans', required: ['partner', 'plan', 'start_on'], optional: ['end_on'], key: 'partner, plan, start_on' },
  { kind: 'mapping', label: 'Account mapping', required: ['partner', 'enabled_on'], optional: ['disabled_on'], key: 'partner, enabled_on', note: 'Automated account mapping in place.' },
  { kind: 'plans', label: 'GTM business plans', required: ['partner', 'program', 'year', 'approved_on'], optional: [], key: 'partner, program, year' },
  { kind: 'activity', label: 'Activity', required: ['partner', 'on', 'kind'], optional: [], key: 'partner, on, kind', note: 'kind: an engagement event such as login, registration, training.' },
];

/** "deals.csv:3: arr_usd: invalid amount" -> { file, line, column, message }. */
export function parseProblem(text) {
  const m = /^(.*?):(\d+): (?:([A-Za-z_][A-Za-z0-9_]*): )?(.*)$/.exec(text);
  if (!m) return { file: null, line: null, column: null, message: text };
  return { file: m[1], line: +m[2], column: m[3] || null, message: m[4] };
}

/** POST /api/v1/imports/{kind} as multipart (part "file"); a 422 carries the report in problems. */
function upload(kind, file) {
  const fd = new FormData();
  fd.append('file', file, file.name);
  return api.post(`/imports/${api.seg(kind)}`, fd);
}

function Columns({ spec }) {
  return (
    <div class="columns-help">
      <p class="small">
        <strong>Columns</strong> (in any order; <strong>bold</strong> ones are required):
      </p>
      <ul class="column-list">
        {spec.required.map((c) => (
          <li key={c}>
            <code class="col-required">{c}</code>
          </li>
        ))}
        {spec.optional.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p class="small muted">
        Rows with the same {spec.key} update the existing record. {spec.note}
      </p>
    </div>
  );
}

function Report({ error, fileName }) {
  const problems = (error.problems || []).map(parseProblem);
  const lines = new Set(problems.filter((p) => p.line).map((p) => p.line));
  return (
    <div class="alert alert-error import-report" role="alert">
      <div>
        <strong>Nothing was imported.</strong>
        <p>{error.message}</p>
        {problems.length > 0 && (
          <>
            <p class="small">
              {plural(problems.length, 'problem')}
              {lines.size ? ` on ${plural(lines.size, 'line')}` : ''} of {fileName}. Fix them and import the file again.
            </p>
            <TableWrap label={`Problems found in ${fileName}`}>
              <table class="table table-compact">
                <caption class="sr-only">Problems found in {fileName}</caption>
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      Line
                    </th>
                    <th scope="col">Column</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.map((p, i) => (
                    <tr key={i}>
                      <td class="num">{p.line ?? '—'}</td>
                      <td>{p.column ? <code>{p.column}</code> : <span class="muted">—</span>}</td>
                      <td>{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </div>
    </div>
  );
}

export function Import() {
  const [kind, setKind] = useState('partners');
  const [file, setFile] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  const input = useRef(null);
  const spec = KINDS.find((k) => k.kind === kind);

  const submit = async (e) => {
    e.preventDefault();
    setDone(null);
    if (!file) {
      setError({ field: 'file', message: 'Choose a CSV file to import.' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await upload(kind, file);
      setBusy(false);
      setDone({ ...res, fileName: file.name, label: spec.label });
      forget('partner-names');
      forget('regions');
      forget('program-choices');
      notify(`Imported ${plural(res.rows, 'row')} of ${spec.label.toLowerCase()}.`);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  };

  return (
    <>
      <PageHeader title="Import" subtitle="Load partner records from a CSV file. Every row is checked first: either the whole file is imported, or nothing is." />
      <div class="grid import-grid">
        <Card title="Upload" id="upload-title">
          <form onSubmit={submit} noValidate>
            <Field label="Kind" hint="What the file holds.">
              {(p) => (
                <select
                  {...p}
                  value={kind}
                  onChange={(e) => {
                    setKind(e.target.value);
                    setError(null);
                    setDone(null);
                  }}
                >
                  {KINDS.map((k) => (
                    <option key={k.kind} value={k.kind}>
                      {k.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="CSV file" required error={error && error.field === 'file' && !error.status ? error.message : null} hint="UTF-8, a header row naming the columns, comma-separated.">
              {(p) => (
                <input
                  {...p}
                  ref={input}
                  type="file"
                  accept=".csv,text/csv"
                  onChange={(e) => {
                    setFile(e.target.files[0] || null);
                    setError(null);
                    setDone(null);
                  }}
                />
              )}
            </Field>
            <div class="form-actions form-actions-left">
              <Button type="submit" busy={busy}>
                Validate and import
              </Button>
            </div>
          </form>
          {busy && (
            <p class="muted small" role="status">
              Checking every row of {file && file.name}…
            </p>
          )}
          {done && (
            <div class="alert alert-ok" role="status">
              <div>
                <strong>
                  Imported {plural(done.rows, 'row')} of {done.label.toLowerCase()}
                </strong>{' '}
                from {done.fileName}.
                {done.kind === 'partners' && (
                  <>
                    {' '}
                    <Link to="/partners">See the partners</Link>.
                  </>
                )}
              </div>
            </div>
          )}
          {error && error.status === 422 ? (
            <Report error={error} fileName={file ? file.name : 'the file'} />
          ) : (
            error && error.status !== undefined && <ErrorBox error={error} title="The file was not imported" />
          )}
        </Card>
        <Card title={`${spec.label}: the file`} id="help-title">
          <Columns spec={spec} />
          <p class="small muted">
            Dates are YYYY-MM-DD; money is US dollars with at most two decimals (125000, 220000.50), without $ or thousands separators. Lists are
            ;-separated. Import partners first, then what refers to them.
          </p>
        </Card>
      </div>
    </>
  );
}
