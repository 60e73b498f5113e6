#include "util/common.h"

#include "cli/cli.h"
#include "core/governance.h"
#include "store/store.h"
#include "util/strbuf.h"

static int parse_id(const struct cli *c, const char *s, int64_t *id)
{
	char *end;

	errno = 0;
	*id = strtoll(s, &end, 10);
	if (errno || *end || end == s || *id <= 0)
		return cli_usage(c, "invalid proposal id '%s': expected a positive number", s), -1;
	return 0;
}

int cmd_tier(const struct cli *c, int argc, char **argv)
{
	static const struct column proposal_cols[] = {
		{"ID", "id"},		{"PARTNER", "partner"},
		{"PROGRAM", "program"}, {"FROM", "from_tier"},
		{"TO", "to_tier"},	{"MODE", "mode"},
		{"STATUS", "status"},	{"GAP TO NEXT TIER", "next_tier.gap"}};
	static const struct column history_cols[] = {
		{"EFFECTIVE", "effective_on"}, {"PROGRAM", "program"},
		{"FROM", "from_tier"},	       {"TO", "to_tier"},
		{"BY", "changed_by"},	       {"SOURCE", "source"},
		{"REASON", "reason"}};
	struct strbuf err = STRBUF_INIT;
	struct store *s = NULL;
	struct args a;
	enum format fmt;
	const char *sub;
	json_t *j = NULL;
	char on[11];
	int64_t id = 0;
	int rc = 1;

	if (args_parse(&a, c, argc, argv, "format program reason status effective", ""))
		return EXIT_USAGE;
	if (cli_format(c, &a, FMT_TABLE, &fmt) || cli_date(c, &a, "effective", on))
		return EXIT_USAGE;
	sub = a.npos ? a.pos[0] : "";
	if (!strcmp(sub, "proposals") && a.npos == 1) {
		const char *st = args_get(&a, "status");
		if (!st)
			st = "pending";
		if (strcmp(st, "pending") && strcmp(st, "approved") && strcmp(st, "rejected") &&
		    strcmp(st, "superseded") && strcmp(st, "all"))
			return cli_usage(c,
					 "invalid --status '%s': expected pending, approved, "
					 "rejected, superseded or all",
					 st);
		if (cli_open(c, &s))
			return 1;
		if (!tier_proposals(s, strcmp(st, "all") ? st : NULL, args_get(&a, "program"), &j,
				    &err)) {
			if (fmt == FMT_JSON)
				print_json(j);
			else
				print_table(j, proposal_cols, (int)ARRAY_SIZE(proposal_cols));
			json_decref(j);
			rc = 0;
		}
	} else if ((!strcmp(sub, "approve") || !strcmp(sub, "reject")) && a.npos == 2) {
		if (parse_id(c, a.pos[1], &id))
			return EXIT_USAGE;
		if (cli_open(c, &s))
			return 1;
		if (!strcmp(sub, "approve") ? !tier_approve(s, id, c->actor, on, &err)
					    : !tier_reject(s, id, c->actor, &err)) {
			printf("proposal %" PRId64 " %s\n", id,
			       !strcmp(sub, "approve") ? "approved" : "rejected");
			rc = 0;
		}
	} else if (!strcmp(sub, "set") && a.npos == 3) {
		if (!args_get(&a, "program") || !args_get(&a, "reason"))
			return cli_usage(c, "usage: consort tier set PARTNER TIER --program P "
					    "--reason TEXT [--effective DATE]");
		if (cli_open(c, &s))
			return 1;
		if (!tier_set(s, a.pos[1], args_get(&a, "program"), a.pos[2],
			      args_get(&a, "reason"), c->actor, on, &err)) {
			printf("%s is now %s in %s (effective %s)\n", a.pos[1], a.pos[2],
			       args_get(&a, "program"), on);
			rc = 0;
		}
	} else if (!strcmp(sub, "history") && a.npos == 2) {
		if (cli_open(c, &s))
			return 1;
		if (!tier_history(s, a.pos[1], &j, &err)) {
			if (fmt == FMT_JSON)
				print_json(j);
			else
				print_table(j, history_cols, (int)ARRAY_SIZE(history_cols));
			json_decref(j);
			rc = 0;
		}
	} else {
		return cli_usage(c, "usage: consort tier proposals [--program P] [--status S] | "
				    "approve ID | reject ID | set PARTNER TIER --program P "
				    "--reason TEXT | history PARTNER");
	}
	if (rc)
		cli_error(err.buf);
	strbuf_release(&err);
	store_close(s);
	return rc;
}
