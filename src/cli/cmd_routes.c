#include "util/common.h"

#include "cli/cli.h"
#include "http/http.h"

/*
 * consort routes: the HTTP route table with who may call each route. The
 * authorization tests and the OpenAPI check read it, so they follow the table
 * instead of repeating it.
 */
int cmd_routes(const struct cli *c, int argc, char **argv)
{
	static const unsigned all_roles[] = {
		ROLE_ADMIN,	  ROLE_PARTNER_MANAGER,	  ROLE_MARKETING,
		ROLE_FINANCE,	  ROLE_SOLUTION_ENGINEER, ROLE_PARTNER_ADMIN,
		ROLE_PARTNER_USER};
	static const struct column cols[] = {{"METHOD", "method"},
					     {"PATH", "path"},
					     {"ACCESS", "access"},
					     {"SUMMARY", "summary"}};
	struct args a;
	enum format fmt;
	json_t *list = json_array();

	if (args_parse(&a, c, argc, argv, "format", "") || cli_format(c, &a, FMT_TABLE, &fmt)) {
		json_decref(list);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < http_nroutes; i++) {
		const struct route *r = &http_routes[i];
		json_t *roles = json_array();
		struct strbuf access = STRBUF_INIT;

		for (size_t k = 0; k < ARRAY_SIZE(all_roles); k++) {
			if (!(r->flags & R_PUBLIC) && (r->roles & all_roles[k])) {
				json_array_append_new(roles, json_string(role_name(all_roles[k])));
				strbuf_addf(&access, "%s%s", access.len ? " " : "",
					    role_name(all_roles[k]));
			}
		}
		if (r->flags & R_PUBLIC)
			strbuf_adds(&access, "public");
		json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:b, s:b, s:b, s:s, s:s}",
						      "method", r->method, "path", r->pattern,
						      "roles", roles, "public",
						      (r->flags & R_PUBLIC) != 0, "write",
						      (r->flags & R_WRITE) != 0, "partner_scoped",
						      (r->flags & R_PARTNER_SCOPED) != 0, "summary",
						      r->summary, "access", access.buf));
		strbuf_release(&access);
	}
	if (fmt == FMT_JSON)
		print_json(list);
	else
		print_table(list, cols, (int)ARRAY_SIZE(cols));
	json_decref(list);
	return 0;
}
