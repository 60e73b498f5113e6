/*
 * Runs a fuzz target over files (the seed corpus) without libFuzzer, so the
 * targets build with gcc and the corpus is replayed under ASan+UBSan by
 * `make test`. Usage: replay-TARGET FILE...
 */
#include "util/common.h"

#include "util/file.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	struct strbuf buf = STRBUF_INIT, err = STRBUF_INIT;

	for (int i = 1; i < argc; i++) {
		strbuf_reset(&buf);
		if (file_read_all(argv[i], &buf, &err)) {
			fprintf(stderr, "%s\n", err.buf);
			return 1;
		}
		/* A private copy, so reads past the end are caught by ASan. */
		{
			uint8_t *copy = malloc(buf.len ? buf.len : 1);
			if (!copy)
				return 1;
			memcpy(copy, buf.buf, buf.len);
			LLVMFuzzerTestOneInput(copy, buf.len);
			free(copy);
		}
	}
	printf("replayed %d inputs\n", argc - 1);
	strbuf_release(&buf);
	strbuf_release(&err);
	return 0;
}
