/*
 * SQLite backend: opening, migrations, transactions and the statement cache.
 * WAL journal, foreign keys on, a busy timeout so that a reader and a writer
 * can share the file.
 */
#include "util/common.h"

#include <unistd.h>

#include "store/sqlite_int.h"
#include "util/alloc.h"
#include "util/strbuf.h"

int sq_fail(struct store *s, struct strbuf *err, const char *what)
{
	if (err)
		strbuf_addf(err, "%s: %s", what,
			    s && s->db ? sqlite3_errmsg(s->db) : "no database");
	return -1;
}

sqlite3_stmt *sq_stmt(struct store *s, const char *sql, struct strbuf *err)
{
	sqlite3_stmt *st;

	for (int i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			st = s->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sq_fail(s, err, "cannot prepare statement");
		return NULL;
	}
	if (s->ncache < STMT_CACHE) {
		s->cache[s->ncache].sql = sql;
		s->cache[s->ncache].stmt = st;
		s->ncache++;
	}
	/* A full cache never happens with the tree's fixed set of statements; if it
	 * did, this statement would leak until close, which sqlite3_close_v2 handles. */
	return st;
}

void sq_bind_opt(sqlite3_stmt *st, int idx, const char *v)
{
	if (!v || !*v)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT);
}

void sq_bind_text(sqlite3_stmt *st, int idx, const char *v)
{
	sqlite3_bind_text(st, idx, v ? v : "", -1, SQLITE_TRANSIENT);
}

void sq_bind_opt_static(sqlite3_stmt *st, int idx, const char *v)
{
	if (!v || !*v)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_text(st, idx, v, -1, SQLITE_STATIC);
}

void sq_bind_text_static(sqlite3_stmt *st, int idx, const char *v)
{
	sqlite3_bind_text(st, idx, v ? v : "", -1, SQLITE_STATIC);
}

int sq_exec_stmt(struct store *s, sqlite3_stmt *st, struct strbuf *err, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sq_fail(s, err, what);
	return 0;
}

int sq_exec_side(struct store *s, sqlite3_stmt *st, struct strbuf *err, const char *what)
{
	int rc;

	s->side_stmt = true;
	rc = sq_exec_stmt(s, st, err, what);
	s->side_stmt = false;
	if (!rc)
		s->side_changes += sqlite3_changes64(s->db);
	return rc;
}

int sq_exec_partner(struct store *s, sqlite3_stmt *st, int64_t partner_id, struct strbuf *err,
		    const char *what)
{
	int64_t n;

	if (sq_exec_stmt(s, st, err, what))
		return -1;
	n = sqlite3_changes64(s->db);
	if (n > 0) {
		s->partner_changes += n;
		if (s->partner_id && s->partner_id != partner_id)
			s->partners_many = true;
		s->partner_id = partner_id;
	}
	return 0;
}

int sq_int64(struct store *s, const char *sql, int64_t *out, struct strbuf *err, const char *what)
{
	sqlite3_stmt *st = sq_stmt(s, sql, err);
	int rc;

	*out = 0;
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : sq_fail(s, err, what);
}

int sq_one(struct store *s, sqlite3_stmt *st, void (*fill)(sqlite3_stmt *st, void *out), void *out,
	   struct strbuf *err, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		fill(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : sq_fail(s, err, what);
}

void *sq_collect(struct store *s, sqlite3_stmt *st, size_t size,
		 void (*fill)(sqlite3_stmt *st, void *elem),
		 void (*list_free)(void *list, size_t n), size_t *n, int *ret, struct strbuf *err,
		 const char *what)
{
	char *list = NULL;
	size_t alloc = 0;
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n + 1 > alloc) {
			alloc = alloc ? alloc * 2 : 16;
			list = xrealloc(list, alloc * size);
		}
		memset(list + *n * size, 0, size);
		fill(st, list + *n * size);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		list_free(list, *n);
		*n = 0;
		*ret = sq_fail(s, err, what);
		return NULL;
	}
	*ret = 0;
	return list;
}

const char *sq_col(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? (const char *)t : "";
}

