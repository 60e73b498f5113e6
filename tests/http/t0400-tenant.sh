#!/bin/bash
# Tenant isolation, driven by `consort routes`: partner A's users (acme) must
# not reach partner B's (globex) objects, nor B's theirs.
#   - every partner-scoped route, as each partner role it lists: {partner} = B
#     or a partner that does not exist -> 403/404; {partner} = A with B's
#     objects in the other parameters -> 403/404; A with A's -> past the scope;
#   - vendor roles on a partner that does not exist -> 404 (or a 4xx for writes);
#   - every other route a partner role may call that names partner-owned
#     objects (parameters whose A and B values differ): B's objects -> 403/404;
#   - no answer to A's users (reads of every route they may call) mentions
#     partner B or B's users.
# Write routes get {} bodies; a write may answer 400/422 (body validation before
# the lookup), provided the message does not name B's object.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server

# Tokens of each side's partner user, for /api/v1/tokens/{token}.
make_token partner_user_b read
PARAM_B[token]=$TOKEN_ID
make_token partner_user read
PARAM_A[token]=$TOKEN_ID

routes_table >"$T/routes.txt"
PARTNER_IDS=(partner_admin partner_user)
B_IDS=(partner_admin_b partner_user_b)

# Parameters (other than partner) naming objects that differ between A and B.
owned_params() {
	local name
	for name in $(path_params "$1"); do
		[ "$name" != partner ] || continue
		[ "$(param_value "$name" A)" = "$(param_value "$name" B)" ] || echo "$name"
	done
}

body_for() {
	if has_body "$1"; then echo '{}'; fi
}

# expect_refused WHAT METHOD: 403 or 404; writes may also answer 400/422 when the
# message does not mention B's objects.
expect_refused() {
	local what=$1 method=$2 name
	case $status in
	403 | 404) return 0 ;;
	400 | 422)
		if [ "$method" != GET ]; then
			! grep -qF "\"$PARTNER_B\"" "$OUT" || fail "$what: the error names partner B"
			return 0
		fi
		;;
	esac
	fail "$what: expected 403 or 404, got $status"
}

scoped=0
walked=0
while IFS='|' read -r method path roles public _ scoped_flag; do
	owned=$(owned_params "$path")
	if [ "$scoped_flag" = true ]; then
		scoped=$((scoped + 1))
		[[ $path == *"{partner}"* ]] ||
			fail "$method $path is partner-scoped but has no {partner} parameter"
		body=$(body_for "$method")
		for who in "${PARTNER_IDS[@]}"; do
			has_role "$roles" "$who" || continue
			as "$who"
			# Partner B's records and a partner that does not exist: refused alike.
			req "$method" "$(fill_path "$path" B)" "$body"
			expect_refused "$who on B's $method $path" "$method"
			req "$method" "$(fill_path "$path" NONE)" "$body"
			expect_refused "$who on a missing partner, $method $path" "$method"
			# Its own partner with B's objects.
			if [ -n "$owned" ]; then
				req "$method" "$(fill_path "$path" B A)" "$body"
				expect_refused "$who on A's $method $path with B's objects" "$method"
			fi
			# Its own partner: past the scope check.
			req "$method" "$(fill_path "$path" A)" "$body"
			[[ $status != 401 && $status != 403 ]] ||
				fail "$who refused on its own partner: $method $path"
			if [ "$status" = 404 ] && [ "$ERROR_FIELD" = partner ]; then
				fail "$who: own partner taken for another on $method $path"
			fi
			walked=$((walked + 1))
		done
		# B's users on A's records.
		for who in "${B_IDS[@]}"; do
			has_role "$roles" "$(role_of "$who")" || continue
			as "$who"
			req "$method" "$(fill_path "$path" A)" "$body"
			expect_refused "$who on A's $method $path" "$method"
		done
		# Vendor roles: a partner that does not exist is not found.
		for who in "${VENDOR_ROLES[@]}"; do
			has_role "$roles" "$who" || continue
			as "$who"
			req "$method" "$(fill_path "$path" NONE)" "$body"
			if [ "$method" = GET ]; then
				expect_status 404
			else
				[[ $status =~ ^4 && $status != 401 && $status != 403 ]] ||
					fail "$who on a missing partner, $method $path: got $status"
			fi
			break
		done
	elif [ "$public" = false ] && [ -n "$owned" ]; then
		# Not scoped by {partner}, yet names partner-owned objects: the handler must check.
		body=$(body_for "$method")
		for who in "${PARTNER_IDS[@]}"; do
			has_role "$roles" "$who" || continue
			as "$who"
			req "$method" "$(fill_path "$path" B)" "$body"
			expect_refused "$who on B's $method $path" "$method"
			walked=$((walked + 1))
		done
	fi
done <"$T/routes.txt"

# No read of A's users mentions B: partner B's key as a value, or B's users.
leaks() {
	grep -qF "\"$PARTNER_B\"" "$OUT" || grep -qF "_b@consort.test" "$OUT"
}
reads=0
while IFS='|' read -r method path roles public _ _; do
	[ "$method" = GET ] && [ "$public" = false ] || continue
	for who in "${PARTNER_IDS[@]}"; do
		has_role "$roles" "$who" || continue
		as "$who"
		req GET "$(fill_path "$path" A)"
		! leaks || fail "$who sees partner B's data in GET $path"
		reads=$((reads + 1))
	done
done <"$T/routes.txt"

# The same for tokens: A's partner users with API tokens get the same answers.
for who in "${PARTNER_IDS[@]}"; do
	as "bearer:$(token "$who" read)"
	req GET /api/v1/session
	expect_json .partner "$PARTNER_A"
	req GET /api/v1/tokens
	! leaks || fail "$who sees partner B's tokens"
done

# Specific checks of the current routes.
as partner_admin
req GET /api/v1/users
expect_status 200
expect_jq 'all(.items[]; .partner == "acme")'
req DELETE "/api/v1/tokens/${PARAM_B[token]}"
expect_status 404
as partner_admin_b
req GET /api/v1/users
expect_jq 'all(.items[]; .partner == "globex")'
req POST /api/v1/invitations '{"email":"spy@globex.test","role":"partner_user"}'
expect_status 201
expect_json .partner "$PARTNER_B"
spy=$(json .id)
# A's partner admin neither lists nor revokes B's invitation.
as partner_admin
req GET /api/v1/invitations
expect_status 200
! leaks || fail "partner_admin sees partner B's invitations"
req DELETE "/api/v1/invitations/$spy"
expect_status 404
as partner_admin_b
req GET /api/v1/invitations
expect_jq "any(.items[]; .id == $spy)"
# B's token still works: nobody on A's side could revoke it.
as "bearer:$(token partner_user_b read)"
req GET /api/v1/session
expect_status 200

echo "tenant: $scoped partner-scoped routes, $walked walks, $reads reads checked for leaks"
