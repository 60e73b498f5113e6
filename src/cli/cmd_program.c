#include "util/common.h"

#include "cli/cli.h"
#include "core/programs.h"
#include "store/store.h"
#include "util/strbuf.h"

static int program_list(const struct cli *c, const struct args *a)
{
	static const struct column cols[] = {
		{"KEY", "key"}, {"NAME", "name"}, {"TIERS", "tiers"}, {"LOADED", "loaded_at"}};
	struct strbuf err = STRBUF_INIT, tiers = STRBUF_INIT;
	struct store *s = NULL;
	struct store_program *list;
	enum format fmt;
	size_t n;
	json_t *rows;

	if (cli_format(c, a, FMT_TABLE, &fmt))
		return EXIT_USAGE;
	if (cli_open(c, &s))
		return 1;
	if (store_program_list(s, &list, &n, &err)) {
		cli_error(err.buf);
		strbuf_release(&err);
		store_close(s);
		return 1;
	}
	rows = json_array();
	for (size_t i = 0; i < n; i++) {
		struct program *p;
		strbuf_reset(&tiers);
		if (program_parse(list[i].key, list[i].definition, strlen(list[i].definition), &p,
				  &err) == 0) {
			for (int t = 0; t < p->ntiers; t++)
				strbuf_addf(&tiers, "%s%s", t ? " " : "", p->tiers[t].key);
			program_free(p);
		}
		json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:s}", "key", list[i].key,
						      "name", list[i].name, "tiers", tiers.buf,
						      "loaded_at", list[i].loaded_at));
	}
	if (fmt == FMT_JSON)
		print_json(rows);
	else
		print_table(rows, cols, (int)ARRAY_SIZE(cols));
	json_decref(rows);
	store_program_list_free(list, n);
	strbuf_release(&tiers);
	strbuf_release(&err);
	store_close(s);
	return 0;
}

static void print_program_text(json_t *p)
{
	size_t i, j;
	json_t *v, *t;
	const char *tier;

	printf("%s: %s (%" JSON_INTEGER_FORMAT ")\n", json_string_value(json_object_get(p, "key")),
	       json_string_value(json_object_get(p, "name")),
	       json_integer_value(json_object_get(p, "year")));
	printf("\nTiers:");
	json_array_foreach(json_object_get(p, "tiers"), i, v)
		printf(" %s", json_string_value(json_object_get(v, "name")));
	printf("\n\nRequirements (threshold per tier; * = invite-only obligation):\n");
	json_array_foreach(json_object_get(p, "requirements"), i, v)
	{
		printf("  %-28s", json_string_value(json_object_get(v, "name")));
		json_object_foreach(json_object_get(v, "tiers"), tier, t)
		{
			char buf[64];
			printf("  %s=%s%s", tier,
			       cell_text(json_object_get(t, "threshold"), buf, sizeof(buf)),
			       json_is_true(json_object_get(t, "invite_only")) ? "*" : "");
		}
		printf("\n");
	}
	printf("\nBenefits (per tier; * = invite-only):\n");
	json_array_foreach(json_object_get(p, "benefits"), i, v)
	{
		printf("  %-28s", json_string_value(json_object_get(v, "name")));
		json_object_foreach(json_object_get(v, "tiers"), tier, t) printf(
			"  %s%s", tier, !strcmp(json_string_value(t), "invite_only") ? "*" : "");
		j = json_array_size(json_object_get(v, "prerequisites"));
		if (j)
			printf("  (needs a signed addendum)");
		printf("\n");
	}
}

static int program_show(const struct cli *c, const struct args *a)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s = NULL;
	struct program *p;
	enum format fmt;
	json_t *j;

	if (a->npos != 2)
		return cli_usage(c, "usage: consort program show NAME [--format json|table]");
	if (cli_format(c, a, FMT_TABLE, &fmt))
		return EXIT_USAGE;
	if (cli_open(c, &s))
		return 1;
	if (program_fetch(s, a->pos[1], &p, NULL, &err)) {
		cli_error(err.buf);
		strbuf_release(&err);
		store_close(s);
		return 1;
	}
	j = program_to_json(p);
	if (fmt == FMT_JSON)
		print_json(j);
	else
		print_program_text(j);
	json_decref(j);
	program_free(p);
	store_close(s);
	return 0;
}

static int program_validate(const struct cli *c, const struct args *a)
{
	struct strbuf err = STRBUF_INIT;
	struct program *p;

	if (a->npos != 2)
		return cli_usage(c, "usage: consort program validate FILE");
	if (program_validate_file(a->pos[1], &p, &err)) {
		cli_error(err.buf);
		strbuf_release(&err);
		return 1;
	}
	printf("%s: ok (program '%s', %d tiers, %d requirements, %d benefits)\n", a->pos[1], p->key,
	       p->ntiers, p->nreqs, p->nbenefits);
	program_free(p);
	return 0;
}

static int program_load(const struct cli *c, const struct args *a)
{
	struct strbuf err = STRBUF_INIT;
	struct store *s = NULL;
	struct program *p = NULL;
	int rc = 1;

	if (a->npos != 2)
		return cli_usage(c, "usage: consort program load FILE");
	if (cli_open(c, &s))
		return 1;
	if (store_begin(s, &err) || program_load_file(s, a->pos[1], &p, &err) ||
	    store_commit(s, &err)) {
		store_rollback(s);
		cli_error(err.buf);
	} else {
		printf("loaded program '%s' from %s\n", p->key, a->pos[1]);
		rc = 0;
	}
	program_free(p);
	strbuf_release(&err);
	store_close(s);
	return rc;
}

int cmd_program(const struct cli *c, int argc, char **argv)
{
	struct args a;
	const char *sub;

	if (args_parse(&a, c, argc, argv, "format", ""))
		return EXIT_USAGE;
	sub = a.npos ? a.pos[0] : "";
	if (!strcmp(sub, "list"))
		return program_list(c, &a);
	if (!strcmp(sub, "show"))
		return program_show(c, &a);
	if (!strcmp(sub, "validate"))
		return program_validate(c, &a);
	if (!strcmp(sub, "load"))
		return program_load(c, &a);
	return cli_usage(c, "usage: consort program list|show NAME|validate FILE|load FILE");
}