char *sq_col_dup(sqlite3_stmt *st, int col)
{
	return xstrdup(sq_col(st, col));
}

static int exec(struct store *s, const char *sql, struct strbuf *err)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (err)
			strbuf_addf(err, "database error: %s", msg ? msg : "unknown");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int store_schema_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", -1,
			       &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Applies every migration above the recorded version, each in its own transaction. */
static int migrate(struct store *s, struct strbuf *err)
{
	int version;

	if (exec(s,
		 "CREATE TABLE IF NOT EXISTS schema_migrations ("
		 " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
		 err))
		return -1;
	version = store_schema_version(s);
	if (version > sqlite_nmigrations) {
		strbuf_addf(err, "database schema version %d is newer than this consort (%d)",
			    version, sqlite_nmigrations);
		return -1;
	}
	for (int v = version + 1; v <= sqlite_nmigrations; v++) {
		sqlite3_stmt *st = NULL;
		if (exec(s, "BEGIN IMMEDIATE", err))
			return -1;
		if (exec(s, sqlite_migrations[v - 1], err))
			goto fail;
		if (sqlite3_prepare_v2(s->db,
				       "INSERT INTO schema_migrations(version, applied_at) "
				       "VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
				       -1, &st, NULL) != SQLITE_OK)
			goto fail_sq;
		sqlite3_bind_int(st, 1, v);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail_sq;
		sqlite3_finalize(st);
		if (exec(s, "COMMIT", err))
			goto fail;
		continue;
	fail_sq:
		sq_fail(s, err, "cannot record migration");
		sqlite3_finalize(st);
	fail:
		exec(s, "ROLLBACK", NULL);
		strbuf_addf(err, " (migration %d)", v);
		return -1;
	}
	return 0;
}

/*
 * Process-wide settings, before SQLite initializes: no memory statistics
 * (their bookkeeping takes a global mutex on every allocation). Later calls
 * are refused by SQLite (it is initialized) and change nothing.
 */
static void tune_library(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * Every commit of this connection passes here (SQLite calls it before the
 * commit; nonzero turns it into a rollback). A write that neither counted
 * the data generation up (store_commit()) nor declared itself a side write
 * (sq_exec_side()) is refused, so that no path can change data behind the
 * caches' back.
 */
static int commit_hook(void *ctx)
{
	struct store *s = ctx;

	if (s->commit_ok || s->side_stmt)
		return 0;
	fprintf(stderr, "consort: internal error: a write outside store_commit() refused\n");
	return 1;
}

int store_open(struct store **out, const char *path, bool create, struct strbuf *err)
{
	struct store *s;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	if (!create && access(path, F_OK) != 0) {
		strbuf_addf(err, "database '%s' does not exist; run 'consort init' to create it",
			    path);
		return -1;
	}
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	tune_library();
	s = xcalloc(1, sizeof(*s));
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		strbuf_addf(err, "cannot open database '%s': %s", path,
			    s->db ? sqlite3_errmsg(s->db) : "out of memory");
		store_close(s);
		return -1;
	}
	sqlite3_busy_timeout(s->db, 5000);
	/* Setting up and migrating the schema commits on its own. */
	s->commit_ok = true;
	sqlite3_commit_hook(s->db, commit_hook, s);
	/*
	 * 8 KiB pages for a new database (the default is 4 KiB): a bulk import
	 * appends rows about 30% faster and the indexes build faster; random
	 * reads cost a little more. Only an empty file takes it, and only
	 * before WAL mode is entered; an existing database keeps its size.
	 */
	if (create && exec(s, "PRAGMA page_size=8192;", err)) {
		strbuf_addf(err, " in '%s'", path);
		store_close(s);
		return -1;
	}
	if (exec(s,
		 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
		 /* Reads through a memory map, not a read() per page: several times
		  * cheaper for the server's many small queries (docs/performance.md). */
		 "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824; PRAGMA cache_size=-16384;",
		 err) ||
	    migrate(s, err)) {
		strbuf_addf(err, " in '%s'", path);
		store_close(s);
		return -1;
	}
	s->commit_ok = false;
	*out = s;
	return 0;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	sq_bulk_forget(s);
	for (int i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].stmt);
	sqlite3_close_v2(s->db);
	free(s);
}

