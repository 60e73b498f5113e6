/* Unit tests for util/csv and util/file. */
#include "util/common.h"
#include "util/csv.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <setjmp.h>
#include <cmocka.h>
#include <time.h>
#include <unistd.h>

/*
 * Reads all of `len` bytes of `data` and renders each record as
 * "LINE:field|field|...\n" (fields in [] so that empty ones show), and each
 * error as "LINE:!message\n".
 */
static void render_n(struct strbuf *out, const char *data, size_t len)
{
	struct csv_reader r;
	struct strbuf err = STRBUF_INIT;
	struct csv_field *f;
	size_t nf;
	int ret;

	strbuf_reset(out);
	csv_reader_init(&r, data, len);
	assert_int_equal(csv_line(&r), 0);
	while ((ret = csv_next(&r, &f, &nf, &err)) != 0) {
		strbuf_addf(out, "%u:", csv_line(&r));
		if (ret < 0) {
			assert_int_equal(ret, -1);
			strbuf_addf(out, "!%s\n", err.buf);
			strbuf_reset(&err);
			continue;
		}
		assert_true(nf >= 1);
		for (size_t i = 0; i < nf; i++) {
			strbuf_addch(out, '[');
			strbuf_add(out, f[i].ptr, f[i].len);
			strbuf_addch(out, ']');
		}
		strbuf_addch(out, '\n');
	}
	/* end of input is sticky */
	assert_int_equal(csv_next(&r, &f, &nf, &err), 0);
	assert_int_equal(err.len, 0);
	csv_reader_release(&r);
	strbuf_release(&err);
}

#define assert_csv(input, want)                                                                    \
	do {                                                                                       \
		struct strbuf out_ = STRBUF_INIT;                                                  \
		render_n(&out_, (input), sizeof(input) - 1);                                       \
		assert_string_equal(out_.buf, (want));                                             \
		strbuf_release(&out_);                                                             \
	} while (0)

static void test_simple(void **state)
{
	assert_csv("a,b,c\n1,2,3\n", "1:[a][b][c]\n2:[1][2][3]\n");
	/* final line without newline */
	assert_csv("a,b\n1,2", "1:[a][b]\n2:[1][2]\n");
	/* single field records */
	assert_csv("x\ny\n", "1:[x]\n2:[y]\n");
	/* ragged records are returned as they are */
	assert_csv("a,b,c\n1\n1,2,3,4\n", "1:[a][b][c]\n2:[1]\n3:[1][2][3][4]\n");
	/* spaces are data */
	assert_csv(" a , b \n", "1:[ a ][ b ]\n");
}

static void test_empty_input(void **state)
{
	assert_csv("", "");
	assert_csv("\n", "");
	assert_csv("\r\n\r\n", "");
	assert_csv("\xEF\xBB\xBF", "");
	assert_csv("\xEF\xBB\xBF\n", "");
}

static void test_bom(void **state)
{
	assert_csv("\xEF\xBB\xBF"
		   "name,tier\nacme,gold\n",
		   "1:[name][tier]\n2:[acme][gold]\n");
	/* a BOM anywhere else is data; a partial BOM is data */
	assert_csv("a\n\xEF\xBB\xBF"
		   "b\n",
		   "1:[a]\n2:[\xEF\xBB\xBF"
		   "b]\n");
	assert_csv("\xEF\xBB"
		   "x\n",
		   "1:[\xEF\xBB"
		   "x]\n");
}

static void test_crlf(void **state)
{
	assert_csv("a,b\r\n1,2\r\n", "1:[a][b]\n2:[1][2]\n");
	assert_csv("a,b\r\n1,2", "1:[a][b]\n2:[1][2]\n");
	/* a lone CR at the very end is a line ending too */
	assert_csv("a,b\r", "1:[a][b]\n");
	/* mixed endings */
	assert_csv("a\r\nb\nc\r\n", "1:[a]\n2:[b]\n3:[c]\n");
	/* a CR not followed by LF is data */
	assert_csv("a\rb,c\n", "1:[a\rb][c]\n");
	assert_csv("\"q\"\r\n\"r\"\r", "1:[q]\n2:[r]\n");
}

