#include "util/common.h"

#include "cli/cli.h"
#include "store/store.h"
#include "util/date.h"
#include "util/strbuf.h"

/* Whether `name` is one of the space-separated words of `list`. */
static bool in_list(const char *list, const char *name, size_t len)
{
	const char *p = list;

	while (p && *p) {
		size_t n = strcspn(p, " ");
		if (n == len && !memcmp(p, name, len))
			return true;
		p += n;
		while (*p == ' ')
			p++;
	}
	return false;
}

int args_parse(struct args *a, const struct cli *c, int argc, char **argv, const char *valued,
	       const char *flags)
{
	memset(a, 0, sizeof(*a));
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i], *name, *eq, *value = NULL;
		size_t len;

		if (strncmp(arg, "--", 2) || !arg[2]) {
			if (a->npos == ARGS_MAX)
				return cli_usage(c, "too many arguments"), -1;
			a->pos[a->npos++] = arg;
			continue;
		}
		name = arg + 2;
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		if (in_list(valued, name, len)) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else
				return cli_usage(c, "option '--%.*s' needs a value", (int)len,
						 name),
				       -1;
		} else if (in_list(flags, name, len) && !eq) {
			value = NULL;
		} else {
			return cli_usage(c, "unknown option '%s'", arg), -1;
		}
		for (int j = 0; j < a->nopt; j++) {
			if (strlen(a->opt[j].name) == len && !memcmp(a->opt[j].name, name, len))
				return cli_usage(c, "option '--%.*s' given twice", (int)len, name),
				       -1;
		}
		if (a->nopt == ARGS_MAX)
			return cli_usage(c, "too many options"), -1;
		/* The name points into argv and may run on into "=value": opt_is() knows. */
		a->opt[a->nopt].name = name;
		a->opt[a->nopt].value = value;
		a->nopt++;
	}
	return 0;
}

static bool opt_is(const char *stored, const char *name)
{
	size_t len = strlen(name);
	return !strncmp(stored, name, len) && (stored[len] == '\0' || stored[len] == '=');
}

const char *args_get(const struct args *a, const char *name)
{
	for (int i = 0; i < a->nopt; i++) {
		if (opt_is(a->opt[i].name, name))
			return a->opt[i].value;
	}
	return NULL;
}

bool args_flag(const struct args *a, const char *name)
{
	for (int i = 0; i < a->nopt; i++) {
		if (opt_is(a->opt[i].name, name))
			return true;
	}
	return false;
}

int cli_error(const char *msg)
{
	const char *p = msg;

	while (*p) {
		size_t n = strcspn(p, "\n");
		if (n)
			fprintf(stderr, "consort: error: %.*s\n", (int)n, p);
		p += n;
		if (*p)
			p++;
	}
	return 1;
}

int cli_usage(const struct cli *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'consort help')\n");
	return EXIT_USAGE;
}

int cli_open(const struct cli *c, struct store **s)
{
	struct strbuf err = STRBUF_INIT;

	if (store_open(s, c->db_path, false, &err)) {
		cli_error(err.buf);
		strbuf_release(&err);
		return -1;
	}
	return 0;
}

int cli_format(const struct cli *c, const struct args *a, enum format def, enum format *out)
{
	const char *f = args_get(a, "format");

	*out = def;
	if (!f)
		return 0;
	if (!strcmp(f, "json"))
		*out = FMT_JSON;
	else if (!strcmp(f, "table"))
		*out = FMT_TABLE;
	else
		return cli_usage(c, "invalid --format '%s': expected json or table", f), -1;
	return 0;
}

int cli_date(const struct cli *c, const struct args *a, const char *opt, char out[11])
{
	const char *v = args_get(a, opt);
	int32_t d;

	if (!v) {
		date_format(date_today_utc(), out);
		return 0;
	}
	if (date_parse(v, strlen(v), &d)) {
		cli_usage(c, "invalid --%s '%s': expected YYYY-MM-DD", opt, v);
		return -1;
	}
	date_format(d, out);
	return 0;
}

void print_json(json_t *v)
{
	json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
}

/* Looks a dotted path ("next_tier.gap") up in an object. */
static json_t *lookup(json_t *o, const char *path)
{
	char part[64];

	while (o && *path) {
		size_t n = strcspn(path, ".");
		snprintf(part, sizeof(part), "%.*s", (int)n, path);
		o = json_is_object(o) ? json_object_get(o, part) : NULL;
		path += n;
		if (*path)
			path++;
	}
	return o;
}

const char *cell_text(json_t *v, char *buf, size_t size)
{
	if (!v || json_is_null(v))
		return "-";
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_boolean(v))
		snprintf(buf, size, "%s", json_is_true(v) ? "yes" : "no");
	else
		snprintf(buf, size, "...");
	return buf;
}

/* Display width of UTF-8 text: one column per code point. */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

/* Prints a cell's text on one line: control characters (a line break in an
 * imported name) would break the table's rows, so they print as spaces. */
static void put_cell(const char *t)
{
	for (; *t; t++)
		putchar((unsigned char)*t < 0x20 || *t == 0x7f ? ' ' : *t);
}

void print_table(json_t *rows, const struct column *cols, int ncols)
{
	size_t w[16] = {0};
	char buf[64];
	size_t i;
	json_t *row;

	if (ncols > 16)
		ncols = 16;
	for (int k = 0; k < ncols; k++)
		w[k] = width(cols[k].header);
	json_array_foreach(rows, i, row)
	{
		for (int k = 0; k < ncols; k++) {
			size_t n = width(cell_text(lookup(row, cols[k].field), buf, sizeof(buf)));
			if (n > w[k])
				w[k] = n;
		}
	}
	for (int k = 0; k < ncols; k++)
		printf("%s%-*s", k ? "  " : "", k == ncols - 1 ? 0 : (int)w[k], cols[k].header);
	printf("\n");
	json_array_foreach(rows, i, row)
	{
		for (int k = 0; k < ncols; k++) {
			const char *t = cell_text(lookup(row, cols[k].field), buf, sizeof(buf));
			size_t pad = w[k] - width(t);
			printf("%s", k ? "  " : "");
			put_cell(t);
			if (k < ncols - 1)
				printf("%*s", (int)pad, "");
		}
		printf("\n");
	}
}
