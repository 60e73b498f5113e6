#!/bin/bash
# Graceful shutdown: a request in flight when SIGTERM arrives (a body streamed
# slowly) still completes, its change is committed, and the server exits 0;
# a request longer than --shutdown-grace is cut off and the server still
# exits 0 in time; SIGINT works like SIGTERM.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server --shutdown-grace 20
make_token admin write
write_token=$TOKEN

# A valid JSON body padded to 48 KiB, sent at 16 KiB/s: about 3 s in flight.
{
	printf '{"name":"slow"'
	head -c 49152 /dev/zero | tr '\0' ' '
	printf '}'
} >slow.json
slow_post() { # slow_post OUTPUT_PREFIX
	curl -sS -o "$1.body" -w '%{http_code}' --max-time 60 --limit-rate 16k -H 'Expect:' \
		-H "Authorization: Bearer $write_token" -H 'Content-Type: application/json' \
		--data-binary @slow.json "$BASE/api/v1/tokens" >"$1.code" 2>"$1.err"
}
slow_post slow &
client=$!
sleep 1
kill -TERM "$SERVER_PID"
for i in $(seq 1 100); do
	! grep -q "SIGTERM received" "$SERVER_ERR" || break
	sleep 0.02
done
sleep 0.1
# New connections are refused at once (not left waiting until the server stops).
t0=$(now_ms)
rc=0
curl -s -o /dev/null --max-time 5 "$BASE/healthz" || rc=$?
[ "$rc" -eq 7 ] || fail "a new connection after SIGTERM was not refused (curl exit $rc)"
[ "$(ms_since "$t0")" -lt 2000 ] || fail "a new connection after SIGTERM waited $(ms_since "$t0") ms"
status=0
wait "$client" || status=$?
last_cmd="slow POST /api/v1/tokens during shutdown"
[ "$status" -eq 0 ] || fail "the in-flight request failed: $(cat slow.err)"
[ "$(cat slow.code)" = 201 ] || fail "the in-flight request answered $(cat slow.code): $(cat slow.body)"
jq -e '.name == "slow" and (.token | startswith("cst_"))' slow.body >/dev/null ||
	fail "unexpected answer: $(cat slow.body)"
stop_server # exit 0, no sanitizer report
grep -q "SIGTERM received, finishing 1 in-flight request" "$SERVER_ERR" ||
	fail "no shutdown message: $(cat "$SERVER_ERR")"
expect_sql "SELECT COUNT(*) FROM api_tokens WHERE name = 'slow'" 1
jq -se 'any(.[]; .route == "/api/v1/tokens" and .method == "POST" and .status == 201
	and .ms > 1000)' "$ACCESS_LOG" >/dev/null || fail "the slow request is not in the access log"

# A request slower than the grace period is cut off; the server still exits 0, in time.
start_server --shutdown-grace 1
{
	printf '{"name":"too slow"'
	head -c 131072 /dev/zero | tr '\0' ' '
	printf '}'
} >slow.json
slow_post late &
client=$!
sleep 1
t0=$(now_ms)
stop_server
took=$(ms_since "$t0")
[ "$took" -lt 5000 ] || fail "shutdown took $took ms with a 1 s grace"
wait "$client" || true
[ "$(cat late.code)" != 201 ] || fail "a request longer than the grace completed"
expect_sql "SELECT COUNT(*) FROM api_tokens WHERE name = 'too slow'" 0

# SIGINT stops the server the same way.
start_server
as anon
req GET /healthz
expect_status 200
last_cmd="kill -INT"
kill -INT "$SERVER_PID"
_wait_pid "$SERVER_PID" 30 || fail "no exit after SIGINT"
status=0
wait "$SERVER_PID" || status=$?
[ "$status" -eq 0 ] || fail "exit $status after SIGINT"
grep -q "SIGINT received" "$SERVER_ERR" || fail "no SIGINT message"
SERVER_PIDS[$(_server_index "$SERVER_PID")]=""