static void test_empty_fields(void **state)
{
	assert_csv("a,,c\n", "1:[a][][c]\n");
	/* trailing comma = empty last field */
	assert_csv("a,b,\n", "1:[a][b][]\n");
	assert_csv("a,b,", "1:[a][b][]\n");
	assert_csv("a,b,\r\n", "1:[a][b][]\n");
	assert_csv(",\n", "1:[][]\n");
	assert_csv(",,", "1:[][][]\n");
	assert_csv(",a\n", "1:[][a]\n");
	/* an empty quoted field is a record, not an empty line */
	assert_csv("\"\"\n", "1:[]\n");
	assert_csv("\"\",\"\"", "1:[][]\n");
}

static void test_empty_lines(void **state)
{
	assert_csv("a\n\nb\n", "1:[a]\n3:[b]\n");
	assert_csv("\n\na\n\n\n", "3:[a]\n");
	assert_csv("a\r\n\r\n\r\nb", "1:[a]\n4:[b]\n");
	/* a line with only spaces is not empty */
	assert_csv("a\n \nb\n", "1:[a]\n2:[ ]\n3:[b]\n");
}

static void test_quoted(void **state)
{
	/* quoted comma */
	assert_csv("\"Acme, Inc.\",gold\n", "1:[Acme, Inc.][gold]\n");
	/* doubled quotes */
	assert_csv("\"say \"\"hi\"\"\",x\n", "1:[say \"hi\"][x]\n");
	assert_csv("\"\"\"\"\n", "1:[\"]\n");
	assert_csv("\"\"\"\"\"\"\n", "1:[\"\"]\n");
	assert_csv("\"a\"\"\"\n", "1:[a\"]\n");
	assert_csv("\"\"\"a\"\n", "1:[\"a]\n");
	/* several escaped fields in one record (scratch buffer may move) */
	assert_csv("\"a\"\"b\",plain,\"c\"\"d\",\"\"\"\"\n", "1:[a\"b][plain][c\"d][\"]\n");
	/* quoted fields at the end of the input */
	assert_csv("a,\"b\"", "1:[a][b]\n");
	assert_csv("a,\"b\"\"\"", "1:[a][b\"]\n");
	/* a quote inside an unquoted field is literal */
	assert_csv("ab\"c,d\n", "1:[ab\"c][d]\n");
	assert_csv(" \"x\" ,y\n", "1:[ \"x\" ][y]\n");
}

static void test_quoted_newlines(void **state)
{
	/* quoted LF and CRLF; line numbers count physical lines */
	assert_csv("h1,h2\n\"line1\nline2\",x\nnext,row\n",
		   "1:[h1][h2]\n2:[line1\nline2][x]\n4:[next][row]\n");
	assert_csv("\"a\r\nb\"\r\nc\r\n", "1:[a\r\nb]\n3:[c]\n");
	assert_csv("\"\n\n\n\"\nz\n", "1:[\n\n\n]\n5:[z]\n");
	/* a quoted newline with a doubled quote on either side */
	assert_csv("id,note\n1,\"He said \"\"go\"\"\nthen left\"\n2,ok\n",
		   "1:[id][note]\n2:[1][He said \"go\"\nthen left]\n4:[2][ok]\n");
}

