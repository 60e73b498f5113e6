# Shared helpers of the CLI tests, sourced by every tests/cli/tNNNN-*.sh.
#
# tests/run-cli runs each script in a fresh temporary directory with
# CONSORT (the binary), FIXTURES, TEST_DIR and CONSORT_ACTOR=tester set and
# CONSORT_DB unset. Scripts are fail-fast: the first failed expectation prints
# what was run, its exit status, stdout and stderr, and exits 1.
#
#   run ARGS...                 run consort; sets $status, stdout/stderr in $OUT/$ERR
#   expect_ok ARGS...           run, expect exit 0
#   expect_fail STATUS ARGS...  run, expect exit STATUS (1 failure, 2 usage)
#   expect_status STATUS        the last run's exit status
#   expect_stdout_contains TEXT...   each TEXT is a substring of stdout
#   expect_stderr_contains TEXT...   ... of stderr
#   expect_stdout_lacks / expect_stderr_lacks TEXT...
#   expect_stdout_is TEXT / expect_stderr_is TEXT   exact (trailing newlines ignored)
#   expect_stdout_empty / expect_stderr_empty
#   expect_json FILTER EXPECTED   jq -r FILTER of stdout is EXPECTED
#   expect_jq FILTER              jq -e FILTER of stdout is true
#   json FILTER                   prints jq -r FILTER of stdout
#   sql QUERY / expect_sql QUERY EXPECTED   sqlite3 on consort.db ($DB)
#   db_snapshot / expect_db_unchanged       sqlite3 .dump before/after
#   expect_no_file PATH
#   load_fixtures               init + import every kind from $FIXTURES
#
# Environment for one command: CONSORT_DB=x.db run program list

set -eu

: "${CONSORT:?CONSORT must name the consort binary: run the tests with tests/run-cli BINARY}"
TEST_DIR=${TEST_DIR:-$(cd "$(dirname "$0")" && pwd)}
FIXTURES=${FIXTURES:-$TEST_DIR/fixtures}
T=$PWD
OUT=$T/.stdout
ERR=$T/.stderr
DB=consort.db
status=0
last_cmd="(nothing run yet)"

_show_file() {
	if [ -s "$2" ]; then
		echo "--- $1:"
		head -n 60 "$2"
		[ "$(wc -l <"$2")" -le 60 ] || echo "... ($(wc -l <"$2") lines)"
	else
		echo "--- $1: (empty)"
	fi
}

# The script line that called into this library.
_caller() {
	local i
	for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
		if [ "${BASH_SOURCE[i]}" != "${BASH_SOURCE[0]}" ]; then
			echo "$(basename "${BASH_SOURCE[i]}"):${BASH_LINENO[i - 1]}"
			return
		fi
	done
	echo "?"
}

fail() {
	{
		echo "FAIL: $*"
		echo "--- last command: $last_cmd"
		echo "--- exit status: $status"
		_show_file stdout "$OUT"
		_show_file stderr "$ERR"
		echo "--- at: $(_caller)"
	} >&2
	exit 1
}

run() {
	last_cmd="consort $*"
	status=0
	"$CONSORT" "$@" </dev/null >"$OUT" 2>"$ERR" || status=$?
	if [ -n "${TEST_STDERR_LOG:-}" ]; then
		{
			echo "== $last_cmd (exit $status)"
			cat "$ERR"
		} >>"$TEST_STDERR_LOG"
	fi
	if grep -Eq 'runtime error:|AddressSanitizer|LeakSanitizer' "$ERR"; then
		fail "sanitizer report"
	fi
	return 0
}

expect_ok() {
	run "$@"
	[ "$status" -eq 0 ] || fail "expected exit 0, got $status"
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "expected exit $1, got $status"
}

expect_fail() {
	local want=$1
	shift
	run "$@"
	[ "$status" -eq "$want" ] || fail "expected exit $want, got $status"
}

_contains() {
	local what=$1 file=$2 text
	shift 2
	for text in "$@"; do
		[[ "$(cat "$file")" == *"$text"* ]] || fail "$what does not contain: $text"
	done
}

_lacks() {
	local what=$1 file=$2 text
	shift 2
	for text in "$@"; do
		[[ "$(cat "$file")" != *"$text"* ]] || fail "$what contains: $text"
	done
}

_is() {
	local got
	got=$(cat "$2")
	[ "$got" = "$3" ] || fail "$1 differs; expected:
$3"
}

expect_stdout_contains() { _contains stdout "$OUT" "$@"; }
expect_stderr_contains() { _contains stderr "$ERR" "$@"; }
expect_stdout_lacks() { _lacks stdout "$OUT" "$@"; }
expect_stderr_lacks() { _lacks stderr "$ERR" "$@"; }
expect_stdout_is() { _is stdout "$OUT" "$1"; }
expect_stderr_is() { _is stderr "$ERR" "$1"; }
expect_stdout_empty() { [ ! -s "$OUT" ] || fail "stdout is not empty"; }
expect_stderr_empty() { [ ! -s "$ERR" ] || fail "stderr is not empty"; }

json() {
	jq -r "$1" <"$OUT" 2>/dev/null || fail "stdout is not JSON or jq filter failed: $1"
}

expect_json() {
	local got
	got=$(json "$1")
	[ "$got" = "$2" ] || fail "jq '$1': expected '$2', got '$got'"
}

expect_jq() {
	jq -e "$1" <"$OUT" >/dev/null 2>&1 || fail "jq -e '$1' is not true"
}

sql() {
	[ -f "$DB" ] || fail "no database '$DB' for sql: $1"
	sqlite3 -batch "$DB" "$1" || fail "sqlite3 failed: $1"
}

expect_sql() {
	local got
	got=$(sql "$1")
	[ "$got" = "$2" ] || fail "sql '$1': expected '$2', got '$got'"
}

db_snapshot() {
	sqlite3 -batch "$DB" .dump >"$T/.snapshot" || fail "cannot dump $DB"
}

expect_db_unchanged() {
	sqlite3 -batch "$DB" .dump >"$T/.snapshot.now" || fail "cannot dump $DB"
	if ! cmp -s "$T/.snapshot" "$T/.snapshot.now"; then
		diff "$T/.snapshot" "$T/.snapshot.now" | head -n 20 >&2 || true
		fail "the database changed"
	fi
}

# Like db_snapshot/expect_db_unchanged, but for the records only: the audit log
# (which rightly grows with every import) is left out of the comparison.
# The database's records as text, without the bookkeeping that every write adds to:
# the audit log and the generations (a re-import of the same rows counts them up).
dump_records() {
	sqlite3 -batch "$DB" .dump | grep -v -e '^INSERT INTO audit_log' \
		-e "^INSERT INTO sqlite_sequence VALUES('audit_log'" \
		-e '^INSERT INTO data_generation' -e '^INSERT INTO partner_generation' >"$1" ||
		fail "cannot dump $DB"
}

records_snapshot() {
	dump_records "$T/.records"
}

expect_records_unchanged() {
	dump_records "$T/.records.now"
	if ! cmp -s "$T/.records" "$T/.records.now"; then
		diff "$T/.records" "$T/.records.now" | head -n 20 >&2 || true
		fail "the records changed"
	fi
}

expect_no_file() {
	[ ! -e "$1" ] || fail "'$1' exists"
}

# init plus every import kind, in dependency order, from $FIXTURES.
load_fixtures() {
	local kind
	expect_ok init
	for kind in partners enrollments agreements solutions stories deals spend commits \
		support mapping plans activity; do
		expect_ok import "$kind" "$FIXTURES/$kind.csv"
	done
}
