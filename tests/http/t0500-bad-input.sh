#!/bin/bash
# Bad input, driven by `consort routes`: every route that takes a body (POST,
# PUT, PATCH; public ones anonymously, others with a write token of a role
# they list) gets malformed JSON (400 invalid_json), the wrong or no
# Content-Type (415), an unknown field (400 unknown_field), a non-object,
# duplicate keys, invalid UTF-8, deep nesting, an empty body, and (on a server
# with --max-body 1024) 2 KB (413). DELETE routes get the same bodies and must
# simply not fail. Then the HTTP layer: oversized headers and URLs, garbage
# request lines, bad query values. Never a 5xx (req checks every answer), and
# the server keeps answering.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server
start_server --max-body 1024 --max-header 1024 --request-timeout 2
use_server 1

routes_table >"$T/routes.txt"

# Who calls a route: anon for public ones, else a write token of admin or of
# the first role listed (partner roles are partner A's); tokens per server.
declare -A tokens=()
caller() {
	local public=$1 roles=$2 who
	if [ "$public" = true ]; then
		echo anon
		return
	fi
	who=${roles%% *}
	! has_role "$roles" admin || who="admin"
	echo "$who"
}
# as_caller WHO: on the current server.
as_caller() {
	local who=$1
	if [ "$who" = anon ]; then
		as anon
		return
	fi
	if [ -z "${tokens[$PORT:$who]:-}" ]; then
		make_token "$who" write
		tokens[$PORT:$who]=$TOKEN
	fi
	as "bearer:${tokens[$PORT:$who]}"
}

alive() {
	local prev=$AS
	as anon
	req GET /healthz
	expect_status 200
	AS=$prev
}

printf '{"a":%s' "$(head -c 3000 /dev/zero | tr '\0' '[')" >"$T/deep.json"
printf '{"\377":1}' >"$T/latin1.json"
printf '{"name":"x"}\0garbage' >"$T/nul.json"
big=$(jq -nc --arg v "$(head -c 2048 /dev/zero | tr '\0' a)" '{zz_padding: $v}')
# Routes whose handlers deliberately ignore a body (none so far): "METHOD PATH" lines.
BODY_IGNORED=""
# The JSON battery: every malformation on the first JSON route, a sample on the others
# (they all go through http_json_body).
malformed_all=('{' '{"a":' '{"a" 1}' "{'a':1}" '{"a":1,}' 'nul' '{"a":1}}' '{"a":"\x"}'
	'{"a":"\ud800"}' '{"a":"\u0000"}' ' ' '@/dev/null' "@$T/latin1.json" "@$T/deep.json"
	"@$T/nul.json")
malformed_some=('{"a":' "@$T/latin1.json" '@/dev/null')
nonobject_all=('[]' '"text"' '42' 'null' 'true' '[{"a":1}]' '{"a":1,"a":1}')
nonobject_some=('[]' '{"a":1,"a":1}')
ctypes_all=(text/plain application/x-www-form-urlencoded application/jsonx multipart/form-data
	text/json "application/json-patch+json" "")
ctypes_some=(text/plain "")
unknown_all=('{"zz_unknown_field":1}' '{"zz_unknown_field":null}'
	'{"zz_unknown_field":{"nested":[1,2]}}' '{"zz_unknown_field":["y"]}')