static void test_errors(void **state)
{
	/* unterminated: reported at its line, reading resumes on the next line */
	assert_csv("a,b\n1,\"open\n2,3\n", "1:[a][b]\n2:!unterminated quoted field\n3:[2][3]\n");
	assert_csv("\"never closed", "1:!unterminated quoted field\n");
	assert_csv("x\n\"", "1:[x]\n2:!unterminated quoted field\n");
	/* the last record still counts after a later unterminated one */
	assert_csv("a\n\"b\"\"\n", "1:[a]\n2:!unterminated quoted field\n");

	/* junk after the closing quote: skip the rest of that line */
	assert_csv("a\n\"x\"y,z\nb\n",
		   "1:[a]\n2:!unexpected character after closing quote\n3:[b]\n");
	assert_csv("\"x\" ,z\n", "1:!unexpected character after closing quote\n");
	assert_csv("\"x\"\"\"y", "1:!unexpected character after closing quote\n");
	/* after a multi-line field: the error is at the record's first line */
	assert_csv("\"a\nb\"c\nok\n", "1:!unexpected character after closing quote\n3:[ok]\n");
	/* errors keep coming, good records in between */
	assert_csv("\"a\"b\ngood\n\"c\"d\n", "1:!unexpected character after closing quote\n"
					     "2:[good]\n"
					     "3:!unexpected character after closing quote\n");
}

static void test_error_appends_and_null_err(void **state)
{
	static const char data[] = "\"x\"y\nok\n";
	struct csv_reader r;
	struct strbuf err = STRBUF_INIT;
	struct csv_field *f;
	size_t nf;

	/* err is appended to, not reset */
	strbuf_adds(&err, "t.csv:1: ");
	csv_reader_init(&r, data, sizeof(data) - 1);
	assert_int_equal(csv_next(&r, &f, &nf, &err), -1);
	assert_string_equal(err.buf, "t.csv:1: unexpected character after closing quote");
	csv_reader_release(&r);

	/* err may be NULL */
	csv_reader_init(&r, data, sizeof(data) - 1);
	assert_int_equal(csv_next(&r, &f, &nf, NULL), -1);
	assert_int_equal(csv_next(&r, &f, &nf, NULL), 1);
	assert_int_equal(nf, 1);
	assert_int_equal(csv_line(&r), 2);
	assert_int_equal(csv_next(&r, &f, &nf, NULL), 0);
	csv_reader_release(&r);
	csv_reader_release(&r); /* twice is harmless */
	strbuf_release(&err);
}

static void test_zero_copy(void **state)
{
	static const char data[] = "plain,\"quoted\",\"esc\"\"aped\"\n";
	struct csv_reader r;
	struct csv_field *f;
	size_t nf;

	csv_reader_init(&r, data, sizeof(data) - 1);
	assert_int_equal(csv_next(&r, &f, &nf, NULL), 1);
	assert_int_equal(nf, 3);
	/* unquoted and simple quoted fields point into the input */
	assert_ptr_equal(f[0].ptr, data);
	assert_ptr_equal(f[1].ptr, data + 7);
	assert_int_equal(f[1].len, 6);
	/* an escaped field is unescaped elsewhere */
	assert_true(f[2].ptr < data || f[2].ptr >= data + sizeof(data));
	assert_memory_equal(f[2].ptr, "esc\"aped", 8);
	csv_reader_release(&r);
}

static void test_no_nul_terminator(void **state)
{
	/* the input need not be NUL-terminated: read only len bytes */
	char *data = malloc(5);

	memcpy(data, "a,\"b\"", 5);
	{
		struct strbuf out = STRBUF_INIT;

		render_n(&out, data, 5);
		assert_string_equal(out.buf, "1:[a][b]\n");
		render_n(&out, data, 4); /* cut inside the quotes */
		assert_string_equal(out.buf, "1:!unterminated quoted field\n");
		render_n(&out, data, 2);
		assert_string_equal(out.buf, "1:[a][]\n");
		strbuf_release(&out);
	}
	free(data);
}

