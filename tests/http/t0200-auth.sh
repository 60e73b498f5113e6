#!/bin/bash
# Sign-in, who am I, sign-out, CSRF, API tokens, invitations, users, the audit
# log (HTTP and `consort audit`).
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

# (Throttling is t0210's: here failed sign-ins must not delay the next ones.)
start_server --login-free-failures 1000

creds() { jq -nc --arg e "$1" --arg p "$2" '{email: $e, password: $p}'; }

# ---- sign-in ----
as anon
req POST /api/v1/session "$(creds finance@consort.test "$PASSWORD")" -c "$T/finance.jar"
expect_status 200
expect_json .email finance@consort.test
expect_json .role finance
expect_json .partner null
expect_jq '.csrf_token | test("^[0-9a-f]{64}$")'
expect_jq '.id | type == "number"'
expect_header Set-Cookie "consort_session="
cookie=$(header Set-Cookie)
for attr in "HttpOnly" "SameSite=Lax" "Path=/" "Max-Age=43200"; do
	[[ $cookie == *"$attr"* ]] || fail "the session cookie lacks $attr: $cookie"
done
[[ $cookie != *Secure* ]] || fail "Secure cookie without --secure-cookies"
[[ $cookie =~ consort_session=([0-9a-f]{64}) ]] || fail "the session id is not 64 hex digits"
sid=${BASH_REMATCH[1]}
[ "$(sqlite3 -batch consort.db "SELECT COUNT(*) FROM sessions WHERE sid_hash = '$sid'")" = 0 ] ||
	fail "the session id is stored in clear"

# Emails are case-insensitive; the answer is the stored form.
req POST /api/v1/session "$(creds ' FINANCE@Consort.Test' "$PASSWORD")"
expect_status 401
req POST /api/v1/session "$(creds FINANCE@Consort.Test "$PASSWORD")"
expect_status 200
expect_json .email finance@consort.test

