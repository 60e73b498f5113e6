// Customer success stories: drafts and published stories, and the form that
// writes, saves as a draft and submits one. A story counts toward the tier
// once it has a published date (and a URL to read it at).
import { useRef, useState } from 'preact/hooks';
import * as api from '../api.js';
import { Link, navigate } from '../router.jsx';
import { Async, Button, Card, Empty, ErrorBox, Field, PageHeader, Pill, Table, notify, useApi } from '../ui.jsx';
import { fmtDate, todayIso } from '../format.js';
import { ConfirmDelete, focusFirstError, slugify, splitErrors, usePartnerKey } from './common.jsx';

export function storyStatus(s, today = todayIso()) {
  if (!s.published_on) return { label: 'Draft', kind: 'muted', rank: 1 };
  if (s.published_on > today) return { label: `Publishes ${fmtDate(s.published_on)}`, kind: 'warn', rank: 2 };
  return { label: 'Published', kind: 'ok', rank: 3 };
}

const newButton = (
  <Link to="/stories/new" class="btn btn-primary">
    New story
  </Link>
);

export function Stories() {
  const key = usePartnerKey();
  const q = useApi(() => api.getAll(`/partners/${api.seg(key)}/stories`), [key]);
  const today = todayIso();
  return (
    <>
      <PageHeader title="Customer stories" subtitle="Success stories with your customers: published ones count toward your tier" actions={newButton} />
      <Async q={q} label="Loading your stories…">
        {(items) => {
          const published = items.filter((s) => s.published_on && s.published_on <= today).length;
          return (
            <>
              {items.length > 0 && (
                <p class="muted small">
                  {published} published, {items.length - published} not yet counting. Drafts are kept here until you submit them with
                  the story’s address and publication date.
                </p>
              )}
              <div class="table-cards">
                <Table
                  caption="Your customer stories"
                  rows={[...items].sort(
                    (a, b) => (a.published_on ? 1 : 0) - (b.published_on ? 1 : 0) || String(b.published_on || '').localeCompare(String(a.published_on || '')),
                  )}
                  empty={
                    <Empty title="No customer stories yet" icon="✦" action={newButton}>
                      Tell how a customer succeeded with your product and Twilio. Published stories are a requirement from Bronze up.
                    </Empty>
                  }
                  columns={[
                    {
                      key: 'title',
                      label: 'Title',
                      sort: true,
                      render: (s) => (
                        <span class="p-title-cell">
                          <Link to={`/stories/${api.seg(s.key)}`}>{s.title}</Link>
                        </span>
                      ),
                    },
                    { key: 'customer', label: 'Customer', sort: true, render: (s) => s.customer || '—' },
                    {
                      key: 'status',
                      label: 'Status',
                      sort: (s) => storyStatus(s, today).rank,
                      render: (s) => {
                        const st = storyStatus(s, today);
                        return <Pill kind={st.kind}>{st.label}</Pill>;
                      },
                    },
                    { key: 'published_on', label: 'Published on', sort: true, render: (s) => fmtDate(s.published_on) },
                    {
                      key: 'url',
                      label: 'Link',
                      render: (s) =>
                        /^https?:\/\//i.test(s.url || '') ? (
                          <a href={s.url} target="_blank" rel="noopener noreferrer" class="nowrap">
                            Read the story<span class="sr-only"> “{s.title}” (opens in a new tab)</span> ↗
                          </a>
                        ) : (
                          '—'
                        ),
                    },
                  ]}
                />
              </div>
            </>
          );
        }}
      </Async>
    </>
  );
}

/* ---------- the form ---------- */

const FIELDS = ['key', 'title', 'customer', 'url', 'published_on'];

async function loadForm(partnerKey, key) {
  const k = api.seg(partnerKey);
  const items = await api.getAll(`/partners/${k}/stories`);
  let story = null;
  if (key) {
    story = items.find((s) => s.key === key);
    if (!story) story = await api.get(`/partners/${k}/stories/${api.seg(key)}`);
  }
  return { taken: new Set(items.map((s) => s.key)), story };
}

export function StoryEdit({ params }) {
  const partnerKey = usePartnerKey();
  const key = params.key || null;
  const q = useApi(() => loadForm(partnerKey, key), [partnerKey, key]);
  const crumbs = (
    <>
      <Link to="/stories">Customer stories</Link> ›
    </>
  );
  if (q.error && q.error.status === 404)
    return (
      <>
        <PageHeader title="Story not found" crumbs={crumbs} />
        <Empty title="This story does not exist" icon="?" action={<Link to="/stories" class="btn btn-secondary">Back to stories</Link>}>
          It may have been deleted, or the address may be mistyped.
        </Empty>
      </>
    );
  return (
    <>
      <PageHeader
        title={key ? 'Edit story' : 'New story'}
        subtitle={key && q.data && q.data.story ? q.data.story.title : 'Save a draft as you go; submit it once it is published.'}
        crumbs={crumbs}
      />
      <Async q={q} label="Loading…">
        {(data) => <StoryForm data={data} partnerKey={partnerKey} editing={key} />}
      </Async>
    </>
  );
}

