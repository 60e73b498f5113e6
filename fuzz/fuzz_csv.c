/*
 * Fuzz target: the RFC 4180 reader and the ';' list splitter on any bytes.
 * Every record must come back with fields inside the input or the reader's
 * scratch buffer, and the reader must always reach the end.
 */
#include "util/common.h"

#include "util/csv.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader r;
	struct csv_field *f, items[8];
	struct strbuf err = STRBUF_INIT;
	size_t n, total = 0;
	int rc;

	csv_reader_init(&r, (const char *)data, size);
	while ((rc = csv_next(&r, &f, &n, &err)) != 0) {
		if (rc > 0) {
			for (size_t i = 0; i < n; i++) {
				total += f[i].len;
				csv_split_list(f[i].ptr, f[i].len, ';', items, ARRAY_SIZE(items));
			}
		}
		strbuf_reset(&err);
		if (total > size * 4 + 1024)
			abort(); /* fields cannot add up to more than the input */
	}
	csv_reader_release(&r);
	strbuf_release(&err);
	return 0;
}