static void test_many_fields(void **state)
{
	struct strbuf in = STRBUF_INIT;
	struct csv_reader r;
	struct csv_field *f;
	size_t nf;

	for (int i = 0; i < 1000; i++)
		strbuf_addf(&in, "%s\"f\"\"%d\"", i ? "," : "", i);
	csv_reader_init(&r, in.buf, in.len);
	assert_int_equal(csv_next(&r, &f, &nf, NULL), 1);
	assert_int_equal(nf, 1000);
	for (int i = 0; i < 1000; i++) {
		char want[16];
		int n = snprintf(want, sizeof(want), "f\"%d", i);

		assert_int_equal(f[i].len, (size_t)n);
		assert_memory_equal(f[i].ptr, want, (size_t)n);
	}
	assert_int_equal(csv_next(&r, &f, &nf, NULL), 0);
	csv_reader_release(&r);
	strbuf_release(&in);
}

static void test_split_list(void **state)
{
	struct csv_field out[4];
	const char *s = " api ; sms;;  ; voice\t;";

	assert_int_equal(csv_split_list(s, strlen(s), ';', out, 4), 3);
	assert_int_equal(out[0].len, 3);
	assert_memory_equal(out[0].ptr, "api", 3);
	assert_memory_equal(out[1].ptr, "sms", 3);
	assert_int_equal(out[2].len, 5);
	assert_memory_equal(out[2].ptr, "voice", 5);

	/* returns the total count even when fewer fit */
	s = "a;b;c;d;e;f";
	assert_int_equal(csv_split_list(s, strlen(s), ';', out, 2), 6);
	assert_memory_equal(out[0].ptr, "a", 1);
	assert_memory_equal(out[1].ptr, "b", 1);
	assert_int_equal(csv_split_list(s, strlen(s), ';', NULL, 0), 6);

	assert_int_equal(csv_split_list("", 0, ';', out, 4), 0);
	assert_int_equal(csv_split_list(NULL, 0, ';', out, 4), 0);
	assert_int_equal(csv_split_list(" ; ;", 4, ';', out, 4), 0);
	assert_int_equal(csv_split_list("one", 3, ';', out, 4), 1);
	assert_int_equal(out[0].len, 3);
	/* other separators; inner spaces stay */
	assert_int_equal(csv_split_list("x y|z", 5, '|', out, 4), 2);
	assert_int_equal(out[0].len, 3);
	assert_memory_equal(out[0].ptr, "x y", 3);
	/* only len bytes are looked at */
	assert_int_equal(csv_split_list("a;b;c", 3, ';', out, 4), 2);
}

/* Writes `len` bytes to a new temporary file; returns its path (static). */
static const char *write_temp(const char *data, size_t len)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/consort-test-csv-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static void test_file_map(void **state)
{
	static const char data[] = "\xEF\xBB\xBFh1,h2\r\n\"a,1\",b\r\n";
	struct file_map m;
	struct strbuf err = STRBUF_INIT, out = STRBUF_INIT;
	const char *path = write_temp(data, sizeof(data) - 1);

	assert_int_equal(file_map_open(&m, path, &err), 0);
	assert_int_equal(m.len, sizeof(data) - 1);
	assert_memory_equal(m.data, data, m.len);
	render_n(&out, m.data, m.len);
	assert_string_equal(out.buf, "1:[h1][h2]\n2:[a,1][b]\n");
	file_map_close(&m);
	file_map_close(&m); /* twice is harmless */
	assert_int_equal(m.len, 0);
	unlink(path);

	/* an empty file maps to an empty, non-NULL buffer */
	path = write_temp("", 0);
	assert_int_equal(file_map_open(&m, path, &err), 0);
	assert_int_equal(m.len, 0);
	assert_non_null(m.data);
	render_n(&out, m.data, m.len);
	assert_string_equal(out.buf, "");
	file_map_close(&m);
	unlink(path);
	assert_int_equal(err.len, 0);

	/* errors */
	assert_int_equal(file_map_open(&m, "/nonexistent/x.csv", &err), -1);
	assert_string_equal(err.buf, "cannot open '/nonexistent/x.csv': No such file or directory");
	file_map_close(&m);
	strbuf_reset(&err);
	assert_int_equal(file_map_open(&m, "/tmp", &err), -1);
	assert_string_equal(err.buf, "cannot open '/tmp': Is a directory");
	strbuf_reset(&err);
	assert_int_equal(file_map_open(&m, "/dev/null", &err), -1);
	assert_string_equal(err.buf, "cannot open '/dev/null': not a regular file");
	assert_int_equal(file_map_open(&m, "/nonexistent", NULL), -1);
	strbuf_release(&err);
	strbuf_release(&out);
}

