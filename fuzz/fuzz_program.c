/*
 * Fuzz target: the program definition parser on any bytes. A parse either
 * succeeds with a program or fails with at least one "name:LINE: ..." message.
 */
#include "util/common.h"

#include "engine/program.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf err = STRBUF_INIT;
	struct program *p = NULL;

	if (program_parse("fuzz.yaml", (const char *)data, size, &p, &err) == 0) {
		if (!p || p->ntiers < 1)
			abort();
		program_free(p);
	} else if (p || strncmp(err.buf, "fuzz.yaml:", 10)) {
		abort();
	}
	strbuf_release(&err);
	return 0;
}
