#include "util/common.h"

#include "cli/cli.h"
#include "core/governance.h"
#include "store/store.h"
#include "util/strbuf.h"

/* consort benefits PARTNER --program P [--as-of D] [--format json|table] */
int cmd_benefits(const struct cli *c, int argc, char **argv)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s = NULL;
	struct args a;
	enum format fmt;
	char on[11];
	json_t *j;
	int rc = 1;

	if (args_parse(&a, c, argc, argv, "program as-of format", ""))
		return EXIT_USAGE;
	if (a.npos != 1 || !args_get(&a, "program"))
		return cli_usage(c, "usage: consort benefits PARTNER --program P [--as-of DATE]");
	if (cli_format(c, &a, FMT_TABLE, &fmt) || cli_date(c, &a, "as-of", on))
		return EXIT_USAGE;
	if (cli_open(c, &s))
		return 1;
	if (benefits_of(s, a.pos[0], args_get(&a, "program"), on, &j, &err) == 0) {
		if (fmt == FMT_JSON) {
			print_json(j);
		} else {
			size_t i;
			json_t *b, *r;
			char buf[64];
			printf("%s in %s, tier %s, as of %s\n\n", a.pos[0], args_get(&a, "program"),
			       cell_text(json_object_get(j, "tier"), buf, sizeof(buf)), on);
			json_array_foreach(json_object_get(j, "benefits"), i, b)
			{
				size_t k;
				printf("%-9s %s", json_string_value(json_object_get(b, "status")),
				       json_string_value(json_object_get(b, "name")));
				json_array_foreach(json_object_get(b, "reasons"), k, r)
					printf("%s%s", k ? "; " : " (", json_string_value(r));
				printf("%s\n",
				       json_array_size(json_object_get(b, "reasons")) ? ")" : "");
			}
		}
		json_decref(j);
		rc = 0;
	} else {
		cli_error(err.buf);
	}
	strbuf_release(&err);
	store_close(s);
	return rc;
}
