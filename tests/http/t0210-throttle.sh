#!/bin/bash
# Login throttling: after --login-free-failures failed sign-ins (per account and
# per client address) further attempts wait 1, 2, 4... seconds (at most
# --login-max-delay): 429 with Retry-After, whatever the password; then the
# account recovers.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server --login-free-failures 2 --login-max-delay 5

creds() { jq -nc --arg e "$1" --arg p "$2" '{email: $e, password: $p}'; }
good=$(creds finance@consort.test "$PASSWORD")
bad=$(creds finance@consort.test wrong-password-123)

as anon
# Failures are timed in milliseconds and the first delay is a whole second from
# the second failure: the third attempt, right after, is refused.
t0=$(now_ms)
for i in 1 2; do
	req POST /api/v1/session "$bad"
	expect_status 401
	expect_message "invalid email or password"
done
# The third attempt comes too soon: refused without checking the password.
req POST /api/v1/session "$bad"
if [ "$status" = 401 ] && [ "$(ms_since "$t0")" -ge 1000 ]; then
	# A machine so slow that a second passed: the fourth then waits 2 s.
	echo "note: third attempt after the 1 s delay; checking the fourth" >&2
	req POST /api/v1/session "$bad"
fi
expect_status 429
expect_error too_many_requests
expect_header Retry-After
retry=$(header Retry-After)
[[ $retry =~ ^[0-9]+$ ]] && [ "$retry" -ge 1 ] && [ "$retry" -le 5 ] ||
	fail "Retry-After '$retry' is not 1..5"
expect_message "$retry second"
expect_no_header Set-Cookie

# Once the wait has passed, the right password works, and clears the account's
# failures (not the client address's).
sleep "$retry"
req POST /api/v1/session "$good" -c "$T/finance.jar"
expect_status 200
expect_json .email finance@consort.test
expect_sql "SELECT COUNT(*) FROM login_failures WHERE key = 'account:finance@consort.test'" 0

# More failures (recorded now, as if just made: waiting for each would take seconds):
# the delay doubles up to --login-max-delay, whatever the password, and the client
# address is throttled too.
now=$(now_ms)
for i in 1 2 3 4; do
	echo "INSERT INTO login_failures (key, at) VALUES ('account:finance@consort.test', $now);"
	echo "INSERT INTO login_failures (key, at) VALUES ('client:127.0.0.1', $now);"
done | sqlite3 -batch consort.db
req POST /api/v1/session "$good"
expect_status 429
retry=$(header Retry-After)
[ "$retry" -ge 1 ] && [ "$retry" -le 5 ] || fail "Retry-After '$retry' exceeds the maximum 5"
req POST /api/v1/session "$(creds marketing@consort.test "$PASSWORD")"
expect_status 429
# Throttled attempts do not count as failures.
expect_sql "SELECT COUNT(*) FROM login_failures WHERE key = 'account:finance@consort.test'" 4
# The session made before still works: the throttle only guards sign-in.
req GET /api/v1/session "" -b "$T/finance.jar"
expect_status 200
expect_json .email finance@consort.test

# Failures older than an hour are forgotten.
sqlite3 -batch consort.db "UPDATE login_failures SET at = at - 3700000"
req POST /api/v1/session "$good"
expect_status 200
