#include "util/common.h"

#include "cli/cli.h"
#include "core/governance.h"
#include "store/store.h"
#include "util/strbuf.h"

/* Runs a JSON-producing service call and prints its result; 0 or 1. */
static int show(json_t *j, enum format fmt, const struct column *cols, int ncols)
{
	if (fmt == FMT_JSON || !cols)
		print_json(j);
	else
		print_table(j, cols, ncols);
	json_decref(j);
	return 0;
}

int cmd_partner(const struct cli *c, int argc, char **argv)
{
	static const struct column list_cols[] = {{"KEY", "key"},	  {"NAME", "name"},
						  {"MOTIONS", "motions"}, {"PRODUCTS", "products"},
						  {"REGION", "region"},	  {"ACTIVE", "active"}};
	struct strbuf err = STRBUF_INIT;
	struct store *s = NULL;
	struct args a;
	enum format fmt;
	const char *sub;
	json_t *j = NULL;
	int rc = 1;

	if (args_parse(&a, c, argc, argv, "format reason on", ""))
		return EXIT_USAGE;
	if (cli_format(c, &a, FMT_TABLE, &fmt))
		return EXIT_USAGE;
	sub = a.npos ? a.pos[0] : "";
	if (!(!strcmp(sub, "list") && a.npos == 1) && !(!strcmp(sub, "show") && a.npos == 2) &&
	    !(!strcmp(sub, "deactivate") && a.npos == 2))
		return cli_usage(c, "usage: consort partner list | show KEY | deactivate KEY "
				    "--reason TEXT [--on DATE]");
	if (!strcmp(sub, "deactivate") && !args_get(&a, "reason"))
		return cli_usage(c, "deactivate needs --reason TEXT");
	if (cli_open(c, &s))
		return 1;
	if (!strcmp(sub, "list")) {
		if (!partners_list(s, &j, &err))
			rc = show(j, fmt, list_cols, (int)ARRAY_SIZE(list_cols));
	} else if (!strcmp(sub, "show")) {
		if (!partner_show(s, a.pos[1], &j, &err))
			rc = show(j, FMT_JSON, NULL, 0);
	} else {
		char on[11];
		if (cli_date(c, &a, "on", on)) {
			store_close(s);
			return EXIT_USAGE;
		}
		if (!partner_deactivate(s, a.pos[1], args_get(&a, "reason"), on, c->actor, &err)) {
			printf("deactivated %s on %s\n", a.pos[1], on);
			rc = 0;
		}
	}
	if (rc)
		cli_error(err.buf);
	strbuf_release(&err);
	store_close(s);
	return rc;
}
