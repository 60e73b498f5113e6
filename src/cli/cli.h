/*
 * Shared pieces of the command-line entry points: the invocation context,
 * option parsing and output. Each command lives in cmd_<verb>.c and is
 * dispatched from the table in main.c; commands return an exit status
 * (0 ok, 1 failure, 2 usage error) and print their own errors.
 */
#ifndef CONSORT_CLI_H
#define CONSORT_CLI_H

#include <jansson.h>
#include <stdbool.h>

struct store;

struct cli {
	const char *db_path;
	const char *actor;
	const char *prog; /* "consort evaluate", for messages */
};

#define EXIT_USAGE 2

/* A parsed command line: --name value / --name=value options, and positionals. */
#define ARGS_MAX 32
struct args {
	int npos;
	const char *pos[ARGS_MAX];
	int nopt;
	struct {
		const char *name;  /* without the dashes */
		const char *value; /* NULL for flags */
	} opt[ARGS_MAX];
};

/*
 * Parses argv against the allowed options: `valued` and `flags` are
 * space-separated names ("program mode year"). Prints a usage error and
 * returns -1 on an unknown or repeated option or a missing value.
 */
int args_parse(struct args *a, const struct cli *c, int argc, char **argv, const char *valued,
	       const char *flags);
const char *args_get(const struct args *a, const char *name);
bool args_flag(const struct args *a, const char *name);

/* Prints "consort: error: ..." (one line each) to stderr; returns 1. */
int cli_error(const char *msg);
__attribute__((format(printf, 2, 3))) int cli_usage(const struct cli *c, const char *fmt, ...);

/* Opens the database (fails with the `consort init` hint when missing). */
int cli_open(const struct cli *c, struct store **s);

/* --format: "json" or "table" (default `def`); -1 after a usage error. */
enum format {
	FMT_TABLE,
	FMT_JSON
};
int cli_format(const struct cli *c, const struct args *a, enum format def, enum format *out);

/* Prints JSON (indented) to stdout. */
void print_json(json_t *v);

/* A column of a table: header, and the object field shown (dotted paths allowed). */
struct column {
	const char *header;
	const char *field;
};
/* Prints an array of objects as an aligned text table. */
void print_table(json_t *rows, const struct column *cols, int ncols);
/* The text of a JSON scalar as shown in a table: strings as is, null as "-". */
const char *cell_text(json_t *v, char *buf, size_t size);

/* Today (UTC) as YYYY-MM-DD, or --as-of when given and valid; -1 on a bad date. */
int cli_date(const struct cli *c, const struct args *a, const char *opt, char out[11]);

int cmd_init(const struct cli *c, int argc, char **argv);
int cmd_program(const struct cli *c, int argc, char **argv);
int cmd_import(const struct cli *c, int argc, char **argv);
int cmd_partner(const struct cli *c, int argc, char **argv);
int cmd_evaluate(const struct cli *c, int argc, char **argv);
int cmd_tier(const struct cli *c, int argc, char **argv);
int cmd_benefits(const struct cli *c, int argc, char **argv);
int cmd_review(const struct cli *c, int argc, char **argv);
int cmd_serve(const struct cli *c, int argc, char **argv);
int cmd_user(const struct cli *c, int argc, char **argv);
int cmd_audit(const struct cli *c, int argc, char **argv);
int cmd_routes(const struct cli *c, int argc, char **argv);

#endif
