# shellcheck shell=bash disable=SC2034,SC2015,SC2119,SC2120
# Shared helpers of the HTTP integration tests, sourced by every tests/http/tNNNN-*.sh.
#
# tests/run-http runs each script in a fresh temporary directory with CONSORT
# (the binary), TEST_DIR (tests/http), CLI_TEST_DIR (tests/cli), FIXTURES
# (tests/cli/fixtures) and CONSORT_ACTOR=tester set, and no CONSORT_* setting.
# This file sources tests/cli/lib.sh, so `run`, `expect_ok`, `expect_json`,
# `expect_jq`, `json`, `sql`, `expect_sql` work here too: after `req` they
# read the response (status in $status, body in $OUT, headers in $HDR).
# Scripts are fail-fast: the first unmet expectation prints the request,
# status, headers, body and the server's stderr, and exits 1.
#
# The database (build_db, called by the first start_server): every fixture
# of tests/cli/fixtures and tests/http/fixtures (so that partners A and B have
# records of every kind), pending tier proposals (segment-2025, annual 2025),
# and one user per identity, all with the password $PASSWORD:
#
#   admin partner_manager marketing finance solution_engineer   vendor roles
#   partner_admin partner_user          partner A ($PARTNER_A, acme)
#   partner_admin_b partner_user_b      partner B ($PARTNER_B, globex)
#
# An identity's email is IDENTITY@consort.test (email_of).
#
#   start_server [serve flags...]   serves consort.db (or $CONSORT_DB) on a free
#                                   port of 127.0.0.1; sets BASE, PORT, SERVER_PID,
#                                   SERVER_ERR (its stderr), ACCESS_LOG. At exit every
#                                   server gets SIGTERM and must exit 0 with no
#                                   sanitizer report (stop_server does it earlier).
#   use_server N                    back to the Nth server started (1 = first)
#   as IDENTITY                     whom the next requests are from: anon, an identity
#                                   above (its session cookie, logging in when needed),
#                                   or bearer:TOKEN
#   login IDENTITY                  a new session (cookie jar per identity and server,
#                                   CSRF token from GET /api/v1/session); then as IDENTITY
#   req METHOD PATH [BODY] [curl args...]
#                                   one request. BODY (JSON text, or @FILE) is sent with
#                                   Content-Type $CTYPE (default application/json; CTYPE=
#                                   sends none). Session writes carry X-CSRF-Token unless
#                                   CSRF=omit (CSRF=VALUE sends VALUE). Fails on a 5xx
#                                   (unless ALLOW_5XX=1), and on an error (4xx) that is
#                                   not {"error":{"code","message","field"}} (MHD's own
#                                   HTML pages for 400/413/414/431 excepted); sets
#                                   ERROR_CODE, ERROR_FIELD, ERROR_MESSAGE. 2xx JSON
#                                   answers must parse: checked at exit, all at once.
#   expect_status N...              the status is one of N...
#   expect_error CODE [FIELD]       the error's code (and field)
#   expect_message TEXT             the error's message contains TEXT
#   header NAME / expect_header NAME [TEXT]   a response header (contains TEXT)
#   make_token IDENTITY [read|write]   creates an API token: $TOKEN, $TOKEN_ID
#   token IDENTITY [read|write]     prints a new API token
#   session_id IDENTITY             the identity's session cookie value
#   routes_table                    `consort routes` as lines METHOD|PATH|ROLES|PUBLIC|WRITE|SCOPED
#                                   (ROLES space-separated; the others true/false)
#   fill_path PATTERN [A|B|NONE]    the pattern with {name} filled from PARAM_A /
#                                   PARAM_B ("x" for unknown names); NONE: a partner
#                                   that does not exist
#   stop_server [N]                 SIGTERM, then expect exit 0 and no sanitizer report

# shellcheck source=tests/cli/lib.sh
. "${CLI_TEST_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../cli" && pwd)}/lib.sh"

