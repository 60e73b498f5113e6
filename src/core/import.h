/*
 * CSV import of partner records (docs/import.md). Every row is validated;
 * every bad row is reported as "FILE:LINE: COLUMN: problem"; if any row is
 * bad, nothing is written. Re-importing a key updates it.
 */
#ifndef CONSORT_CORE_IMPORT_H
#define CONSORT_CORE_IMPORT_H

#include <stddef.h>

struct store;
struct strbuf;

struct import_report {
	size_t rows;   /* data rows read */
	size_t errors; /* bad rows */
};

/* The import kinds, NULL-terminated, in documentation order. */
extern const char *const import_kinds[];

/*
 * Imports `data` (the contents of `filename`) as records of `kind` in one
 * transaction, recorded in the audit log as `actor`'s. Returns 0 when every row was stored; -1 with
 * the problems in err (one per line) otherwise, the database unchanged.
 */
int import_csv(struct store *s, const char *kind, const char *filename, const char *data,
	       size_t len, const char *actor, struct import_report *rep, struct strbuf *err);

/*
 * Validates and stores one record of `kind` given as column -> value text
 * (the CSV columns; absent columns are empty), with exactly the checks of a
 * CSV row, inside the caller's transaction. On a bad record returns -1 with
 * "COLUMN: problem" lines in err and *field set to the first bad column.
 */
int import_record(struct store *s, const char *kind, const char *const *names,
		  const char *const *values, size_t n, struct strbuf *err, const char **field);

/* A partner description's longest length, in characters (Unicode code points). */
#define IMPORT_MAX_DESCRIPTION 2000

/*
 * Checks a partner description (the partners' `description` column, and the
 * listing API): valid UTF-8, at most IMPORT_MAX_DESCRIPTION characters, no
 * control character but tab, line feed and carriage return. Returns 0, or
 * -1 with the problem appended to err ("too long (2001 characters, at most
 * 2000)").
 */
int import_check_description(const char *s, size_t len, struct strbuf *err);

/* The documented columns of a kind, comma-separated ("key,name,domain,..."). */
const char *import_columns(const char *kind);

#endif
