/*
 * consort: the single binary. Global options, then one command dispatched
 * from the table below (git's builtin table); each command parses its own
 * arguments in src/cli/cmd_<verb>.c.
 */
#include "util/common.h"

#include <pwd.h>
#include <unistd.h>

#include "cli/cli.h"

#define CONSORT_VERSION "0.1.0"

static const char usage_text[] =
	"usage: consort [--db PATH] [--actor NAME] COMMAND [ARGS]\n"
	"\n"
	"Partner program management: programs, partner records, an explainable tier engine.\n"
	"\n"
	"  init                                  create the database and load the bundled "
	"programs\n"
	"  program list | show NAME | validate FILE | load FILE\n"
	"  import KIND FILE                      KIND: partners enrollments agreements solutions\n"
	"                                        stories deals spend commits support mapping\n"
	"                                        plans activity (docs/import.md)\n"
	"  partner list | show KEY | deactivate KEY --reason TEXT\n"
	"  evaluate --program P (--mode annual --year Y | --mode midyear) [--as-of DATE]\n"
	"           [--partner KEY] [--propose]\n"
	"  tier proposals [--program P] [--status S] | approve ID | reject ID\n"
	"  tier set PARTNER TIER --program P --reason TEXT | tier history PARTNER\n"
	"  benefits PARTNER --program P [--as-of DATE]\n"
	"  review inactive --program P --quarter YYYYQn\n"
	"  serve [--listen ADDR:PORT] [--config FILE]   the HTTP API (docs/configuration.md)\n"
	"  user add EMAIL --role ROLE [--partner KEY] [--password-stdin] | user list\n"
	"  audit [--entity E] [--limit N]        the audit log\n"
	"  routes                                the HTTP API's routes and who may call them\n"
	"  help | version\n"
	"\n"
	"Tabular output takes --format json|table. The database is --db PATH, else $CONSORT_DB,\n"
	"else ./consort.db. Changes are recorded as --actor NAME, else $CONSORT_ACTOR, else the\n"
	"login name.\n";

static const struct command {
	const char *name;
	int (*fn)(const struct cli *c, int argc, char **argv);
} commands[] = {
	{"init", cmd_init},	    {"program", cmd_program},	{"import", cmd_import},
	{"partner", cmd_partner},   {"evaluate", cmd_evaluate}, {"tier", cmd_tier},
	{"benefits", cmd_benefits}, {"review", cmd_review},	{"serve", cmd_serve},
	{"user", cmd_user},	    {"routes", cmd_routes},	{"audit", cmd_audit},
};

static const char *default_actor(void)
{
	const char *a = getenv("CONSORT_ACTOR");
	struct passwd *pw;

	if (a && *a)
		return a;
	a = getenv("USER");
	if (a && *a)
		return a;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "cli";
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	char prog[64];
	int i = 1;

	c.db_path = getenv("CONSORT_DB");
	if (!c.db_path || !*c.db_path)
		c.db_path = "consort.db";
	c.actor = default_actor();
	c.prog = "consort";

	for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
		const char *opt = argv[i], *eq = strchr(opt, '='), *value;
		size_t len = eq ? (size_t)(eq - opt) : strlen(opt);
		const char **dst = len == 4 && !strncmp(opt, "--db", 4)	     ? &c.db_path
				   : len == 7 && !strncmp(opt, "--actor", 7) ? &c.actor
									     : NULL;
		if (!strcmp(opt, "--help"))
			break;
		if (!strcmp(opt, "--version")) {
			printf("consort %s\n", CONSORT_VERSION);
			return 0;
		}
		if (!dst)
			return cli_usage(&c, "unknown option '%s'", opt);
		/* --db PATH or --db=PATH, as every command's options */
		value = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
		if (!value || !*value)
			return cli_usage(&c, "option '%.*s' needs a value", (int)len, opt);
		*dst = value;
	}
	if (i >= argc || !strcmp(argv[i], "help") || !strcmp(argv[i], "--help")) {
		/* Asked for: stdout, success. Missing command: stderr, usage error. */
		fputs(usage_text, i >= argc ? stderr : stdout);
		return i >= argc ? EXIT_USAGE : 0;
	}
	if (!strcmp(argv[i], "version")) {
		printf("consort %s\n", CONSORT_VERSION);
		return 0;
	}
	for (size_t k = 0; k < ARRAY_SIZE(commands); k++) {
		if (strcmp(argv[i], commands[k].name))
			continue;
		snprintf(prog, sizeof(prog), "consort %s", commands[k].name);
		c.prog = prog;
		return commands[k].fn(&c, argc - i - 1, argv + i + 1);
	}
	return cli_usage(&c, "unknown command '%s'", argv[i]);
}
