#include "util/common.h"

#include <unistd.h>

#include "cli/cli.h"
#include "core/accounts.h"
#include "store/store.h"
#include "util/strbuf.h"

/* Reads one line (the password) from stdin, without its newline. */
static int read_password(struct strbuf *out)
{
	int ch;

	if (isatty(STDIN_FILENO))
		fprintf(stderr, "password: ");
	while ((ch = getchar()) != EOF && ch != '\n')
		if (strbuf_addch(out, ch))
			return -1;
	if (out->len && out->buf[out->len - 1] == '\r')
		strbuf_setlen(out, out->len - 1);
	return 0;
}

/* consort user add EMAIL --role ROLE [--partner KEY] [--password-stdin] | list */
int cmd_user(const struct cli *c, int argc, char **argv)
{
	static const struct column cols[] = {{"ID", "id"},
					     {"EMAIL", "email"},
					     {"ROLE", "role"},
					     {"PARTNER", "partner"},
					     {"ACTIVE", "active"}};
	struct strbuf err = STRBUF_INIT, pw = STRBUF_INIT_MAX(1024);
	struct store *s = NULL;
	struct args a;
	enum format fmt;
	int rc = 1;

	if (args_parse(&a, c, argc, argv, "role partner format", "password-stdin"))
		return EXIT_USAGE;
	if (cli_format(c, &a, FMT_TABLE, &fmt))
		return EXIT_USAGE;
	if (a.npos == 1 && !strcmp(a.pos[0], "list")) {
		json_t *j;
		if (cli_open(c, &s))
			return 1;
		if (!users_list(s, 0, &j, &err)) {
			if (fmt == FMT_JSON)
				print_json(j);
			else
				print_table(j, cols, (int)ARRAY_SIZE(cols));
			json_decref(j);
			rc = 0;
		}
	} else if (a.npos == 2 && !strcmp(a.pos[0], "add") && args_get(&a, "role")) {
		int64_t id;
		if (args_flag(&a, "password-stdin") && read_password(&pw))
			return cli_usage(c, "password too long");
		if (cli_open(c, &s))
			return 1;
		if (!user_add(s, a.pos[1], args_get(&a, "role"), args_get(&a, "partner"),
			      pw.len || args_flag(&a, "password-stdin") ? pw.buf : NULL, c->actor,
			      &id, NULL, &err)) {
			printf("added user %" PRId64 " %s (%s)%s\n", id, a.pos[1],
			       args_get(&a, "role"),
			       args_flag(&a, "password-stdin") ? ""
							       : "; no password yet: set one with "
								 "--password-stdin");
			rc = 0;
		}
	} else {
		return cli_usage(c, "usage: consort user add EMAIL --role ROLE [--partner KEY] "
				    "[--password-stdin] | user list");
	}
	if (rc)
		cli_error(err.buf);
	strbuf_release(&pw);
	strbuf_release(&err);
	store_close(s);
	return rc;
}

/* consort audit [--entity E] [--limit N] [--format json|table] */
int cmd_audit(const struct cli *c, int argc, char **argv)
{
	static const struct column cols[] = {{"ID", "id"},	   {"AT", "at"},
					     {"ACTOR", "actor"},   {"ACTION", "action"},
					     {"ENTITY", "entity"}, {"KEY", "key"}};
	struct strbuf err = STRBUF_INIT;
	struct store *s;
	struct args a;
	enum format fmt;
	const char *l;
	long limit = 100;
	int64_t last;
	json_t *j;
	int rc = 1;

	if (args_parse(&a, c, argc, argv, "entity limit format", ""))
		return EXIT_USAGE;
	if (a.npos)
		return cli_usage(c, "unexpected argument '%s'", a.pos[0]);
	if (cli_format(c, &a, FMT_TABLE, &fmt))
		return EXIT_USAGE;
	l = args_get(&a, "limit");
	if (l) {
		char *end;
		limit = strtol(l, &end, 10);
		if (*end || end == l || limit < 1 || limit > 100000)
			return cli_usage(c, "invalid --limit '%s': 1 to 100000", l);
	}
	if (cli_open(c, &s))
		return 1;
	if (!audit_list(s, 0, (int)limit, args_get(&a, "entity"), false, &j, &last, &err)) {
		if (fmt == FMT_JSON)
			print_json(j);
		else
			print_table(j, cols, (int)ARRAY_SIZE(cols));
		json_decref(j);
		rc = 0;
	} else {
		cli_error(err.buf);
	}
	strbuf_release(&err);
	store_close(s);
	return rc;
}
