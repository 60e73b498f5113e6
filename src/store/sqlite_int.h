/*
 * Internals of the SQLite backend shared by its files: the connection with
 * its statement cache, and binding/column helpers. Nothing outside
 * src/store/ includes this.
 */
#ifndef CONSORT_SQLITE_INT_H
#define CONSORT_SQLITE_INT_H

#include <sqlite3.h>

#include "store/store.h"

struct strbuf;

extern const char *const sqlite_migrations[];
extern const int sqlite_nmigrations;

#define STMT_CACHE 256

struct store {
	sqlite3 *db;
	struct {
		const char *sql; /* identity: the SQL literal's address */
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	int ncache;
	/* store_bulk_begin(): the secondary indexes dropped, to recreate */
	char **bulk_indexes;
	int nbulk_indexes;
	/*
	 * The data generation (store_generation()): store_commit() counts it
	 * up unless every row the transaction changed was a side write
	 * (sq_exec_side()). total_changes at store_begin(), and the rows side
	 * writes changed since, tell which. The commit hook refuses a commit
	 * that is neither counted nor a side write (an unaccounted change
	 * would leave caches stale): commit_ok is set by store_commit() and by
	 * store_open() (migrations), side_stmt by sq_exec_side().
	 */
	int64_t begin_changes, side_changes;
	bool commit_ok, side_stmt;
	/*
	 * Rows changed by writes of one partner's own records (sq_exec_partner())
	 * since store_begin(), and whose: when they are all the transaction
	 * changed (besides side writes) and one partner's, store_commit() counts
	 * up that partner's generation instead of everyone's.
	 */
	int64_t partner_changes, partner_id;
	bool partners_many;
};

/* Forgets the indexes saved by store_bulk_begin() (after commit or rollback). */
void sq_bulk_forget(struct store *s);

/* A cached prepared statement for this SQL literal, reset and unbound; NULL on error. */
sqlite3_stmt *sq_stmt(struct store *s, const char *sql, struct strbuf *err);
/* Appends "what: sqlite message" to err and returns -1. */
int sq_fail(struct store *s, struct strbuf *err, const char *what);

/* Binds text; NULL or "" binds NULL (optional values). */
void sq_bind_opt(sqlite3_stmt *st, int idx, const char *v);
void sq_bind_text(sqlite3_stmt *st, int idx, const char *v);
/* The same, without a copy: v must stay unchanged until the statement is reset. */
void sq_bind_opt_static(sqlite3_stmt *st, int idx, const char *v);
void sq_bind_text_static(sqlite3_stmt *st, int idx, const char *v);
/* Runs a statement that returns no rows; 0 or -1. */
int sq_exec_stmt(struct store *s, sqlite3_stmt *st, struct strbuf *err, const char *what);
/*
 * The same for a side write: a change to a table that nothing derived from
 * the data reads (sessions, tokens, sign-in failures, the audit log). It
 * does not count the data generation up (alone in its transaction, or in
 * autocommit), so signing in and using a token leave cached scorecards good.
 */
int sq_exec_side(struct store *s, sqlite3_stmt *st, struct strbuf *err, const char *what);
/*
 * The same for a write of one partner's own records: rows keyed by its id,
 * which no other partner's evaluation reads (not deals: a deal's key is
 * unique across partners, and an upsert can move it from another partner).
 */
int sq_exec_partner(struct store *s, sqlite3_stmt *st, int64_t partner_id, struct strbuf *err,
		    const char *what);
/*
 * Steps st once: 1 with fill(st, out) called on the row, 0 when there is
 * none, -1 with "what: ..." in err. The statement is reset either way.
 */
int sq_one(struct store *s, sqlite3_stmt *st, void (*fill)(sqlite3_stmt *st, void *out), void *out,
	   struct strbuf *err, const char *what);
/* Runs a query of one integer (one row, one column) into *out; 0, or -1 with "what: ...". */
int sq_int64(struct store *s, const char *sql, int64_t *out, struct strbuf *err, const char *what);
/*
 * Steps st to its end, one zeroed element of `size` bytes per row filled by
 * fill(), and returns the malloc'd array (*n elements; *rc 0). On failure
 * frees what was collected with list_free() and returns NULL with *n 0 and
 * *rc -1, "what: ..." in err.
 */
void *sq_collect(struct store *s, sqlite3_stmt *st, size_t size,
		 void (*fill)(sqlite3_stmt *st, void *elem),
		 void (*list_free)(void *list, size_t n), size_t *n, int *rc, struct strbuf *err,
		 const char *what);

/* A malloc'd copy of a text column ("" for NULL). */
char *sq_col_dup(sqlite3_stmt *st, int col);
/* The text of a column, "" for NULL (valid until the next step). */
const char *sq_col(sqlite3_stmt *st, int col);

#endif
