#!/bin/bash
# The authorization matrix, driven by `consort routes`: every route against
# anonymous callers and every role (sessions with CSRF, then API tokens).
# Public routes never answer 401/403; anonymous calls to the others get 401;
# roles a route does not list get 403; roles it lists get past access control
# (anything but 401/403, and never a 5xx, which req checks for every call).
# Path parameters are partner A's objects (lib.sh PARAM_A; "x" for unknown
# names), write bodies are {} (so most writes fail validation harmlessly).
# Also checks the table's own consistency.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server

routes_table >"$T/routes.txt"
nroutes=$(wc -l <"$T/routes.txt")
[ "$nroutes" -ge 14 ] || fail "only $nroutes routes in the table"

# ---- the table itself ----
known_roles=" ${ROLES[*]} "
while IFS='|' read -r method path roles public write scoped; do
	where="$method $path"
	[[ $method =~ ^(GET|POST|PUT|PATCH|DELETE)$ ]] || fail "$where: unknown method"
	[[ $path == /* ]] || fail "$where: the path does not start with /"
	if [ "$public" = true ]; then
		[ -z "$roles" ] || fail "$where: public, yet lists roles"
		[ "$scoped" = false ] || fail "$where: public and partner-scoped"
	else
		[ -n "$roles" ] || fail "$where: no role may call it"
	fi
	for role in $roles; do
		[[ $known_roles == *" $role "* ]] || fail "$where: unknown role $role"
	done
	# A state-changing method must be a write (CSRF, token scope) unless public;
	# a GET must not be one (it would skip neither, but GETs must not change state).
	if [ "$method" = GET ]; then
		[ "$write" = false ] || fail "$where: a GET marked write"
	elif [ "$public" = false ]; then
		[ "$write" = true ] || fail "$where: $method without the write flag skips CSRF checks"
	fi
done <"$T/routes.txt"
dups=$(cut -d'|' -f1,2 "$T/routes.txt" | sort | uniq -d)
[ -z "$dups" ] || fail "routes listed twice: $dups"

# ---- objects the path parameters name ----
# A token of admin's own for DELETE /api/v1/tokens/{token} (admins may revoke any).
make_token admin read
PARAM_A[token]=$TOKEN_ID

# check ROUTE-FIELDS IDENTITY VIA: the request and what access control must have answered.
checked=0
declare -A url_of=()
check() {
	local method=$1 path=$2 roles=$3 public=$4 write=$5 scoped=$6 who=$7 via=$8 body=""
	[ -n "${url_of[$path]:-}" ] || url_of[$path]=$(fill_path "$path" A)
	! has_body "$method" || body='{}'
	req "$method" "${url_of[$path]}" "$body"
	checked=$((checked + 1))
	if [ "$public" = true ]; then
		[[ $status != 401 && $status != 403 ]] || fail "public route answered $status ($via)"
	elif [ "$who" = anon ]; then
		expect_status 401
		expect_error unauthenticated
	elif ! has_role "$roles" "${who%_b}"; then
		expect_status 403
		expect_error forbidden
		expect_message "${who%_b}"
	elif [ "$via" = "read token" ] && [ "$write" = true ]; then
		expect_status 403
		expect_error forbidden
		expect_message "read-only"
	else
		[[ $status != 401 && $status != 403 ]] ||
			fail "$who ($via) is listed for $method $path but got $status"
		# Partner users get past the partner scope with their own partner.
		if [ "$scoped" = true ] && [ "$status" = 404 ]; then
			[ "$ERROR_FIELD" != partner ] ||
				fail "$who ($via) refused its own partner on $method $path"
		fi
	fi
}

# ---- sessions (with the right CSRF token) and anonymous ----
for who in "${ROLES[@]}"; do
	login "$who"
done
while IFS='|' read -r method path roles public write scoped; do
	for who in anon "${ROLES[@]}"; do
		as "$who"
		check "$method" "$path" "$roles" "$public" "$write" "$scoped" "$who" session
		# A write that worked may have ended the caller's session (DELETE /api/v1/session):
		# req logs in again when the cookie is gone; a session deleted server-side is
		# caught here.
		if [ "$who" != anon ] && [ "$write" = true ] && [ "$status" -lt 300 ]; then
			req GET /api/v1/session
			[ "$status" = 200 ] || login "$who"
		fi
	done
done <"$T/routes.txt"

# ---- API tokens on the write routes: read tokens never write; write tokens act as
# their role (token authentication itself is the same for every route: reads by token
# are t0200's) ----
declare -A read_tok write_tok
for who in "${ROLES[@]}"; do
	make_token "$who" read
	read_tok[$who]=$TOKEN
	make_token "$who" write
	write_tok[$who]=$TOKEN
done
while IFS='|' read -r method path roles public write scoped; do
	[ "$public" = false ] && [ "$write" = true ] || continue
	for who in "${ROLES[@]}"; do
		as "bearer:${read_tok[$who]}"
		check "$method" "$path" "$roles" "$public" "$write" "$scoped" "$who" "read token"
		as "bearer:${write_tok[$who]}"
		check "$method" "$path" "$roles" "$public" "$write" "$scoped" "$who" "write token"
	done
done <"$T/routes.txt"
# And one read by token per route family is enough to show reads work: GET routes as
# admin's read token.
while IFS='|' read -r method path roles public write scoped; do
	[ "$public" = false ] && [ "$method" = GET ] && has_role "$roles" admin || continue
	as "bearer:${read_tok[admin]}"
	check "$method" "$path" "$roles" "$public" "$write" "$scoped" admin "read token"
done <"$T/routes.txt"

echo "matrix: $nroutes routes, $checked requests checked"
