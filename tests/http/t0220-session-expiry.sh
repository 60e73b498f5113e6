#!/bin/bash
# Session expiry: --session-idle-seconds (no request for that long) and
# --session-max-age-seconds (since sign-in, however active); the cookie's
# Max-Age; --secure-cookies. Two servers on one database, run side by side.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

# Session times are whole seconds: every check below keeps a second of margin.
start_server --session-idle-seconds 5 --session-max-age-seconds 100 --secure-cookies true
start_server --session-idle-seconds 100 --session-max-age-seconds 5

# Server 2: the cookie's Max-Age is the maximum age.
use_server 2
as anon
req POST /api/v1/session "{\"email\":\"solution_engineer@consort.test\",\"password\":\"$PASSWORD\"}"
expect_status 200
expect_header Set-Cookie "Max-Age=5"
[[ $(header Set-Cookie) != *Secure* ]] || fail "Secure cookie without --secure-cookies"
login partner_manager
pm_login=$(now_ms)

use_server 1
as anon
req POST /api/v1/session "{\"email\":\"finance@consort.test\",\"password\":\"$PASSWORD\"}"
expect_status 200
expect_header Set-Cookie "Max-Age=100"
expect_header Set-Cookie "; Secure"
login finance
finance_seen=$(now_ms)
login marketing

# Marketing stays active on server 1 (a request every half second keeps it
# alive, even with a stall of up to 4 s on a loaded machine), and so does the partner manager on
# server 2 while it is well within its maximum age; finance stays idle.
pm_checks=0
while [ "$(ms_since "$finance_seen")" -lt 6200 ]; do
	sleep 0.5
	use_server 1
	as marketing
	req GET /api/v1/tokens
	expect_status 200
	if [ "$(ms_since "$pm_login")" -lt 3000 ]; then
		use_server 2
		as partner_manager
		req GET /api/v1/session
		expect_status 200
		expect_no_header Set-Cookie
		pm_checks=$((pm_checks + 1))
	fi
done
[ "$pm_checks" -gt 0 ] || fail "the machine is too slow: no check within the maximum age"

# Finance, idle for more than 5 s, has expired; marketing has not.
use_server 1
as finance
req GET /api/v1/session
expect_status 401
expect_error unauthenticated
expect_message "expired"
as marketing
req GET /api/v1/session
expect_status 200
# Expired sessions are deleted when seen (finance's first, unused session stays until
# it is seen or the next sign-in purges it).
expect_sql "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id
	WHERE u.email = 'finance@consort.test'" 1

# The partner manager, active all along, is out once the maximum age has passed.
use_server 2
left=$((6200 - $(ms_since "$pm_login")))
[ "$left" -le 0 ] || sleep "$((left / 1000)).$(printf '%03d' $((left % 1000)))"
as partner_manager
req GET /api/v1/session
expect_status 401
expect_error unauthenticated
# Signing in again gives a new session.
login partner_manager
req GET /api/v1/session
expect_status 200