unknown_some=('{"zz_unknown_field":{"nested":[1,2]}}')
json_routes=0
other_routes=0
while IFS='|' read -r method path roles public _ _; do
	[ "$method" != GET ] || continue
	url=$(fill_path "$path" A)
	who=$(caller "$public" "$roles")
	where="$method $path as $who"
	use_server 1
	as_caller "$who"
	if has_body "$method"; then
		# Does it take JSON? An unknown field tells: 400 unknown_field, or 415 for
		# routes that take another type (YAML, CSV).
		req "$method" "$url" '{"zz_unknown_field":1}'
		if [ "$status" = 400 ] && [ "$ERROR_CODE" = unknown_field ]; then
			json_routes=$((json_routes + 1))
			if [ "$json_routes" -eq 1 ]; then
				battery=all
				malformed=("${malformed_all[@]}")
				nonobject=("${nonobject_all[@]}")
				ctypes=("${ctypes_all[@]}")
				unknown=("${unknown_all[@]}")
			else
				battery=some
				malformed=("${malformed_some[@]}")
				nonobject=("${nonobject_some[@]}")
				ctypes=("${ctypes_some[@]}")
				unknown=("${unknown_some[@]}")
			fi
			for b in "${malformed[@]}" "${nonobject[@]}"; do
				req "$method" "$url" "$b"
				[ "$status" = 400 ] || fail "$where: body '$b' answered $status, expected 400"
				expect_error invalid_json
			done
			for ct in "${ctypes[@]}"; do
				CTYPE=$ct req "$method" "$url" '{}'
				[ "$status" = 415 ] ||
					fail "$where: Content-Type '$ct' answered $status, expected 415"
				expect_error unsupported_media_type
			done
			for b in "${unknown[@]}"; do
				req "$method" "$url" "$b"
				[ "$status" = 400 ] || fail "$where: body '$b' answered $status, expected 400"
				expect_error unknown_field zz_unknown_field
			done
			if [ "$battery" = all ]; then
				# Other spellings of the JSON type are JSON.
				for ct in "application/json; charset=utf-8" "Application/JSON" \
					"application/json ;x=y"; do
					CTYPE=$ct req "$method" "$url" '{"zz_unknown_field":1}'
					[ "$status" = 400 ] ||
						fail "$where: Content-Type '$ct' answered $status, expected 400"
					expect_error unknown_field zz_unknown_field
				done
			fi
		elif [ "$status" = 415 ]; then
			# Another type (YAML, CSV): garbage of any type is refused with a 4xx.
			other_routes=$((other_routes + 1))
			for ct in text/csv application/yaml "multipart/form-data; boundary=xyz" \
				multipart/form-data text/plain ""; do
				for b in '{' "@$T/latin1.json" "@$T/nul.json" '@/dev/null' \
					'--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\n,,\r\n'; do
					CTYPE=$ct req "$method" "$url" "$b"
					[[ $status == 4* ]] || fail "$where: '$ct' body '$b' answered $status"
				done
			done
		elif [[ $BODY_IGNORED != *"$method $path"* ]]; then
			fail "$where: an unknown field answered $status, not 400 unknown_field: parse the body with http_json_body (or refuse it with 415), or list the route in BODY_IGNORED"
		fi
		alive
		# Too large: 413 whatever the route (on the --max-body 1024 server).
		use_server 2
		as_caller "$who"
		req "$method" "$url" "$big"
		[ "$status" = 413 ] || fail "$where: a 2 KB body answered $status, expected 413"
		expect_error payload_too_large
		req "$method" "$url" "$big" -H 'Transfer-Encoding: chunked'
		[ "$status" = 413 ] || fail "$where: a chunked 2 KB body answered $status, expected 413"
		expect_error payload_too_large
		alive
	else
		# DELETE: bodies are ignored, but must not break anything.
		for b in '{' '{"zz_unknown_field":1}' "$big"; do
			req "$method" "$url" "$b"
		done
		CTYPE=text/plain req "$method" "$url" '{}'
		use_server 2
		as_caller "$who"
		req "$method" "$url" "$big"
		expect_status 413
		alive
	fi
done <"$T/routes.txt"
body_routes=$((json_routes + other_routes))
[ "$body_routes" -ge 5 ] || fail "only $body_routes routes take a body"
use_server 1

# ---- sizes at the limits (server 2: --max-body 1024) ----
use_server 2
as anon
pad() { head -c "$1" /dev/zero | tr '\0' ' '; }
b='{"email":"a@b.cd"}'
req POST /api/v1/session "$b$(pad $((1024 - ${#b})))"
expect_status 422 # exactly 1024 bytes: accepted, then validated
req POST /api/v1/session "$b$(pad $((1025 - ${#b})))"
expect_status 413
req POST /api/v1/session "$b" -H 'Content-Length: 999999999999'
expect_status 413 # declared too large: refused (the body is not awaited)
req POST /api/v1/session "$b" -H 'Content-Length: 18446744073709551617'
expect_status 400 413
alive
# --max-header 1024 (the smallest allowed) limits the request line and headers, not
# what comes with them: a session POST (cookie, CSRF header) with a 1000-byte body is
# served ...
as partner_manager
req POST /api/v1/tokens "{\"name\":\"$(head -c 980 /dev/zero | tr '\0' n | head -c 90)\"$(pad 900)}"
expect_status 201
req GET /api/v1/session "" -H "X-Pad: $(head -c 500 /dev/zero | tr '\0' p)"
expect_status 200
# ... and headers over the limit get 431 (in the error shape when Consort answers it).
req GET /api/v1/session "" -H "X-Pad: $(head -c 1100 /dev/zero | tr '\0' p)"
expect_status 431
[ "$ERROR_CODE" = "" ] || expect_error headers_too_large
req POST /api/v1/tokens '{"name":"x"}' -H "X-Pad: $(head -c 1100 /dev/zero | tr '\0' p)"
expect_status 431
req GET "/healthz?q=$(head -c 1100 /dev/zero | tr '\0' q)"
expect_status 431 414
alive
# A client that hangs up mid-body, and one that stalls (dropped after --request-timeout,
# 2 s): logged and counted as 499 or 408, not as the 200 a request starts with.
partial='POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{'
timeout 10 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; printf "%b" "$2" >&3; exec 3>&-' \
	_ "$PORT" "${partial/session/tokens}" || true
timeout 10 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; printf "%b" "$2" >&3; read -r -t 5 line <&3' \
	_ "$PORT" "$partial" || true
for i in $(seq 1 100); do
	grep -Eq '"path":"/api/v1/tokens".*"status":(408|499)' "$ACCESS_LOG" && break
	sleep 0.05
