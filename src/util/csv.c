#include "util/common.h"
#include "util/alloc.h"
#include "util/csv.h"

void csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->data = data;
	r->len = len;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		r->pos = 3;
	r->line = 1;
	strbuf_init(&r->scratch, 0);
}

void csv_reader_release(struct csv_reader *r)
{
	strbuf_release(&r->scratch);
	free(r->fields);
	free(r->fixups);
	r->fields = NULL;
	r->fixups = NULL;
	r->fields_alloc = r->fixups_alloc = r->fixups_nr = 0;
}

unsigned csv_line(const struct csv_reader *r)
{
	return r->record_line;
}

/* Moves pos past the end of the current physical line (or to the end). */
static void skip_line(struct csv_reader *r)
{
	const char *nl = memchr(r->data + r->pos, '\n', r->len - r->pos);

	if (nl) {
		r->pos = (size_t)(nl - r->data) + 1;
		r->line++;
	} else {
		r->pos = r->len;
	}
}

static int fail(struct strbuf *err, const char *msg)
{
	if (err)
		strbuf_adds(err, msg);
	return -1;
}

/* Counts '\n' bytes in [p, end). */
static unsigned count_newlines(const char *p, const char *end)
{
	unsigned n = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		n++;
		p++;
	}
	return n;
}

/*
 * Reads the quoted field whose opening quote is at pos into *f.  Returns 0
 * with pos just after the closing quote, or -1 if the input ends first.
 */
static int read_quoted(struct csv_reader *r, size_t idx, struct csv_field *f)
{
	const char *data = r->data, *end = data + r->len;
	const char *seg = data + r->pos + 1;
	bool escaped = false;
	size_t off = 0;

	for (;;) {
		const char *q = memchr(seg, '"', (size_t)(end - seg));

		if (!q)
			return -1;
		r->line += count_newlines(seg, q);
		if (q + 1 < end && q[1] == '"') {
			/* A doubled quote: copy up to and including one quote. */
			if (!escaped) {
				escaped = true;
				off = r->scratch.len;
			}
			strbuf_add(&r->scratch, seg, (size_t)(q + 1 - seg));
			seg = q + 2;
			continue;
		}
		if (escaped) {
			strbuf_add(&r->scratch, seg, (size_t)(q - seg));
			/* scratch may move while the record is read: point at it at the end */
			ALLOC_GROW(r->fixups, r->fixups_nr + 1, r->fixups_alloc);
			r->fixups[r->fixups_nr].field = idx;
			r->fixups[r->fixups_nr].offset = off;
			r->fixups_nr++;
			f->ptr = NULL;
			f->len = r->scratch.len - off;
		} else {
			f->ptr = seg;
			f->len = (size_t)(q - seg);
		}
		r->pos = (size_t)(q + 1 - data);
		return 0;
	}
}

int csv_next(struct csv_reader *r, struct csv_field **fields, size_t *nfields, struct strbuf *err)
{
	const char *data = r->data;
	const size_t len = r->len;
	size_t pos = r->pos, start, nf = 0;

	/* Skip empty lines (LF, CRLF, or a lone CR at the very end). */
	while (pos < len) {
		if (data[pos] == '\n') {
			pos++;
			r->line++;
		} else if (data[pos] == '\r' && (pos + 1 == len || data[pos + 1] == '\n')) {
			pos++;
		} else {
			break;
		}
	}
	r->pos = pos;
	if (pos >= len)
		return 0;

	r->record_line = r->line;
	strbuf_reset(&r->scratch);
	r->fixups_nr = 0;
	start = pos;

	for (;;) {
		struct csv_field *f;
		char c;

		ALLOC_GROW(r->fields, nf + 1, r->fields_alloc);
		f = &r->fields[nf];

		if (pos < len && data[pos] == '"') {
			r->pos = pos;
			if (read_quoted(r, nf, f) < 0) {
				/* Resume on the line after the one where the record started. */
				r->pos = start;
				r->line = r->record_line;
				skip_line(r);
				return fail(err, "unterminated quoted field");
			}
			pos = r->pos;
			if (pos < len && data[pos] != ',' && data[pos] != '\n' &&
			    !(data[pos] == '\r' && (pos + 1 == len || data[pos + 1] == '\n'))) {
				skip_line(r);
				return fail(err, "unexpected character after closing quote");
			}
		} else {
			size_t fstart = pos;

			while (pos < len) {
				c = data[pos];
				if (c == ',' || c == '\n')
					break;
				if (c == '\r' && (pos + 1 == len || data[pos + 1] == '\n'))
					break;
				pos++;
			}
			f->ptr = data + fstart;
			f->len = pos - fstart;
		}
		nf++;

		if (pos >= len)
			break;
		c = data[pos++];
		if (c == ',')
			continue;
		if (c == '\r')
			pos++; /* the LF of CRLF, or past the end for a final lone CR */
		r->line++;
		break;
	}
	if (pos > len)
		pos = len;
	r->pos = pos;

	for (size_t i = 0; i < r->fixups_nr; i++)
		r->fields[r->fixups[i].field].ptr = r->scratch.buf + r->fixups[i].offset;
	*fields = r->fields;
	*nfields = nf;
	return 1;
}

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

size_t csv_split_list(const char *s, size_t len, char sep, struct csv_field *out, size_t max)
{
	size_t count = 0, i = 0;

	while (i <= len) {
		const char *item = s + i;
		const char *end = i < len ? memchr(item, sep, len - i) : NULL;
		size_t n = end ? (size_t)(end - item) : len - i;

		i += n + 1;
		while (n && is_space(item[n - 1]))
			n--;
		while (n && is_space(*item)) {
			item++;
			n--;
		}
		if (!n)
			continue;
		if (count < max) {
			out[count].ptr = item;
			out[count].len = n;
		}
		count++;
	}
	return count;
}