static void test_file_read_all(void **state)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	char big[20000];
	const char *path;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	big[100] = '\0'; /* NUL bytes survive */
	path = write_temp(big, sizeof(big));
	strbuf_adds(&out, "prefix:");
	assert_int_equal(file_read_all(path, &out, &err), 0);
	assert_int_equal(out.len, 7 + sizeof(big));
	assert_memory_equal(out.buf, "prefix:", 7);
	assert_memory_equal(out.buf + 7, big, sizeof(big));
	assert_int_equal(out.buf[out.len], '\0');

	/* the cap: exactly at it passes, one byte less fails and keeps out */
	strbuf_release(&out);
	out.max = sizeof(big);
	assert_int_equal(file_read_all(path, &out, &err), 0);
	assert_int_equal(out.len, sizeof(big));
	strbuf_release(&out);
	out.max = sizeof(big) - 1;
	strbuf_adds(&out, "keep");
	assert_int_equal(file_read_all(path, &out, &err), -1);
	assert_string_equal(out.buf, "keep");
	assert_true(strstr(err.buf, "is too large") != NULL);
	strbuf_reset(&err);
	strbuf_release(&out);
	out.max = 0;
	unlink(path);

	/* empty file, and a non-regular file with size 0 */
	path = write_temp("", 0);
	assert_int_equal(file_read_all(path, &out, &err), 0);
	assert_int_equal(out.len, 0);
	unlink(path);
	assert_int_equal(file_read_all("/dev/null", &out, &err), 0);
	assert_int_equal(out.len, 0);

	assert_int_equal(file_read_all("/nonexistent/p.yaml", &out, &err), -1);
	assert_string_equal(err.buf,
			    "cannot open '/nonexistent/p.yaml': No such file or directory");
	strbuf_reset(&err);
	assert_int_equal(file_read_all("/tmp", &out, &err), -1);
	assert_string_equal(err.buf, "cannot open '/tmp': Is a directory");
	strbuf_release(&err);
	strbuf_release(&out);
}

/*
 * Throughput sanity check: the reader must manage well over 2 million simple
 * rows per second.  Only reported here (timing under sanitizers and loaded
 * machines is meaningless); the assertion is a generous floor.
 */
static void test_throughput(void **state)
{
	struct strbuf in = STRBUF_INIT;
	struct csv_reader r;
	struct csv_field *f;
	size_t nf, rows = 0, want = 1000000;
	struct timespec t0, t1;
	double secs;

	for (size_t i = 0; i < want; i++)
		strbuf_addf(&in, "P%05zu,2025-01-%02zu,12345.67,influence\n", i % 100000,
			    i % 28 + 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	csv_reader_init(&r, in.buf, in.len);
	while (csv_next(&r, &f, &nf, NULL) == 1) {
		assert_int_equal(nf, 4);
		rows++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	csv_reader_release(&r);
	assert_int_equal(rows, want);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("csv: %zu rows in %.3f s = %.1f M rows/s\n", rows, secs,
		      (double)rows / secs / 1e6);
	assert_true(secs < 5.0);
	strbuf_release(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_empty_lines),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_quoted_newlines),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_error_appends_and_null_err),
		cmocka_unit_test(test_zero_copy),
		cmocka_unit_test(test_no_nul_terminator),
		cmocka_unit_test(test_many_fields),
		cmocka_unit_test(test_split_list),
		cmocka_unit_test(test_file_map),
		cmocka_unit_test(test_file_read_all),
		cmocka_unit_test(test_throughput),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