HDR=$T/.headers
# Each answer in its own file (OUT names the last one); `run` keeps using .stdout.
REQ_N=0
JSON_ANSWERS=()
ERROR_CODE=""
ERROR_FIELD=""
ERROR_MESSAGE=""
mkdir -p "$T/.answers"
eval "$(declare -f run | sed '1s/^run ()/_cli_run ()/')"
run() {
	OUT=$T/.stdout
	_cli_run "$@"
}
PASSWORD="correct-horse-battery-staple"
PARTNER_A=acme
PARTNER_B=globex
PARTNER_NONE=no-such-partner
VENDOR_ROLES=(admin partner_manager marketing finance solution_engineer)
ROLES=("${VENDOR_ROLES[@]}" partner_admin partner_user)
IDENTITIES=("${ROLES[@]}" partner_admin_b partner_user_b)
SANITIZER_RE='runtime error:|AddressSanitizer|LeakSanitizer'

AS=anon
BASE=""
PORT=""
SERVER_PID=""
SERVER_ERR=""
ACCESS_LOG=""
JARS=""
SERVER_PIDS=()
SERVER_ERRS=()
SERVER_BASES=()
SERVER_JARS=()
SERVER_LOGS=()
TOKEN=""
TOKEN_ID=""

# Path parameters by name, for partner A's objects and partner B's. Routes
# with a parameter not named here get "x" (a 404 for most handlers); name new
# parameters here when the routes that use them are added. {user} and
# {proposal} come from the database (start_server), {token} from the scripts.
declare -A PARAM_A=([partner]=$PARTNER_A [program]=segment-2025 [deal]=d-acme-1
	[solution]=acme-sync [story]=acme-s1 [agreement]=tos [year]=2025 [quarter]=2025Q1
	[month]=2024-05 [commit]=c-acme [tier]=silver [kind]=partners [code]=x [mode]=annual [slug]=$PARTNER_A)
declare -A PARAM_B=([partner]=$PARTNER_B [program]=segment-2025 [deal]=d-globex-1
	[solution]=globex-cdp [story]=globex-s1 [agreement]=tos [year]=2025 [quarter]=2025Q1
	[month]=2024-07 [commit]=c-globex [tier]=silver [kind]=partners [code]=x [mode]=annual
	[slug]=$PARTNER_B)

# ---- failures ----

_caller() {
	local i
	for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
		case ${BASH_SOURCE[i]} in
		*/tests/http/lib.sh | */tests/cli/lib.sh | */http/lib.sh | */cli/lib.sh) ;;
		*)
			echo "$(basename "${BASH_SOURCE[i]}"):${BASH_LINENO[i - 1]}"
			return
			;;
		esac
	done
	echo "?"
}

fail() {
	{
		echo "FAIL: $*"
		echo "--- last: $last_cmd"
		echo "--- status: $status"
		if [[ $last_cmd == consort* ]]; then
			_show_file stdout "$OUT"
			_show_file stderr "$ERR"
		else
			_show_file "response headers" "$HDR"
			_show_file "response body" "$OUT"
		fi
		if [ -n "$SERVER_ERR" ] && [ -s "$SERVER_ERR" ]; then
			echo "--- server stderr (last lines):"
			tail -n 20 "$SERVER_ERR"
		fi
		echo "--- at: $(_caller)"
	} >&2
	exit 1
}

# ---- the database ----

email_of() { echo "$1@consort.test"; }

# role_of IDENTITY: partner_admin_b -> partner_admin
role_of() { echo "${1%_b}"; }

partner_of() {
	case $1 in
	partner_admin | partner_user) echo "$PARTNER_A" ;;
	partner_admin_b | partner_user_b) echo "$PARTNER_B" ;;
	*) echo "" ;;
	esac
}

