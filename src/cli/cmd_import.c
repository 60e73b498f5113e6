#include "util/common.h"

#include "cli/cli.h"
#include "core/import.h"
#include "store/store.h"
#include "util/file.h"
#include "util/strbuf.h"

/* consort import KIND FILE */
int cmd_import(const struct cli *c, int argc, char **argv)
{
	struct strbuf err = STRBUF_INIT;
	struct import_report rep;
	struct file_map m;
	struct store *s = NULL;
	struct args a;
	int rc = 1;

	if (args_parse(&a, c, argc, argv, "", ""))
		return EXIT_USAGE;
	if (a.npos != 2)
		return cli_usage(c, "usage: consort import KIND FILE (KIND: partners, enrollments, "
				    "agreements, solutions, stories, deals, spend, commits, "
				    "support, mapping, plans, activity)");
	if (!import_columns(a.pos[0])) {
		import_csv(NULL, a.pos[0], a.pos[1], "", 0, c->actor, &rep, &err);
		cli_error(err.buf);
		strbuf_release(&err);
		return EXIT_USAGE;
	}
	if (file_map_open(&m, a.pos[1], &err)) {
		cli_error(err.buf);
		strbuf_release(&err);
		return 1;
	}
	if (cli_open(c, &s)) {
		file_map_close(&m);
		return 1;
	}
	store_tune_bulk(s);
	if (import_csv(s, a.pos[0], a.pos[1], m.data, m.len, c->actor, &rep, &err)) {
		cli_error(err.buf);
		if (rep.rows)
			fprintf(stderr, "consort: %zu of %zu rows are bad; nothing was imported\n",
				rep.errors, rep.rows);
	} else {
		printf("imported %zu %s from %s\n", rep.rows, a.pos[0], a.pos[1]);
		rc = 0;
	}
	strbuf_release(&err);
	store_close(s);
	file_map_close(&m);
	return rc;
}
