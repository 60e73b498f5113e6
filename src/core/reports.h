/*
 * Program reports for the portal's vendor pages: aggregates over a whole
 * program, computed by a few grouped queries (store/store_reports.h).
 */
#ifndef CONSORT_CORE_REPORTS_H
#define CONSORT_CORE_REPORTS_H

#include <jansson.h>
#include <stdint.h>

struct store;
struct strbuf;

/*
 * The summary of a program as of the day `as_of` (docs/api.md, "Reports"):
 *   {program, as_of, window: {from, to},
 *    by_tier: [{tier, name, partners, influenced_arr, direct_arr}, ...],
 *    last_evaluation: null | {run, as_of, mode, created_at, up, down,
 *                             proposals: [{id, partner, partner_name, from_tier,
 *                                          to_tier, status}]}}
 * by_tier has every tier of the program from the highest down, then tier null
 * ("No tier") for enrolled partners without one; only active partners count.
 * The window is the mid-year evaluation's (the trailing 365 days ending on
 * as_of); influenced ARR and direct spend are measured over it as the engine
 * measures influence revenue and direct spend. Returns 0, or GOV_NO_PROGRAM
 * / GOV_ERROR (core/governance.h) with the reason in err.
 */
int report_summary(struct store *s, const char *program, int32_t as_of, json_t **out,
		   struct strbuf *err);

#endif
