/* Program reports for the portal's vendor pages (core/reports.h, docs/api.md). */
#include "util/common.h"

#include "core/governance.h"
#include "core/reports.h"
#include "http/api.h"

int api_report_summary(struct http_request *r)
{
	const char *program = http_query(r, "program");
	struct strbuf err = STRBUF_INIT;
	char as_of[11];
	int32_t day;
	json_t *out;
	int rc;

	if (!program || !*program)
		return http_fail(r, E_INVALID, "program",
				 "missing ?program= (the program to report on)");
	if (api_date_arg(r, "as_of", http_query(r, "as_of"), as_of, &day))
		return 0;
	rc = report_summary(r->store, program, day, &out, &err);
	if (rc == GOV_NO_PROGRAM)
		http_fail(r, E_INVALID, "program", "unknown program '%s'", program);
	else if (rc)
		http_fail_err(r, E_INTERNAL, &err);
	else
		http_reply(r, 200, out);
	strbuf_release(&err);
	return 0;
}
