/*
 * RFC 4180 CSV reader over an in-memory buffer (typically a file_map).
 *
 * Fields are returned as (pointer, length) slices.  Unquoted fields, and
 * quoted fields without doubled quotes, point straight into the input
 * (zero-copy); only a quoted field containing "" is unescaped into a scratch
 * buffer owned by the reader.  Either way a slice is valid only until the
 * next csv_next() or csv_reader_release(), and is not NUL-terminated.
 *
 * Accepted input:
 *  - fields separated by ',', records ended by LF, CRLF or the end of input
 *    (the last record needs no line ending);
 *  - quoted fields ("...") holding commas, CR, LF and doubled quotes ("");
 *  - a UTF-8 byte order mark at the very start (skipped);
 *  - completely empty lines (skipped: they are not records);
 *  - a '"' inside an unquoted field (a"b) is taken literally, as is a CR
 *    not followed by LF.
 * Records may have different field counts; checking them is the caller's job.
 */
#ifndef CONSORT_CSV_H
#define CONSORT_CSV_H

#include <stddef.h>

#include "util/strbuf.h"

struct csv_field {
	const char *ptr;
	size_t len;
};

/* Where a field unescaped into the scratch buffer lives (private). */
struct csv_fixup {
	size_t field;
	size_t offset;
};

/* Everything in here is private: use the functions below. */
struct csv_reader {
	const char *data;
	size_t len;
	size_t pos;
	unsigned line;	      /* physical line at pos, 1-based */
	unsigned record_line; /* line where the last returned record started */
	struct strbuf scratch;
	struct csv_field *fields;
	size_t fields_alloc;
	struct csv_fixup *fixups;
	size_t fixups_nr, fixups_alloc;
};

/*
 * Prepares `r` to read the `len` bytes at `data`, which must stay valid and
 * unchanged until csv_reader_release().  A leading UTF-8 BOM is skipped.
 */
void csv_reader_init(struct csv_reader *r, const char *data, size_t len);

/* Frees the reader's buffers.  The input itself is the caller's. */
void csv_reader_release(struct csv_reader *r);

/*
 * Reads the next record.  Returns:
 *   1  with *fields and *nfields (at least 1) set; the array and the slices
 *      are valid until the next call;
 *   0  at the end of input;
 *  -1  on a malformed record, appending a message to `err` (when not NULL;
 *      it is not reset first): "unterminated quoted field" or "unexpected
 *      character after closing quote".  The reader has then skipped to the
 *      next line (for an unterminated quote, the line after the one where the
 *      record started), so the caller can carry on and collect more errors.
 * csv_line() gives the line of the returned or malformed record.
 */
int csv_next(struct csv_reader *r, struct csv_field **fields, size_t *nfields, struct strbuf *err);

/*
 * The 1-based physical line where the record last returned by csv_next()
 * (or rejected by it) started; a record with quoted newlines spans several
 * lines and is reported at its first.  0 before the first call.
 */
unsigned csv_line(const struct csv_reader *r);

/*
 * Splits `len` bytes of `s` at each `sep` (e.g. "api; sms ;;voice" with ';'),
 * trims ASCII whitespace around each item and drops items left empty.  Stores
 * the first `max` items in `out` (slices into `s`) and returns how many items
 * there are in total, which may be more than `max`.
 */
size_t csv_split_list(const char *s, size_t len, char sep, struct csv_field *out, size_t max);

#endif
