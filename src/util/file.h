/*
 * Reading whole files: a read-only memory map for large inputs (CSV imports)
 * and a plain read into a strbuf for small ones (program definitions).
 *
 * Error messages are appended to `err` (when not NULL; it is not reset
 * first) in the form "cannot open 'PATH': No such file or directory".
 */
#ifndef CONSORT_FILE_H
#define CONSORT_FILE_H

#include <stddef.h>

#include "util/strbuf.h"

struct file_map {
	const char *data; /* the file's bytes, read-only; not NUL-terminated */
	size_t len;
	/* private */
	size_t map_len; /* length passed to munmap(), 0 when nothing is mapped */
};

/*
 * Maps the regular file at `path` read-only into memory.  An empty file
 * gives len 0 and a valid, non-NULL `data` (nothing is mapped).  Returns 0,
 * or -1 with a message in `err` (open, fstat or mmap failure, or `path` is
 * not a regular file), leaving `m` safe to pass to file_map_close().
 * The mapping does not change when the file is replaced by rename; if it
 * is truncated in place while mapped, reading it can raise SIGBUS.
 */
int file_map_open(struct file_map *m, const char *path, struct strbuf *err);

/* Unmaps the file and resets `m` to empty.  Safe to call more than once. */
void file_map_close(struct file_map *m);

/*
 * Appends the whole content of the file at `path` to `out` (NUL-terminated
 * as always, though the content may contain NUL bytes).  Returns 0, or -1
 * with a message in `err`, in which case `out` keeps its previous content;
 * "'PATH' is too large" when it would exceed out->max.
 */
int file_read_all(const char *path, struct strbuf *out, struct strbuf *err);

#endif
