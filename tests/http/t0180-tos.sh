#!/bin/bash
# The Terms of Service: GET /api/v1/agreements/tos (the built-in document, or
# the tos-file setting's), and acceptance of exactly the current version.
# shellcheck source=tests/http/lib.sh disable=SC2016,SC2015
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server

# The built-in document (docs/terms-of-service.md), for every signed-in role.
version=$(sed -n '1s/^Version: *//p' "$TEST_DIR/../../docs/terms-of-service.md")
title=$(sed -n 's/^# //p' "$TEST_DIR/../../docs/terms-of-service.md" | head -n 1)
[ -n "$version" ] && [ -n "$title" ] || fail "docs/terms-of-service.md has no version or title"
for who in partner_user partner_admin_b finance; do
	as "$who"
	req GET /api/v1/agreements/tos
	expect_status 200
	expect_json .agreement tos
	expect_json .version "$version"
	expect_json .title "$title"
	expect_jq '.body | startswith("These Terms of Service") and contains("## 1. Participation")
		and (contains("Version:") | not) and (endswith("\n") | not)'
	expect_jq 'keys == ["agreement", "body", "title", "version"]'
done
as anon
req GET /api/v1/agreements/tos
expect_status 401

# Accepting: only the current version.
as partner_admin
req POST /api/v1/partners/acme/agreements/tos/accept '{"document_version":"2020-01"}'
expect_status 422
expect_error validation_failed document_version
expect_message "document_version '2020-01' is not the current Terms of Service (version $version)"
req POST /api/v1/partners/acme/agreements/tos/accept '{"document_version":""}'
expect_status 422
expect_error validation_failed document_version
req POST /api/v1/partners/acme/agreements/tos/accept '{}'
expect_status 422
expect_error validation_failed document_version
expect_sql "SELECT COUNT(*) FROM agreement_acceptances" 0
req POST /api/v1/partners/acme/agreements/tos/accept "{\"document_version\":\"$version\"}"
expect_status 201
expect_json .document_version "$version"
expect_json .accepted_by partner_admin@consort.test
req GET /api/v1/partners/acme/agreements/acceptances
expect_status 200
expect_jq "[.items[].document_version] == [\"$version\"]"
stop_server

# Another document (tos-file): served, and the only one that can be accepted.
cat >terms.md <<'EOF'
Version: acme-2027.1

#   Reseller Terms   

Be nice.
EOF
start_server --tos-file terms.md
as partner_admin
req GET /api/v1/agreements/tos
expect_status 200
expect_json '[.version, .title, .body] | join("|")' "acme-2027.1|Reseller Terms|Be nice."
req POST /api/v1/partners/acme/agreements/tos/accept "{\"document_version\":\"$version\"}"
expect_status 422
expect_message "(version acme-2027.1)"
req POST /api/v1/partners/acme/agreements/tos/accept '{"document_version":"acme-2027.1"}'
expect_status 201
stop_server

# The setting from the environment, CRLF line ends and a byte order mark.
printf '\xef\xbb\xbfVersion: 3\r\n# T\r\n\r\nText.\r\n' >crlf.md
CONSORT_TOS_FILE=crlf.md start_server
as partner_user
req GET /api/v1/agreements/tos
expect_json '[.version, .title, .body] | join("|")' "3|T|Text."
stop_server

# A document that cannot be read or used stops the server before it listens.
expect_fail 1 serve --tos-file missing.md
expect_stderr_contains "tos-file: cannot open 'missing.md'"
printf '# Terms\n\nNo version.\n' >noversion.md
expect_fail 1 serve --tos-file noversion.md
expect_stderr_contains "tos-file: noversion.md:1: the first line must be 'Version: V'"
printf 'Version: 1 2\n# T\nx\n' >badversion.md
expect_fail 1 serve --tos-file badversion.md
expect_stderr_contains "tos-file: badversion.md:1: invalid version '1 2'"
printf 'Version: 1\n\nNo title.\n' >notitle.md
expect_fail 1 serve --tos-file notitle.md
expect_stderr_contains "tos-file: notitle.md:3: expected the title, a heading '# Title'"
printf 'Version: 1\n# T\n\n  \n' >nobody.md
expect_fail 1 serve --tos-file nobody.md
expect_stderr_contains "tos-file: nobody.md: the document has a title but no text"
printf 'Version: 1\n# T\ncaf\xe9\n' >latin1.md
expect_fail 1 serve --tos-file latin1.md
expect_stderr_contains "tos-file: latin1.md: not a UTF-8 text file"
