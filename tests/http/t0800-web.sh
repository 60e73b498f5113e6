#!/bin/bash
# The web portal served from the binary: /app and any page under /app/ answer
# the app's index.html (no-cache, with a Content-Security-Policy that admits
# only the server's own scripts and styles); the hashed files under
# /app/assets/ are cached for a year and sent gzipped when the client accepts
# it; an unknown asset is a JSON 404, not the index page.
# shellcheck source=tests/http/lib.sh
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server
as anon

expect_index() {
	expect_status 200
	expect_header Content-Type "text/html; charset=utf-8"
	expect_header Cache-Control "no-cache"
	expect_header Content-Security-Policy "script-src 'self'"
	expect_header Content-Security-Policy "frame-ancestors 'none'"
	expect_header X-Frame-Options DENY
	grep -q '<div id="root"></div>' "$OUT" || fail "not the app's index.html"
	grep -qi '<script[^>]*src="http' "$OUT" && fail "the app loads a script from elsewhere"
	return 0
}

for path in /app /app/ /app/index.html /app/partners /app/partners/globex/deals /app/invitations/abc; do
	req GET "$path"
	expect_index
done

# The script and the stylesheet the index names.
js=$(grep -o '/app/assets/[^"]*\.js' "$OUT" | head -1)
css=$(grep -o '/app/assets/[^"]*\.css' "$OUT" | head -1)
[ -n "$js" ] || fail "index.html names no script under /app/assets/"
[ -n "$css" ] || fail "index.html names no stylesheet under /app/assets/"

req GET "$js"
expect_status 200
expect_header Content-Type "text/javascript"
expect_header Cache-Control "max-age=31536000, immutable"
expect_no_header Content-Encoding
plain=$(wc -c <"$OUT")

req GET "$js" "" -H "Accept-Encoding: br, gzip"
expect_status 200
expect_header Content-Encoding gzip
expect_header Vary Accept-Encoding
gzip -t "$OUT" || fail "the gzip answer does not decompress"
[ "$(gzip -dc "$OUT" | wc -c)" -eq "$plain" ] || fail "the gzip answer is not the same file"

req GET "$js" "" -H "Accept-Encoding: gzip;q=0"
expect_no_header Content-Encoding

req GET "$css"
expect_status 200
expect_header Content-Type "text/css"

req HEAD "$css"
expect_status 200

req GET /app/favicon.svg
expect_status 200
expect_header Content-Type "image/svg+xml"

req GET /app/assets/nope.js
expect_status 404
expect_error not_found
req GET /app/assets/../../etc/passwd "" --path-as-is
[ "$status" = 404 ] || [ "$status" = 200 ] || fail "status $status for a path with .."
grep -q root: "$OUT" && fail "a file outside the app was served"

# Not for writing.
req POST /app/ '{}'
expect_status 405
expect_error method_not_allowed