done
grep -q '"path":"/api/v1/session".*"status":408' "$ACCESS_LOG" ||
	fail "the stalled request is not logged as 408: $(grep '/api/v1/session' "$ACCESS_LOG" | tail -n 2)"
grep -Eq '"path":"/api/v1/tokens".*"status":(408|499)' "$ACCESS_LOG" ||
	fail "the abandoned request is not logged as 499 or 408: $(grep '/api/v1/tokens' "$ACCESS_LOG" | tail -n 2)"
as anon
req GET /metrics
grep -q 'status="408"}' "$OUT" || fail "no 408 in the metrics"
alive

# ---- the HTTP layer ----
use_server 1
as anon
# Headers too large (default --max-header 32768): 431, from Consort or, far over the
# limit, from libmicrohttpd.
req GET /healthz "" -H "X-Big: $(head -c 40000 /dev/zero | tr '\0' a)"
expect_status 431
alive
req GET /api/v1/session "" -H "Cookie: consort_session=$(head -c 40000 /dev/zero | tr '\0' a)"
expect_status 431
alive
req GET /healthz "" -H "X-Big: $(head -c 100000 /dev/zero | tr '\0' a)"
expect_status 431
alive
hdrs=()
for i in $(seq 1 800); do
	printf -v v '%040d' "$i"
	hdrs+=(-H "X-H$i: $v")
done
req GET /healthz "" "${hdrs[@]}"
expect_status 431
alive
# A URL too long.
req GET "/$(head -c 40000 /dev/zero | tr '\0' a)"
expect_status 414 431
alive
# Odd but valid: headers the server does not use, bytes above 127, a huge query.
req GET /healthz "" -H "X-Latin: $(printf '\351\377')" -H "User-Agent: $(printf '\001\177')"
expect_status 200
req GET "/healthz?$(head -c 20000 /dev/zero | tr '\0' q)=1"
expect_status 200
# Cookies and tokens of every wrong shape.
for c in "consort_session=" "consort_session=%00" "consort_session=$(printf '%064d' 0)x" \
	"consort_session" "=;=;" "consort_session=a; consort_session=b"; do
	req GET /api/v1/session "" -H "Cookie: $c"
	expect_status 401
done
as admin
req GET /api/v1/session "" -H "Authorization: Bearer $(printf 'cst_%s' "$(head -c 64 /dev/zero | tr '\0' 'g')")"
expect_status 401 # a bad token is not rescued by a good cookie
# Query values.
for q in 'limit=' 'limit=1e2' 'limit=99999999999999999999' 'cursor=99999999999999999999' \
	'limit=%00' 'limit=1&limit=2' 'cursor=1%20'; do
	req GET "/api/v1/audit?$q"
	expect_status 200 400
done
req GET '/api/v1/audit?entity=%ff%fe'
expect_status 200
req GET '/api/v1/audit?cursor=9223372036854775807'
expect_status 200
expect_jq '.items == []'
alive

# Raw requests the client libraries would not send.
# raw TEXT: sends TEXT (printf %b escapes) on a new connection, prints the
# status line of the answer ("" when none comes within 2 s, or the connection
# is closed without one).
raw() {
	timeout 10 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 0; printf "%b" "$2" >&3
		IFS= read -r -t 2 line <&3; printf "%s\n" "${line%$'"'\\r'"'}"' _ "$PORT" "$1" \
		2>/dev/null || true
}
for r in 'GARBAGE\r\n\r\n' 'GET\r\n\r\n' 'GET / HTTP/9.9\r\nHost: x\r\n\r\n' \
	'GET /healthz HTTP/1.1\r\n\r\n' 'GET /healthz HTTP/1.1\r\nHost: x\r\nBad header\r\n\r\n' \
	'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}' \
	'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n' \
	'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}' \
	'GET /healthz HTTP/1.0\r\n\r\n' '\x00\x01\x02\xff\r\n\r\n' \
	'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{'; do
	line=$(raw "$r")
	case $line in
	"" | "HTTP/1."[01]" "[2-4]* | "HTTP/1.1 505 "*) ;; # (505: libmicrohttpd, for HTTP/9.9)
	*) fail "raw request '$r' answered '$line'" ;;
	esac
	alive
done
[[ $(raw 'GET /healthz HTTP/1.0\r\n\r\n') == "HTTP/1."?" 200"* ]] || fail "HTTP/1.0 not served"

# Many requests at once: still no 5xx, and the server answers afterwards.
burst=()
for i in $(seq 1 40); do
	curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' \
		--data-binary '{"email":"x@y.zz","password":"' "$BASE/api/v1/session" &
	burst+=($!)
done >"$T/burst.txt"
wait "${burst[@]}" # (not a bare wait: the servers are children too)
! grep -v '^400$' "$T/burst.txt" | grep -q . || fail "burst answers: $(sort "$T/burst.txt" | uniq -c)"
alive
