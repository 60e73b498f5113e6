#include "util/common.h"

#include <unistd.h>

#include "cli/cli.h"
#include "core/programs.h"
#include "store/store.h"
#include "util/strbuf.h"

/* consort init: creates the database and loads the bundled programs. */
int cmd_init(const struct cli *c, int argc, char **argv)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s = NULL;
	struct args a;
	bool existed;
	int rc = 1;

	if (args_parse(&a, c, argc, argv, "", ""))
		return EXIT_USAGE;
	if (a.npos)
		return cli_usage(c, "unexpected argument '%s'", a.pos[0]);
	existed = access(c->db_path, F_OK) == 0;
	if (store_open(&s, c->db_path, true, &err))
		goto out;
	if (store_begin(s, &err) || programs_install_bundled(s, &err) || store_commit(s, &err)) {
		store_rollback(s);
		goto out;
	}
	printf("%s %s (schema version %d) with %zu bundled programs\n",
	       existed ? "updated" : "created", c->db_path, store_schema_version(s),
	       bundled_programs_count);
	rc = 0;
out:
	if (rc)
		cli_error(err.buf);
	store_close(s);
	strbuf_release(&err);
	return rc;
}
