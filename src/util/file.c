#include "util/common.h"
#include "util/file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int file_error(struct strbuf *err, const char *what, const char *path, int errnum)
{
	if (err)
		strbuf_addf(err, "%s '%s': %s", what, path, strerror(errnum));
	return -1;
}

int file_map_open(struct file_map *m, const char *path, struct strbuf *err)
{
	struct stat st;
	void *p;
	int fd, errnum;

	m->data = "";
	m->len = m->map_len = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return file_error(err, "cannot open", path, errno);
	if (fstat(fd, &st) < 0) {
		errnum = errno;
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		errnum = EISDIR;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		if (err)
			strbuf_addf(err, "cannot open '%s': not a regular file", path);
		return -1;
	}
	if ((uintmax_t)st.st_size > SIZE_MAX) {
		errnum = EFBIG;
		goto fail;
	}
	if (st.st_size == 0) {
		close(fd);
		return 0;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		errnum = errno;
		goto fail;
	}
	close(fd);
	/* Imports read the file once, front to back. */
	madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
	m->data = p;
	m->len = m->map_len = (size_t)st.st_size;
	return 0;

fail:
	close(fd);
	return file_error(err, "cannot open", path, errnum);
}

void file_map_close(struct file_map *m)
{
	if (m->map_len)
		munmap((void *)m->data, m->map_len);
	m->data = "";
	m->len = m->map_len = 0;
}

int file_read_all(const char *path, struct strbuf *out, struct strbuf *err)
{
	size_t oldlen = out->len;
	struct stat st;
	int fd, errnum = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return file_error(err, "cannot open", path, errno);
	if (fstat(fd, &st) < 0) {
		errnum = errno;
		goto fail_open;
	}
	if (S_ISDIR(st.st_mode)) {
		errnum = EISDIR;
		goto fail_open;
	}
	/*
	 * The size is only a hint (pipes and /proc files report 0, a file can
	 * grow meanwhile): read until EOF.  One spare byte lets the final
	 * zero-length read happen without growing again.
	 */
	if (S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 2) {
		size_t size = (size_t)st.st_size;

		if (strbuf_grow(out, size + 1) < 0 && strbuf_grow(out, size) < 0)
			goto too_large;
	}
	for (;;) {
		size_t want;
		ssize_t n;

		if (out->max && out->len >= out->max) {
			/* At the cap: fine only if the file ends here. */
			char probe;

			n = read(fd, &probe, 1);
			if (n > 0)
				goto too_large;
		} else {
			if (strbuf_avail(out) < 4096) {
				want = 8192;
				if (out->max && want > out->max - out->len)
					want = out->max - out->len;
				strbuf_grow(out, want);
			}
			want = strbuf_avail(out);
			if (out->max && want > out->max - out->len)
				want = out->max - out->len;
			n = read(fd, out->buf + out->len, want);
			if (n > 0)
				strbuf_setlen(out, out->len + (size_t)n);
		}
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			errnum = errno;
			goto fail_read;
		}
	}
	close(fd);
	return 0;

too_large:
	close(fd);
	strbuf_setlen(out, oldlen);
	if (err)
		strbuf_addf(err, "'%s' is too large", path);
	return -1;
fail_read:
	close(fd);
	strbuf_setlen(out, oldlen);
	return file_error(err, "cannot read", path, errnum);
fail_open:
	close(fd);
	return file_error(err, "cannot open", path, errnum);
}
