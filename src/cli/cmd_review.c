#include "util/common.h"

#include "cli/cli.h"
#include "core/governance.h"
#include "store/store.h"
#include "util/strbuf.h"

/* consort review inactive --program P --quarter 2025Q1 */
int cmd_review(const struct cli *c, int argc, char **argv)
{
	static const struct column cols[] = {{"PARTNER", "partner"},
					     {"NAME", "name"},
					     {"SINCE", "since"},
					     {"LAST ACTIVITY", "last_activity"}};
	struct strbuf err = STRBUF_INIT;
	struct store *s = NULL;
	struct args a;
	enum format fmt;
	json_t *j;
	int rc = 1;

	if (args_parse(&a, c, argc, argv, "program quarter format", ""))
		return EXIT_USAGE;
	if (a.npos != 1 || strcmp(a.pos[0], "inactive") || !args_get(&a, "program") ||
	    !args_get(&a, "quarter"))
		return cli_usage(c, "usage: consort review inactive --program P --quarter YYYYQn");
	if (cli_format(c, &a, FMT_TABLE, &fmt))
		return EXIT_USAGE;
	if (cli_open(c, &s))
		return 1;
	if (review_inactive(s, args_get(&a, "program"), args_get(&a, "quarter"), &j, &err) == 0) {
		if (fmt == FMT_JSON) {
			print_json(j);
		} else {
			json_t *w = json_object_get(j, "window");
			printf("%s partners of %s with no activity from %s to %s:\n\n",
			       json_string_value(json_object_get(j, "tier")),
			       args_get(&a, "program"),
			       json_string_value(json_object_get(w, "from")),
			       json_string_value(json_object_get(w, "to")));
			print_table(json_object_get(j, "inactive"), cols, (int)ARRAY_SIZE(cols));
			printf("\nto deactivate one: consort partner deactivate KEY --reason "
			       "TEXT\n");
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