# Failures: one message whether the account exists or not, no cookie.
for c in "finance@consort.test|wrong-password-123" "nobody@consort.test|$PASSWORD" \
	"finance@consort.test|"; do
	req POST /api/v1/session "$(creds "${c%%|*}" "${c#*|}")"
	expect_status 401
	expect_error unauthenticated
	expect_message "invalid email or password"
	expect_no_header Set-Cookie
done
req POST /api/v1/session '{"email":"finance@consort.test"}'
expect_status 422
expect_error validation_failed password
req POST /api/v1/session "{\"email\":5,\"password\":\"$PASSWORD\"}"
expect_status 422
expect_error validation_failed email

# ---- who am I ----
login partner_user
req GET /api/v1/session
expect_status 200
expect_json .email partner_user@consort.test
expect_json .role partner_user
expect_json .partner "$PARTNER_A"
expect_json .csrf_token "$(cat "$JARS/partner_user.csrf")"
as anon
req GET /api/v1/session
expect_status 401
expect_error unauthenticated
expect_message "log in"
req GET /api/v1/session "" -H "Cookie: consort_session=$(printf '%064d' 0)"
expect_status 401
expect_message "expired or logged out"
req GET /api/v1/session "" -H "Cookie: consort_session=not-hex"
expect_status 401

# ---- sign-out ----
login marketing
old=$(session_id marketing)
CSRF=omit req DELETE /api/v1/session
expect_status 403
expect_error csrf_failed
req DELETE /api/v1/session
expect_status 204
expect_header Set-Cookie "Max-Age=0"
[ -z "$(session_id marketing)" ] || fail "the cookie was not cleared"
as anon
req GET /api/v1/session "" -H "Cookie: consort_session=$old"
expect_status 401
expect_message "expired or logged out"
[ "$(sql "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id
	WHERE u.email = 'marketing@consort.test'")" = 0 ] || fail "the session was not deleted"

# ---- CSRF: cookie-authenticated writes must echo the session's token ----
login solution_engineer
other_csrf=$(cat "$JARS/partner_user.csrf")
for csrf in omit wrong "$other_csrf" "$(tr a-f A-F <"$JARS/solution_engineer.csrf")" \
	"$(cat "$JARS/solution_engineer.csrf")x" " "; do
	CSRF=$csrf req POST /api/v1/tokens '{"name":"csrf"}'
	expect_status 403
	expect_error csrf_failed
done
CSRF=omit req DELETE /api/v1/tokens/1
expect_status 403
expect_error csrf_failed
[ "$(sql "SELECT COUNT(*) FROM api_tokens WHERE name = 'csrf'")" = 0 ] ||
	fail "a token was created without CSRF"
req POST /api/v1/tokens '{"name":"csrf"}'
expect_status 201
# Reads need no CSRF token.
CSRF=omit req GET /api/v1/tokens
expect_status 200

# ---- API tokens ----
as partner_user
req POST /api/v1/tokens '{"name":"ci read"}'
expect_status 201
expect_json .scope read
expect_json .name "ci read"
expect_jq '.token | test("^cst_[0-9a-f]{64}$")'
expect_jq '.note | contains("only once")'
read_token=$(json .token)
read_id=$(json .id)
req POST /api/v1/tokens '{"name":"ci write","scope":"write"}'
expect_status 201
expect_json .scope write
write_token=$(json .token)
write_id=$(json .id)
# Shown once: the list never has the secret, and the database has only its hash.
req GET /api/v1/tokens
expect_status 200
expect_jq "[.items[].id] | index($read_id) != null and index($write_id) != null"
expect_jq 'all(.items[]; .user == "partner_user@consort.test")'
expect_jq "all(.items[]; has(\"token\") | not)"
! grep -q cst_ "$OUT" || fail "the token list shows a token"
expect_jq ".items[] | select(.id == $read_id) | .last_used_at == null and .write == false"
[ "$(sql "SELECT COUNT(*) FROM api_tokens WHERE token_hash LIKE '%${read_token#cst_}%'")" = 0 ] ||
	fail "the token is stored in clear"

# Bearer use: who am I (no CSRF token for tokens), reads, and the write scope.
as "bearer:$read_token"
req GET /api/v1/session
expect_status 200
expect_json .email partner_user@consort.test
expect_json .partner "$PARTNER_A"
expect_jq 'has("csrf_token") | not'
req POST /api/v1/tokens '{"name":"from a read token"}'
expect_status 403
expect_error forbidden
expect_message "read-only"
as "bearer:$write_token"
req POST /api/v1/tokens '{"name":"from a write token"}' # no CSRF needed with a token
expect_status 201
req DELETE /api/v1/session
expect_status 400 # tokens have no session
# last_used_at is recorded.
as partner_user
req GET /api/v1/tokens
expect_jq ".items[] | select(.id == $read_id) | .last_used_at | type == \"string\" and test(\"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$\")"
# A token and a cookie: the token wins (a read token cannot write even with the session's CSRF).
req POST /api/v1/tokens '{"name":"both"}' -H "Authorization: Bearer $read_token"
expect_status 403
expect_message "read-only"
# Bad Authorization headers.
as anon
for authz in "Bearer" "Bearer " "Bearer cst_" "Bearer ${read_token}0" "Bearer ${read_token:0:60}" \
	"Bearer $(echo "$read_token" | tr a-f A-F)" "Basic dXNlcjpwYXNz" "Token $read_token" \
	"Bearer $(head -c 5000 /dev/zero | tr '\0' a)"; do
	req GET /api/v1/session "" -H "Authorization: $authz"
	expect_status 401
	expect_error unauthenticated
done
req GET /api/v1/session "" -H "Authorization: bearer $read_token" # the scheme is case-insensitive
expect_status 200
# Token validation.
as partner_user
req POST /api/v1/tokens '{"name":""}'
expect_status 422
req POST /api/v1/tokens "{\"name\":\"$(head -c 101 /dev/zero | tr '\0' n)\"}"
expect_status 422
req POST /api/v1/tokens '{"name":"bad\u0001name"}'
expect_status 422
req POST /api/v1/tokens '{"name":"x","scope":"admin"}'
expect_status 422
expect_error validation_failed scope
req POST /api/v1/tokens '{"scope":"read"}'
expect_status 422
expect_error validation_failed name
req POST /api/v1/tokens '{"name":["x"]}'
expect_status 422
# Revocation: only your own (admins: any), once.
as partner_admin
req DELETE "/api/v1/tokens/$read_id"
expect_status 404
expect_error not_found token
as partner_user
for id in 0 -1 abc 99999999 "$read_id.0" 1e3; do
	req DELETE "/api/v1/tokens/$id"
	expect_status 404
	expect_error not_found
done
req DELETE "/api/v1/tokens/$read_id"
expect_status 204
req DELETE "/api/v1/tokens/$read_id"
expect_status 409
expect_error conflict
as "bearer:$read_token"
req GET /api/v1/session
expect_status 401
expect_message "revoked"
as admin
req DELETE "/api/v1/tokens/$write_id"
expect_status 204
as "bearer:$write_token"
req GET /api/v1/tokens
expect_status 401
as partner_user
req GET /api/v1/tokens
expect_jq ".items[] | select(.id == $read_id) | .revoked_at | type == \"string\""
# Admins see every token; others their own.
as admin
req GET /api/v1/tokens
expect_jq 'any(.items[]; .user == "partner_user@consort.test")'
as finance
req GET /api/v1/tokens
expect_jq 'all(.items[]; .user == "finance@consort.test")'

# ---- invitations ----
as partner_admin
req POST /api/v1/invitations '{"email":"New.Colleague@acme.test","role":"partner_user"}'
expect_status 201
expect_json .email new.colleague@acme.test
expect_json .role partner_user
expect_json .partner "$PARTNER_A"
expect_json .status pending
expect_json .invited_by partner_admin@consort.test
expect_jq '.code | test("^[0-9a-f]{64}$")'
code=$(json .code)
expect_json .link "/app/invitations/$code"
[ "$(sql "SELECT COUNT(*) FROM invitations WHERE code_hash = '$code'")" = 0 ] ||
	fail "the invitation code is stored in clear"
# The invitee sets a password (public route) and can sign in.
as anon
req POST "/api/v1/invitations/$code/accept" '{"password":"short"}'
expect_status 422
req POST "/api/v1/invitations/$code/accept" "{\"password\":\"$PASSWORD\"}"
expect_status 201
expect_json .email new.colleague@acme.test
expect_json .role partner_user
expect_json .partner "$PARTNER_A"
req POST /api/v1/session "$(creds new.colleague@acme.test "$PASSWORD")"
expect_status 200
expect_json .partner "$PARTNER_A"
# Used and unknown codes are refused.
req POST "/api/v1/invitations/$code/accept" "{\"password\":\"$PASSWORD-2\"}"
expect_status 409 410 422
expect_message "already been used"
for bad in "$(printf '%064d' 0)" x "${code:0:63}" "${code}0"; do
	req POST "/api/v1/invitations/$bad/accept" "{\"password\":\"$PASSWORD\"}"
	expect_status 404 422
	expect_message "unknown invitation"
done
# Expired codes are refused.
as partner_admin
req POST /api/v1/invitations '{"email":"late@acme.test","role":"partner_admin"}'
expect_status 201
late=$(json .code)
sqlite3 -batch consort.db \
	"UPDATE invitations SET expires_at = '2000-01-01T00:00:00Z' WHERE email = 'late@acme.test'"
as anon
req POST "/api/v1/invitations/$late/accept" "{\"password\":\"$PASSWORD\"}"
expect_status 410 422
expect_message "expired"
req POST /api/v1/session "$(creds late@acme.test "$PASSWORD")"
expect_status 401
# What partner admins may not invite.
as partner_admin
req POST /api/v1/invitations '{"email":"vendor@acme.test","role":"admin"}'
expect_status 422
expect_error validation_failed role
req POST /api/v1/invitations '{"email":"vendor@acme.test","role":"chief"}'
expect_status 422
expect_error validation_failed role
req POST /api/v1/invitations '{"email":"partner_user_b@consort.test","role":"partner_user"}'
expect_status 409 422 # an existing user
[ "$ERROR_FIELD" = email ] || fail "an existing user's email: field '$ERROR_FIELD'"
req POST /api/v1/invitations '{"email":"not an email","role":"partner_user"}'
expect_status 422
expect_error validation_failed email
# ...to another partner: refused; naming their own partner is fine.
req POST /api/v1/invitations '{"email":"x@acme.test","role":"partner_user","partner":"globex"}'
expect_status 403
expect_error forbidden partner
req POST /api/v1/invitations '{"email":"x@acme.test","role":"partner_user","partner":"acme"}'
expect_status 201
for who in partner_user finance; do
	as $who
	req POST /api/v1/invitations '{"email":"y@acme.test","role":"partner_user"}'
	expect_status 403
done
# Admins invite anyone to any partner (a partner's first admin), and vendor staff.
as admin
req POST /api/v1/invitations '{"email":"first@globex.test","role":"partner_admin","partner":"globex"}'
expect_status 201
first=$(json .code)
req POST "/api/v1/invitations/$first/accept" "{\"password\":\"$PASSWORD\"}"
expect_status 201
expect_sql "SELECT u.role || ' ' || p.key FROM users u JOIN partners p ON p.id = u.partner_id WHERE u.email = 'first@globex.test'" \
	"partner_admin globex"
req POST /api/v1/invitations '{"email":"analyst2@consort.test","role":"finance"}'
expect_status 201
req POST /api/v1/invitations '{"email":"nobody@globex.test","role":"partner_user"}'
expect_status 422
expect_error validation_failed partner
req POST /api/v1/invitations '{"email":"nobody@globex.test","role":"partner_user","partner":"nope"}'
expect_status 422
expect_error validation_failed partner

# ---- pending invitations: listed (never the code), revoked ----
as partner_admin
req POST /api/v1/invitations '{"email":"maybe@acme.test","role":"partner_user"}'
expect_status 201
maybe=$(json .id)
maybe_code=$(json .code)
req GET /api/v1/invitations
expect_status 200
expect_jq "any(.items[]; .id == $maybe and .email == \"maybe@acme.test\" and .role == \"partner_user\"
	and .partner == \"$PARTNER_A\" and .invited_by == \"partner_admin@consort.test\"
	and (.created_at | test(\"Z$\")) and (.expires_at > .created_at))"
expect_jq '(.items | length > 0) and all(.items[]; keys == ["created_at", "email", "expires_at", "id", "invited_by", "partner", "role"])'
expect_jq "all(.items[]; .partner == \"$PARTNER_A\")"
# Accepted (new.colleague) and expired (late) invitations are not pending.
expect_jq 'all(.items[]; .email != "new.colleague@acme.test" and .email != "late@acme.test")'
! grep -qF "$maybe_code" "$OUT" || fail "an invitation code in the list"
# Admins see every partner's, and vendor invitations (partner null).
as admin
req GET /api/v1/invitations
expect_status 200
expect_jq "any(.items[]; .id == $maybe)"
expect_jq 'any(.items[]; .email == "analyst2@consort.test" and .partner == null)'
expect_jq 'all(.items[]; .email != "first@globex.test")' # accepted
# Another partner's admin neither sees nor revokes it.
as partner_admin_b
req GET /api/v1/invitations
expect_status 200
expect_jq "all(.items[]; .id != $maybe and .partner == \"$PARTNER_B\")"
req DELETE "/api/v1/invitations/$maybe"
expect_status 404
expect_error not_found invitation
# Other roles may do neither.
for who in partner_user finance partner_manager; do
	as $who
	req GET /api/v1/invitations
	expect_status 403
	req DELETE "/api/v1/invitations/$maybe"
	expect_status 403
done
# Revoked: gone from the list, not revoked twice, and its code no longer works.
as partner_admin
req DELETE "/api/v1/invitations/$maybe"
expect_status 204
req GET /api/v1/invitations
expect_jq "all(.items[]; .id != $maybe)"
req DELETE "/api/v1/invitations/$maybe"
expect_status 409
expect_error conflict
expect_message "revoked already"
as anon
req POST "/api/v1/invitations/$maybe_code/accept" "{\"password\":\"$PASSWORD\"}"
expect_status 422
expect_message "this invitation was revoked at"
req POST /api/v1/session "$(creds maybe@acme.test "$PASSWORD")"
expect_status 401
expect_sql "SELECT COUNT(*) FROM users WHERE email = 'maybe@acme.test'" 0
# Accepted ones cannot be revoked (409); unknown ids are not found.
accepted=$(sql "SELECT id FROM invitations WHERE email = 'new.colleague@acme.test'")
as partner_admin
req DELETE "/api/v1/invitations/$accepted"
expect_status 409
expect_message "accepted already"
for id in 999999 0 abc; do
	req DELETE "/api/v1/invitations/$id"
	expect_status 404
	expect_error not_found invitation
done
# ---- sending an invitation again: a new link, the old one stops working ----
as partner_admin
# The expired one (late): listed with ?status=expired, sent again with a fresh expiry.
req GET '/api/v1/invitations?status=expired'
expect_status 200
late_id=$(jq '.items[] | select(.email == "late@acme.test") | .id' "$OUT")
[ -n "$late_id" ] || fail "the expired invitation is not listed with ?status=expired"
expect_jq 'all(.items[]; .status == "expired")'
req POST "/api/v1/invitations/$late_id/resend"
expect_status 201
expect_json '[.email, .role, .partner, .status, .replaces] | map(tostring) | join(" ")' \
	"late@acme.test partner_admin $PARTNER_A pending $late_id"
again=$(json .code)
again_id=$(json .id)
expect_json .link "/app/invitations/$again"
[ "$again" != "$late" ] || fail "the resent invitation has the old code"
expect_sql "SELECT action || ' ' || actor FROM audit_log WHERE action = 'invitation.resend'" \
	"invitation.resend partner_admin@consort.test"
# A pending one: its old link is revoked, only the new one works.
req POST "/api/v1/invitations/$again_id/resend"
expect_status 201
newest=$(json .code)
req GET "/api/v1/invitations?status=revoked"
expect_jq "any(.items[]; .id == $again_id)"
req GET /api/v1/invitations
expect_jq "[.items[] | select(.email == \"late@acme.test\")] | length == 1"
as anon
req POST "/api/v1/invitations/$again/accept" "{\"password\":\"$PASSWORD\"}"
expect_status 422
expect_message "revoked"
req POST "/api/v1/invitations/$newest/accept" "{\"password\":\"$PASSWORD\"}"
expect_status 201
# What cannot be sent again: accepted, revoked, another partner's, unknown; who may not.
as partner_admin
req POST "/api/v1/invitations/$accepted/resend"
expect_status 409
expect_message "accepted already"
req POST "/api/v1/invitations/$maybe/resend"
expect_status 409
expect_message "revoked: invite the person again"
req POST "/api/v1/invitations/999999/resend"
expect_status 404
expect_error not_found invitation
req POST "/api/v1/invitations/$again_id/resend" '{"extra":1}'
expect_status 400
expect_error unknown_field
req GET '/api/v1/invitations?status=lost'
expect_status 400
expect_error bad_request status
as partner_admin_b
req POST "/api/v1/invitations/$again_id/resend"
expect_status 404
as partner_user
req POST "/api/v1/invitations/$again_id/resend"
expect_status 403
# Admins resend any partner's (here an expired one of partner B).
as partner_admin_b
req POST /api/v1/invitations '{"email":"later@globex.test","role":"partner_user"}'
expect_status 201
theirs_late=$(json .id)
sqlite3 -batch consort.db "UPDATE invitations SET expires_at = '2000-01-01T00:00:00Z' WHERE id = $theirs_late"
as admin
req POST "/api/v1/invitations/$theirs_late/resend"
expect_status 201
expect_json .partner "$PARTNER_B"
expect_json .invited_by admin@consort.test

# Admins revoke any partner's.
as partner_admin_b
req POST /api/v1/invitations '{"email":"maybe@globex.test","role":"partner_user"}'
expect_status 201
theirs=$(json .id)
as admin
req DELETE "/api/v1/invitations/$theirs"
expect_status 204
expect_sql "SELECT revoked_at IS NOT NULL FROM invitations WHERE id = $theirs" 1

# ---- users ----
as admin
req POST /api/v1/users "{\"email\":\"analyst@consort.test\",\"role\":\"finance\",\"password\":\"$PASSWORD\"}"
expect_status 201
expect_json .email analyst@consort.test
expect_json .role finance
req POST /api/v1/users "{\"email\":\"analyst@consort.test\",\"role\":\"marketing\"}"
expect_status 409
expect_error conflict email
req POST /api/v1/users "{\"email\":\"ANALYST@consort.test\",\"role\":\"marketing\"}"
expect_status 409
# The answer shows the user as stored: the email lowercased.
req POST /api/v1/users "{\"email\":\"Mixed.Case@Consort.TEST\",\"role\":\"marketing\"}"
expect_status 201
expect_json .email mixed.case@consort.test
req POST /api/v1/users '{"email":"pa2@acme.test","role":"partner_admin","partner":"acme"}'
expect_status 201
expect_json .partner acme
req POST /api/v1/users '{"email":"pa3@acme.test","role":"partner_admin"}'
expect_status 422 # a partner role needs a partner
expect_error validation_failed partner
req POST /api/v1/users '{"email":"pa3@acme.test","role":"finance","partner":"acme"}'
expect_status 422 # a vendor role takes none
expect_error validation_failed partner
req POST /api/v1/users '{"email":"pa3@acme.test","role":"partner_user","partner":"nope"}'
expect_status 404 422
[ "$ERROR_FIELD" = partner ] || fail "an unknown partner: field '$ERROR_FIELD'"
req POST /api/v1/users '{"email":"pa3@acme.test","role":"overlord"}'
expect_status 422
expect_error validation_failed role
req POST /api/v1/users '{"email":"pa3@acme.test","role":"finance","password":"short"}'
expect_status 422
expect_error validation_failed password
req POST /api/v1/users '{"email":"nope","role":"finance"}'
expect_status 422
expect_error validation_failed email
req POST /api/v1/users '{"role":"finance"}'
expect_status 422
expect_error validation_failed email
as anon
req POST /api/v1/session "$(creds analyst@consort.test "$PASSWORD")"
expect_status 200
expect_json .role finance
# Listing: admins see everyone, partner admins their team, nobody sees a hash.
as admin
req GET /api/v1/users
expect_status 200
expect_jq 'any(.items[]; .email == "analyst@consort.test")'
expect_jq 'any(.items[]; .partner == "globex")'
expect_jq 'all(.items[]; has("password_hash") | not)'
! grep -q 'argon2' "$OUT" || fail "a password hash in the user list"
as partner_admin
req GET /api/v1/users
expect_status 200
expect_jq 'all(.items[]; .partner == "acme")'
expect_jq 'any(.items[]; .email == "new.colleague@acme.test")'
for who in partner_user finance partner_manager; do
	as $who
	req GET /api/v1/users
	expect_status 403
	req POST /api/v1/users '{"email":"z@consort.test","role":"finance"}'
	expect_status 403
	expect_error forbidden
done

# ---- the audit log ----
as admin
req GET /api/v1/audit?limit=500
expect_status 200
expect_jq '.items | length > 10'
for action in user.create session.login session.logout token.create token.revoke \
	invitation.create invitation.accept invitation.revoke; do
	expect_jq "any(.items[]; .action == \"$action\")"
done
expect_jq 'any(.items[]; .action == "user.create" and .key == "analyst@consort.test"
	and .actor == "admin@consort.test" and .entity == "user" and .before == null
	and .after.role == "finance")'
expect_jq 'any(.items[]; .action == "token.revoke" and .actor == "admin@consort.test")'
expect_jq '[.items[].id] == ([.items[].id] | sort)'
expect_jq '.next_cursor == null'
expect_jq "any(.items[]; .action == \"invitation.revoke\" and .key == \"$maybe\"
	and .actor == \"partner_admin@consort.test\" and .before.status == \"pending\"
	and .after.status == \"revoked\" and (.after.revoked_at | type) == \"string\")"
for secret in "$PASSWORD" "${read_token#cst_}" "$code" "$maybe_code" "$sid" argon2; do
	! grep -qF "$secret" "$OUT" || fail "a secret in the audit log: $secret"
done
# Pages and filters.
req GET '/api/v1/audit?limit=2'
expect_status 200
expect_jq '.items | length == 2'
cursor=$(json .next_cursor)
first_ids=$(json '[.items[].id] | join(",")')
req GET "/api/v1/audit?limit=2&cursor=$cursor"
expect_status 200
expect_jq ".items[0].id > $cursor"
[ "$(json '[.items[].id] | join(",")')" != "$first_ids" ] || fail "the second page repeats the first"
req GET '/api/v1/audit?entity=api_token'
expect_status 200
expect_jq '(.items | length > 0) and all(.items[]; .entity == "api_token")'
# Newest first: ids descending, the next page continues below the cursor.
req GET '/api/v1/audit?order=desc&limit=500'
expect_status 200
expect_jq '[.items[].id] == ([.items[].id] | sort | reverse) and (.items | length > 3)'
newest=$(json '.items[0].id')
req GET '/api/v1/audit?order=desc&limit=2'
expect_jq ".items[0].id == $newest"
cursor=$(json .next_cursor)
req GET "/api/v1/audit?order=desc&limit=2&cursor=$cursor"
expect_status 200
expect_jq ".items[0].id < $cursor and .items[0].id > .items[1].id"
req GET '/api/v1/audit?order=newest'
expect_status 400
expect_error bad_request order
for q in limit=0 limit=501 limit=x limit=-1 cursor=-5 cursor=abc 'limit=%ff'; do
	req GET "/api/v1/audit?$q"
	expect_status 400
	expect_error bad_request "${q%%=*}"
done
for who in partner_manager marketing finance solution_engineer partner_admin partner_user; do
	as $who
	req GET /api/v1/audit
	expect_status 403
	expect_error forbidden
done
# The CLI shows the same log.
expect_ok audit --format json --limit 100000
expect_jq 'any(.[]; .action == "user.create" and .key == "analyst@consort.test")'
expect_jq 'any(.[]; .action == "invitation.accept" and .key != "")'
expect_ok audit --entity session
expect_stdout_contains "session.login" "finance@consort.test"
expect_stdout_lacks "token.create"
expect_fail 2 audit --limit 0