# add_user IDENTITY: `consort user add` with $PASSWORD on stdin.
add_user() {
	local id=$1 partner
	local -a args=(user add "$(email_of "$id")" --role "$(role_of "$id")")
	partner=$(partner_of "$id")
	[ -z "$partner" ] || args+=(--partner "$partner")
	last_cmd="consort ${args[*]} --password-stdin"
	status=0
	"$CONSORT" "${args[@]}" --password-stdin <<<"$PASSWORD" >"$OUT" 2>"$ERR" || status=$?
	[ "$status" -eq 0 ] || fail "cannot add user $id"
}

# The fixtures, proposals and users in ${CONSORT_DB:-consort.db}: a copy of
# $HTTP_TEMPLATE_DB when run-http made one, else built here.
build_db() {
	local db=${CONSORT_DB:-consort.db} id
	if [ -n "${HTTP_TEMPLATE_DB:-}" ] && [ -f "$HTTP_TEMPLATE_DB" ]; then
		cp "$HTTP_TEMPLATE_DB" "$db" || fail "cannot copy $HTTP_TEMPLATE_DB"
		return 0
	fi
	load_fixtures
	# Records of every kind for both partners A and B, with distinct keys.
	for kind in spend commits plans; do
		expect_ok import "$kind" "$TEST_DIR/fixtures/$kind.csv"
	done
	expect_ok evaluate --program segment-2025 --mode annual --year 2025 --as-of 2025-01-15 \
		--propose
	for id in "${IDENTITIES[@]}"; do
		add_user "$id"
	done
}