function StoryForm({ data, partnerKey, editing }) {
  const s = data.story || {};
  const [v, setV] = useState({
    title: s.title || '',
    customer: s.customer || '',
    url: s.url || '',
    published_on: s.published_on || todayIso(),
  });
  const [busy, setBusy] = useState(null); // 'draft' | 'submit'
  const [error, setError] = useState(null);
  const [confirm, setConfirm] = useState(false);
  const form = useRef(null);
  const key = editing || slugify(v.title, data.taken, 'story');
  const { fields, other } = splitErrors(error, FIELDS);
  const set = (name) => (e) => {
    setV({ ...v, [name]: e.currentTarget.value });
  };
  const wasPublished = !!s.published_on;

  const save = async (submit) => {
    const local = {};
    if (!v.title.trim()) local.title = 'Give the story a title.';
    if (submit) {
      if (!v.url.trim()) local.url = 'Add the address where the story is published.';
      else if (!/^https?:\/\/\S+$/i.test(v.url.trim())) local.url = 'Use a full web address starting with https:// or http://.';
      if (!v.published_on) local.published_on = 'Add the date the story was published.';
    } else if (v.url.trim() && !/^https?:\/\/\S+$/i.test(v.url.trim())) {
      local.url = 'Use a full web address starting with https:// or http://, or leave it empty for now.';
    }
    if (Object.keys(local).length) {
      setError({ message: Object.entries(local).map(([k, m]) => `${k}: ${m}`).join('\n'), field: Object.keys(local)[0] });
      focusFirstError(form.current);
      return;
    }
    setBusy(submit ? 'submit' : 'draft');
    setError(null);
    const body = {
      title: v.title.trim(),
      customer: v.customer.trim() || null,
      url: v.url.trim() || null,
      published_on: submit ? v.published_on : null,
    };
    try {
      await api.put(`/partners/${api.seg(partnerKey)}/stories/${api.seg(key)}`, body);
      notify(submit ? 'Story submitted: it now counts toward your tier' : 'Draft saved');
      navigate('/stories');
    } catch (err) {
      setError(err);
      setBusy(null);
      focusFirstError(form.current);
    }
  };

  const remove = async () => {
    await api.del(`/partners/${api.seg(partnerKey)}/stories/${api.seg(key)}`);
    setConfirm(false);
    notify('Story deleted');
    navigate('/stories');
  };

  return (
    <Card class="p-form">
      <form
        ref={form}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save(true);
        }}
      >
        {editing && (
          <div class={'alert ' + (wasPublished ? 'alert-ok' : 'alert-info')}>
            <div>
              {wasPublished ? (
                <>
                  <strong>Published on {fmtDate(s.published_on)}.</strong> This story counts toward your tier.
                </>
              ) : (
                <>
                  <strong>Draft.</strong> It does not count toward your tier until you submit it.
                </>
              )}
            </div>
          </div>
        )}
        {other && <ErrorBox error={other} title="The story was not saved" />}
        <Field label="Title" required error={fields.title}>
          {(p) => <input type="text" {...p} value={v.title} onInput={set('title')} maxLength={2000} autoComplete="off" />}
        </Field>
        <p class="small muted">
          Key:{' '}
          {editing || v.title.trim() ? <span class="p-key">{key}</span> : 'made from the title'}
          {editing ? '' : v.title.trim() ? ' (made from the title; it cannot be changed later)' : ''}
          {fields.key && <span class="error-text"> {fields.key}</span>}
        </p>
        <Field label="Customer" error={fields.customer} hint="The customer the story is about.">
          {(p) => <input type="text" {...p} value={v.customer} onInput={set('customer')} maxLength={2000} autoComplete="off" />}
        </Field>
        <div class="grid grid-2">
          <Field label="Story URL" error={fields.url} hint="Where the published story can be read. Needed to submit.">
            {(p) => <input type="url" {...p} value={v.url} onInput={set('url')} placeholder="https://" autoComplete="url" />}
          </Field>
          <Field label="Published on" error={fields.published_on} hint="Used when you submit; drafts have no published date.">
            {(p) => <input type="date" {...p} value={v.published_on} onInput={set('published_on')} />}
          </Field>
        </div>
        <div class="p-form-actions">
          <Button type="submit" busy={busy === 'submit'} disabled={!!busy}>
            Submit story
          </Button>
          <Button type="button" variant="secondary" busy={busy === 'draft'} disabled={!!busy} onClick={() => save(false)}>
            Save draft
          </Button>
          <Link to="/stories" class="btn btn-ghost">
            Cancel
          </Link>
          <span class="spacer" />
          {editing && (
            <button type="button" class="btn btn-ghost p-danger-text" onClick={() => setConfirm(true)}>
              Delete story
            </button>
          )}
        </div>
        {wasPublished && (
          <p class="small muted">Saving it as a draft takes it off your tier count until you submit it again.</p>
        )}
      </form>
      {editing && (
        <ConfirmDelete open={confirm} title="Delete this story?" confirmLabel="Delete story" onConfirm={remove} onClose={() => setConfirm(false)}>
          <p>
            “{s.title}” will be removed from your records{wasPublished ? ', your public listing and your tier count' : ''}. This
            cannot be undone.
          </p>
        </ConfirmDelete>
      )}
    </Card>
  );
}