void store_tune_bulk(struct store *s)
{
	/*
	 * About 1 GiB of page cache and memory-mapped reads for big imports.
	 * CREATE INDEX (store_bulk_end) sorts through temporary files, which
	 * lets it sort bounded runs on a helper thread (with temp_store=MEMORY
	 * it sorts the whole table as one list, several times slower). Foreign
	 * keys are not checked: the import resolves every partner and program
	 * reference against the database itself before it writes a row, so the
	 * per-row parent lookups (and the statement journal they need) would
	 * only repeat that check.
	 */
	exec(s,
	     "PRAGMA cache_size=-1048576; PRAGMA mmap_size=4294967296; PRAGMA threads=2;"
	     "PRAGMA foreign_keys=OFF; PRAGMA temp_store=FILE;",
	     NULL);
}

/*
 * A cached statement for a transaction's BEGIN or COMMIT: the server runs
 * one pair per GET, and sqlite3_exec() would parse the text every time.
 */
static int exec_cached(struct store *s, const char *sql, struct strbuf *err)
{
	sqlite3_stmt *st = sq_stmt(s, sql, err);

	return st ? sq_exec_stmt(s, st, err, "database error") : -1;
}

int store_read_begin(struct store *s, struct strbuf *err)
{
	return exec_cached(s, "BEGIN DEFERRED", err);
}

void store_read_end(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		exec_cached(s, "COMMIT", NULL);
}

int store_begin(struct store *s, struct strbuf *err)
{
	s->begin_changes = sqlite3_total_changes64(s->db);
	s->side_changes = s->partner_changes = s->partner_id = 0;
	s->partners_many = false;
	return exec(s, "BEGIN IMMEDIATE", err);
}

/*
 * Counts up the generation the transaction's changes call for: none when it
 * changed nothing but side writes; one partner's when every other change was
 * to that partner's own records; else everyone's (data_generation).
 */
static int count_generation(struct store *s, struct strbuf *err)
{
	int64_t changed = sqlite3_total_changes64(s->db) - s->begin_changes - s->side_changes;
	sqlite3_stmt *st;

	if (!changed)
		return 0;
	if (changed == s->partner_changes && !s->partners_many) {
		st = sq_stmt(s,
			     "INSERT INTO partner_generation (partner_key, n) "
			     "SELECT key, 1 FROM partners WHERE id = ?1 "
			     "ON CONFLICT (partner_key) DO UPDATE SET n = n + 1",
			     err);
		if (st)
			sqlite3_bind_int64(st, 1, s->partner_id);
	} else {
		st = sq_stmt(s, "UPDATE data_generation SET n = n + 1 WHERE id = 1", err);
	}
	return !st || sq_exec_stmt(s, st, err, "cannot count the data generation") ? -1 : 0;
}

int store_commit(struct store *s, struct strbuf *err)
{
	int rc;

	if (count_generation(s, err))
		return -1;
	s->commit_ok = true;
	rc = exec(s, "COMMIT", err);
	s->commit_ok = false;
	if (!rc)
		sq_bulk_forget(s);
	return rc;
}

static void fill_generation(sqlite3_stmt *st, void *out)
{
	struct store_generation *g = out;

	g->data = sqlite3_column_int64(st, 0);
	g->partner = sqlite3_column_int64(st, 1);
}

int store_generation(struct store *s, const char *partner_key, struct store_generation *out,
		     struct strbuf *err)
{
	sqlite3_stmt *st =
		sq_stmt(s,
			"SELECT g.n, COALESCE((SELECT n FROM partner_generation "
			"WHERE partner_key = ?1), 0) FROM data_generation g WHERE g.id = 1",
			err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sq_bind_text(st, 1, partner_key);
	rc = sq_one(s, st, fill_generation, out, err, "cannot read the data generation");
	if (rc == 0 && err)
		strbuf_adds(err, "the data generation is missing (migration 7)");
	return rc == 1 ? 0 : -1;
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		exec(s, "ROLLBACK", NULL);
	sq_bulk_forget(s);
}