# Path parameters read from the database: users and tier proposals of A and B.
_db_params() {
	local db=${CONSORT_DB:-consort.db}
	PARAM_A[user]=$(sqlite3 -batch "$db" \
		"SELECT id FROM users WHERE email = '$(email_of partner_user)'")
	PARAM_B[user]=$(sqlite3 -batch "$db" \
		"SELECT id FROM users WHERE email = '$(email_of partner_user_b)'")
	PARAM_A[proposal]=$(sqlite3 -batch "$db" "SELECT MIN(t.id) FROM tier_proposals t
		JOIN partners p ON p.id = t.partner_id WHERE p.key = '$PARTNER_A'")
	PARAM_B[proposal]=$(sqlite3 -batch "$db" "SELECT MIN(t.id) FROM tier_proposals t
		JOIN partners p ON p.id = t.partner_id WHERE p.key = '$PARTNER_B'")
}

# ---- servers ----

_server_index() {
	local i
	for i in "${!SERVER_PIDS[@]}"; do
		[ "${SERVER_PIDS[i]}" != "$1" ] || {
			echo "$i"
			return
		}
	done
	echo -1
}

use_server() {
	local i=$(($1 - 1))
	[ "$i" -ge 0 ] && [ "$i" -lt "${#SERVER_PIDS[@]}" ] || fail "no server $1"
	SERVER_PID=${SERVER_PIDS[i]}
	SERVER_ERR=${SERVER_ERRS[i]}
	BASE=${SERVER_BASES[i]}
	PORT=${BASE##*:}
	JARS=${SERVER_JARS[i]}
	ACCESS_LOG=${SERVER_LOGS[i]}
}

start_server() {
	local n=$((${#SERVER_PIDS[@]} + 1)) suffix="" err log port pid base try i up=false lo span
	[ -f "${CONSORT_DB:-consort.db}" ] || build_db
	[ -n "${PARAM_A[user]:-}" ] || _db_params
	[ "$n" -eq 1 ] || suffix=-$n
	err=$T/server$suffix.err
	log=$T/access$suffix.log
	# Ports below the kernel's ephemeral range (client sockets take those).
	read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || lo=32768
	[ "$lo" -gt 12000 ] || lo=32768
	span=$((lo - 10000))
	base=$((RANDOM * 32768 + RANDOM))
	for try in $(seq 0 29); do
		port=$((10000 + (base + try * 997) % span))
		# (A failed attempt's stderr is kept: it may say something, e.g. a first-run password.)
		[ ! -s "$err" ] || cat "$err" >>"$err.failed"
		: >"$err"
		"$CONSORT" serve --listen "127.0.0.1:$port" --access-log "$log" --threads 2 "$@" \
			</dev/null >"$T/server$suffix.out" 2>"$err" &
		pid=$!
		for i in $(seq 1 400); do
			if grep -q "listening on" "$err"; then
				up=true
				break
			fi
			_alive "$pid" || break
			sleep 0.025
		done
		$up && break
		if _alive "$pid"; then
			kill -KILL "$pid" 2>/dev/null
			wait "$pid" 2>/dev/null || true
			SERVER_ERR=$err
			fail "consort serve did not start within 10 s"
		fi
		status=0
		wait "$pid" || status=$?
		if ! grep -q "cannot listen" "$err"; then
			last_cmd="consort serve --listen 127.0.0.1:$port --access-log $log --threads 2 $*"
			SERVER_ERR=$err
			fail "consort serve failed to start (exit $status)"
		fi
	done
	$up || fail "no free port found for consort serve"
	SERVER_PIDS+=("$pid")
	echo "$pid" >>"$T/.server-pids" # run-http kills what a crashed script left
	SERVER_ERRS+=("$err")
	SERVER_BASES+=("http://127.0.0.1:$port")
	SERVER_JARS+=("$T/.jars$suffix")
	SERVER_LOGS+=("$log")
	mkdir -p "$T/.jars$suffix"
	if [ "$n" -eq 1 ]; then
		trap _on_exit EXIT
		trap "exit 143" TERM INT
	fi
	use_server "$n"
	# Ready when /healthz answers.
	for i in $(seq 1 200); do
		if curl -s -o /dev/null --max-time 2 "$BASE/healthz"; then
			return 0
		fi
		sleep 0.025
	done
	fail "the server on port $port does not answer /healthz"
}

# _alive PID: whether PID runs (a zombie, ended but not waited for, does not).
_alive() {
	local st=""
	# The process may end between the test and the read: the group's 2>/dev/null is in
	# place before the redirection can fail (a plain "read <f 2>/dev/null" is not).
	{ read -r _ _ st _ <"/proc/$1/stat"; } 2>/dev/null || return 1
	[ "$st" != Z ]
}

# _wait_pid PID SECONDS: whether PID ended in time.
_wait_pid() {
	local i
	for ((i = 0; i < $2 * 20; i++)); do
		_alive "$1" || return 0
		sleep 0.05
	done
	return 1
}

# _stop N: SIGTERM to the Nth server, then waits for it; prints what is wrong
# (nothing when it exited 0 within 30 s, said "stopped" and has no sanitizer
# report) and sets server_status.
_stop() {
	local i=$(($1 - 1)) pid err
	pid=${SERVER_PIDS[i]}
	err=${SERVER_ERRS[i]}
	SERVER_PIDS[i]=""
	server_status=0
	kill -TERM "$pid" 2>/dev/null || true
	if ! _wait_pid "$pid" 30; then
		kill -KILL "$pid" 2>/dev/null || true
		echo "server $1 did not stop within 30 s of SIGTERM"
	fi
	wait "$pid" || server_status=$?
	if grep -Eq "$SANITIZER_RE" "$err"; then
		echo "sanitizer report in the stderr of server $1:"
		grep -E -A30 "$SANITIZER_RE" "$err"
	elif [ "$server_status" -ne 0 ]; then
		echo "server $1 exited $server_status after SIGTERM"
	elif ! grep -q "consort: stopped" "$err"; then
		echo "server $1 did not say it stopped"
	fi
}

# stop_server [N]: stops the Nth server (default the current one) and expects
# a clean exit (see _stop).
stop_server() {
	local n problem
	if [ $# -gt 0 ]; then
		n=$1
	else
		n=$(($(_server_index "$SERVER_PID") + 1))
	fi
	[ "$n" -ge 1 ] && [ -n "${SERVER_PIDS[n - 1]:-}" ] || fail "server $n is not running"
	SERVER_ERR=${SERVER_ERRS[n - 1]}
	last_cmd="kill -TERM (server $n, pid ${SERVER_PIDS[n - 1]})"
	_stop "$n" >"$T/.stop" 2>&1
	problem=$(cat "$T/.stop")
	status=$server_status
	[ -z "$problem" ] || fail "$problem"
}

_on_exit() {
	local rc=$? i problem
	trap - EXIT
	if [ "$rc" -eq 0 ]; then
		_check_answers >&2 || rc=1
	fi
	for i in "${!SERVER_PIDS[@]}"; do
		[ -n "${SERVER_PIDS[i]}" ] || continue
		_stop $((i + 1)) >"$T/.stop" 2>&1
		problem=$(cat "$T/.stop")
		if [ -n "$problem" ]; then
			echo "FAIL at exit: $problem" >&2
			rc=1
		fi
	done
	exit "$rc"
}

# ---- requests ----

_jar() { echo "$JARS/$1.jar"; }
_csrf_file() { echo "$JARS/$1.csrf"; }

as() {
	AS=$1
}

login() {
	local id=$1 jar
	jar=$(_jar "$id")
	rm -f "$jar" "$(_csrf_file "$id")"
	AS=anon
	req POST /api/v1/session \
		"$(jq -nc --arg e "$(email_of "$id")" --arg p "$PASSWORD" '{email: $e, password: $p}')" \
		-c "$jar"
	[ "$status" = 200 ] || fail "login as $id failed"
	req GET /api/v1/session "" -b "$jar"
	[ "$status" = 200 ] || fail "GET /api/v1/session as $id after login failed"
	json .csrf_token >"$(_csrf_file "$id")"
	AS=$id
}

session_id() {
	[ ! -f "$(_jar "$1")" ] || awk '$6 == "consort_session" { print $7 }' "$(_jar "$1")"
}

req() {
	local method=$1 path=$2 body=${3-} rc=0 ctype out jar csrf lines
	local -a a
	shift 2
	[ $# -eq 0 ] || shift
	a=(-sS -D "$HDR" --max-time "${REQ_TIMEOUT:-30}" -H 'Expect:')
	if [ "$method" = HEAD ]; then
		a+=(-I)
	else
		a+=(-X "$method")
	fi
	case $AS in
	anon) ;;
	bearer:*) a+=(-H "Authorization: Bearer ${AS#bearer:}") ;;
	*)
		# Logs in the first time, and after a sign-out cleared the cookie.
		jar=$JARS/$AS.jar
		if [ -s "$JARS/$AS.csrf" ] && [ -f "$jar" ]; then
			mapfile -t lines <"$jar"
			[[ ${lines[*]} == *consort_session* ]] || login "$AS"
		else
			login "$AS"
		fi
		a+=(-b "$jar" -c "$jar")
		if [ "$method" != GET ] && [ "$method" != HEAD ]; then
			read -r csrf <"$JARS/$AS.csrf"
			case ${CSRF:-auto} in
			auto) a+=(-H "X-CSRF-Token: $csrf") ;;
			omit) ;;
			*) a+=(-H "X-CSRF-Token: $CSRF") ;;
			esac
		fi
		;;
	esac
	# (After a login above, which makes requests of its own.)
	REQ_N=$((REQ_N + 1))
	OUT=$T/.answers/$REQ_N
	: >"$OUT"
	a+=(-o "$OUT")
	if [ -n "$body" ]; then
		a+=(--data-binary "$body")
		if [ -n "${CTYPE-application/json}" ]; then
			a+=(-H "Content-Type: ${CTYPE-application/json}")
		else
			a+=(-H 'Content-Type:')
		fi
	fi
	last_cmd="$method $path (as $AS)"
	[ -z "$body" ] || last_cmd+=" body: ${body:0:300}"
	[ $# -eq 0 ] || last_cmd+=" curl: $*"
	: >"$HDR"
	out=$(curl "${a[@]}" -w '%{http_code} %{content_type}' "$@" "$BASE$path") || rc=$?
	status=${out%% *}
	ctype=${out#* }
	if [ "$rc" -ne 0 ] && [ -z "${ALLOW_CURL_FAIL:-}" ]; then
		fail "curl failed (exit $rc): no answer from the server"
	fi
	if [ "$status" -ge 500 ] && [ -z "${ALLOW_5XX:-}" ]; then
		fail "server error $status"
	fi
	ERROR_CODE=""
	ERROR_FIELD=""
	ERROR_MESSAGE=""
	[ "$method" != HEAD ] || return 0
	if [[ $ctype == application/json* ]]; then
		if [ "$status" -lt 400 ]; then
			# Checked at exit by one jq for all (jq costs ~20 ms a call).
			JSON_ANSWERS+=("$OUT")
			printf '%s\n' "$last_cmd" >"$OUT.req"
		else
			_error_shape ||
				fail "error $status not in the shape {\"error\":{\"code\",\"message\",\"field\"}}"
		fi
	elif [ "$status" -ge 400 ]; then
		# Only libmicrohttpd's own pages (requests it refuses before Consort sees them),
		# and the public pages' own (HTML, or the badge's SVG) outside /api/.
		[[ $status =~ ^(400|413|414|431)$ ]] && grep -q '<html>' "$OUT" ||
			{ [[ $path != /api/* && $ctype =~ ^(text/html|image/svg\+xml) ]] && [ -s "$OUT" ]; } ||
			fail "error $status without a JSON body (Content-Type '$ctype')"
	fi
	return 0
}

# Whether $OUT is {"error":{"code","message","field"}} (other members beside
# "error" allowed, e.g. "problems"), a non-empty code and message and a string
# or null field; sets ERROR_CODE, ERROR_MESSAGE (JSON
# escapes kept) and ERROR_FIELD ("null" for null). Compact answers as the
# server writes them are matched here; anything else goes through jq.
_error_re='^\{"error":\{"code":"([a-z_]+)","message":"(([^"\\]|\\.)+)","field":(null|"(([^"\\]|\\.)*)")\}\}$'
_error_shape() {
	local body="" t
	IFS= read -r -d '' body <"$OUT" || true
	if [[ $body =~ $_error_re ]]; then
		ERROR_CODE=${BASH_REMATCH[1]}
		ERROR_MESSAGE=${BASH_REMATCH[2]}
		ERROR_FIELD=${BASH_REMATCH[5]}
		[ "${BASH_REMATCH[4]}" != null ] || ERROR_FIELD=null
		return 0
	fi
	t=$(jq -re '
		select((.error | type == "object") and (.error | keys == ["code", "field", "message"])
		and (.error.code | type == "string" and length > 0)
		and (.error.message | type == "string" and length > 0)
		and (.error.field | type == "string" or type == "null"))
		| [.error.code, (.error.field // "null"), .error.message] | join("\u0001")' \
		"$OUT" 2>/dev/null) || return 1
	ERROR_CODE=${t%%$'\001'*}
	t=${t#*$'\001'}
	ERROR_FIELD=${t%%$'\001'*}
	ERROR_MESSAGE=${t#*$'\001'}
	return 0
}

# The 2xx JSON answers of the script must all parse.
_check_answers() {
	local f
	[ "${#JSON_ANSWERS[@]}" -gt 0 ] || return 0
	jq -e true "${JSON_ANSWERS[@]}" >/dev/null 2>&1 && return 0
	for f in "${JSON_ANSWERS[@]}"; do
		if ! jq -e true "$f" >/dev/null 2>&1; then
			echo "FAIL: an answer is not JSON: $(cat "$f.req")"
			head -c 2000 "$f"
			echo
			return 1
		fi
	done
	return 0
}

expect_status() {
	local s
	for s in "$@"; do
		[ "$status" != "$s" ] || return 0
	done
	fail "expected HTTP $*, got $status"
}

# expect_error CODE [FIELD]
expect_error() {
	[ "$ERROR_CODE" = "$1" ] || fail "expected error code $1, got '$ERROR_CODE'"
	[ $# -lt 2 ] || [ "$ERROR_FIELD" = "$2" ] ||
		fail "expected error field $2, got '$ERROR_FIELD'"
}

# expect_message TEXT: the error message contains TEXT.
expect_message() {
	[[ $ERROR_MESSAGE == *"$1"* ]] || fail "the error message lacks: $1"
}

# The last value of a response header (case-insensitive name), without CR.
header() {
	awk -v n="$(echo "$1" | tr '[:upper:]' '[:lower:]')" '
		/^HTTP\// { v = ""; found = 0 }
		{ sub(/\r$/, "") }
		{ i = index($0, ":"); if (i && tolower(substr($0, 1, i - 1)) == n) { v = substr($0, i + 1); sub(/^[ \t]+/, "", v); found = 1 } }
		END { if (found) print v }' "$HDR"
}

expect_header() {
	local v
	grep -qi "^$1:" "$HDR" || fail "no $1 header"
	v=$(header "$1")
	[ $# -lt 2 ] || [[ $v == *"$2"* ]] || fail "header $1 is '$v', expected it to contain '$2'"
}

expect_no_header() {
	! grep -qi "^$1:" "$HDR" || fail "unexpected $1 header: $(header "$1")"
}

make_token() {
	local id=$1 scope=${2:-read} prev=$AS
	AS=$id
	req POST /api/v1/tokens "{\"name\":\"$id $scope\",\"scope\":\"$scope\"}"
	[ "$status" = 201 ] || fail "cannot create a $scope token for $id"
	TOKEN=$(json .token)
	TOKEN_ID=$(json .id)
	AS=$prev
}

token() {
	make_token "$@"
	echo "$TOKEN"
}

# ---- the route table ----

routes_table() {
	"$CONSORT" routes --format json >"$T/.routes.json" || fail "consort routes failed"
	jq -r '.[] | [.method, .path, (.roles | join(" ")), .public, .write, .partner_scoped]
		| map(tostring) | join("|")' "$T/.routes.json"
}

# has_role "ROLES" ROLE: whether ROLE is among the space-separated ROLES.
has_role() {
	[[ " $1 " == *" $2 "* ]]
}

param_value() {
	local name=$1 side=$2
	case $side in
	A) echo "${PARAM_A[$name]:-x}" ;;
	B) echo "${PARAM_B[$name]:-${PARAM_A[$name]:-x}}" ;;
	NONE)
		if [ "$name" = partner ]; then
			echo "$PARTNER_NONE"
		else
			echo "${PARAM_A[$name]:-x}"
		fi
		;;
	*) fail "param_value: unknown side '$side'" ;;
	esac
}

# fill_path PATTERN [SIDE] [PARTNER_SIDE]: {partner} from PARTNER_SIDE (default SIDE).
fill_path() {
	local rest=$1 side=${2:-A} pside=${3:-${2:-A}} out="" name
	while [[ $rest =~ ^([^{]*)\{([^}]+)\}(.*)$ ]]; do
		out+=${BASH_REMATCH[1]}
		name=${BASH_REMATCH[2]}
		rest=${BASH_REMATCH[3]}
		if [ "$name" = partner ]; then
			out+=$(param_value "$name" "$pside")
		else
			out+=$(param_value "$name" "$side")
		fi
	done
	echo "$out$rest"
}

# The path parameter names of a pattern, one a line.
path_params() {
	local rest=$1
	while [[ $rest =~ \{([^}]+)\}(.*)$ ]]; do
		echo "${BASH_REMATCH[1]}"
		rest=${BASH_REMATCH[2]}
	done
}

# Milliseconds since the epoch (bash's clock: no process started).
now_ms() {
	local t=${EPOCHREALTIME/[.,]/}
	echo $((t / 1000))
}

# ms_since START_MS: milliseconds since START_MS.
ms_since() {
	echo $(($(now_ms) - $1))
}

# Whether a method sends a body.
has_body() {
	[ "$1" = POST ] || [ "$1" = PUT ] || [ "$1" = PATCH ]
}
