#!/bin/bash
# The public pages: /partners (directory: listing rule, filters, pagination),
# /partners/{slug} (listing), /badges/{slug}.svg, /verify/{slug}; HTML and
# SVG, cached publicly, and every value escaped (hostile listing text).
# shellcheck source=tests/http/lib.sh disable=SC2016
. "${TEST_DIR:-$(dirname "$0")}/lib.sh"

start_server

# expect_body TEXT: the last answer contains TEXT (fixed string).
expect_body() {
	grep -qF -- "$1" "$OUT" || fail "the answer lacks: $1"
}
expect_no_body() {
	! grep -qiF -- "$1" "$OUT" || fail "the answer contains: $1"
}
# A public page: 200, HTML, cached publicly, proper frame.
expect_page() {
	expect_status 200
	expect_header Content-Type "text/html; charset=utf-8"
	expect_header Cache-Control "public, max-age=300"
	expect_body '<!DOCTYPE html>'
	expect_body '<html lang="en">'
	expect_body '<meta name="description" content="'
	expect_body '<title>'
	expect_no_body '<script'
	expect_no_body 'http://cdn'
}
expect_html_404() {
	expect_status 404
	expect_header Content-Type "text/html"
	expect_header Cache-Control "no-store"
}
# The number of partner entries of a directory page.
entries() {
	grep -c '^<li><h2><a href="/partners/' "$OUT" || true
}

as anon

# ---- the directory: bronze and above only (fixtures: globex silver, initech and
# umbrella bronze; acme, hooli and stark registered) ----
req GET /partners
expect_page
for p in globex initech umbrella; do
	expect_body "href=\"/partners/$p\""
done
for p in acme hooli stark; do
	expect_no_body "href=\"/partners/$p\""
done
expect_body '<label for="f-q">'
expect_body '<label for="f-region">'
expect_body '3 partners'

# ---- filters ----
req GET '/partners?tier=silver'
expect_page
[ "$(entries)" = 1 ] || fail "tier=silver: expected 1 partner, got $(entries)"
expect_body 'href="/partners/globex"'
expect_body '<option value="silver" selected>'
req GET '/partners?region=APAC'
[ "$(entries)" = 1 ] && grep -qF 'href="/partners/umbrella"' "$OUT" || fail "region filter"
req GET '/partners?motion=embed'
[ "$(entries)" = 1 ] && grep -qF 'href="/partners/umbrella"' "$OUT" || fail "motion filter"
req GET '/partners?motion=connect&product=segment'
[ "$(entries)" = 1 ] && grep -qF 'href="/partners/globex"' "$OUT" || fail "motion+product filter"
req GET '/partners?product=flex'
[ "$(entries)" = 0 ] || fail "product filter"
expect_body 'No partner matches.'
req GET '/partners?q=INITE'
[ "$(entries)" = 1 ] && grep -qF 'href="/partners/initech"' "$OUT" || fail "q filter"
req GET '/partners?program=twilio-2023'
[ "$(entries)" = 0 ] || fail "program filter: stark is registered"
req GET '/partners?program=segment-2025&tier=bronze'
[ "$(entries)" = 2 ] || fail "program+tier filter"
req GET '/partners?page=0'
expect_html_404
req GET '/partners?page=abc'
expect_html_404

# ---- pagination: 25 more bronze partners, 20 a page ----
login partner_manager
{
	echo "key,name,domain,motions,products,region"
	for i in $(seq -w 1 25); do echo "bulk$i,Bulk $i,bulk$i.example,integrate,segment,LATAM"; done
} >"$T/partners.csv"
{
	echo "partner,program,tier,since,invited"
	for i in $(seq -w 1 25); do echo "bulk$i,segment-2025,bronze,2024-01-01,"; done
} >"$T/enrollments.csv"
CTYPE=text/csv req POST /api/v1/imports/partners "@$T/partners.csv"
expect_status 200 201
CTYPE=text/csv req POST /api/v1/imports/enrollments "@$T/enrollments.csv"
expect_status 200 201
as anon
req GET '/partners?region=LATAM'
expect_page
expect_body '25 partners, page 1 of 2'
[ "$(entries)" = 20 ] || fail "page 1: expected 20, got $(entries)"
expect_body 'rel="next" href="/partners?region=LATAM&amp;page=2"'
req GET '/partners?region=LATAM&page=2'
expect_page
[ "$(entries)" = 5 ] || fail "page 2: expected 5, got $(entries)"
expect_body 'rel="prev" href="/partners?region=LATAM&amp;page=1"'
expect_body 'href="/partners/bulk25"'
req GET '/partners?page=2'
expect_page
[ "$(entries)" = 8 ] || fail "all, page 2: expected 8, got $(entries)"

# ---- a listing ----
req GET /partners/globex
expect_page
expect_body '<h1>Globex Corporation</h1>'
expect_body '<a href="https://globex.example" rel="nofollow noopener">globex.example</a>'
expect_body 'EMEA'
expect_body 'Silver, Twilio Segment Technology Partner Program'
expect_body 'Globex CDP'
expect_body 'Story one'
expect_body '<img class="badge" width="240" height="56" src="/badges/globex.svg" alt="Silver partner'
expect_body 'href="/verify/globex"'
expect_body '<p>Globex Corporation is a Silver partner of Twilio Segment Technology Partner Program, in EMEA.</p>'
expect_body '<meta name="description" content="Globex Corporation is a Silver partner of'
req HEAD /partners/globex
expect_status 200
# The partner's own description replaces that sentence: a paragraph per block, and
# its first words in the page's description and in the directory.
login partner_manager
req PUT /api/v1/partners/globex/listing "$(jq -nc --arg d "$(printf 'Globex unifies customer data\nacross every channel.\n\n  Trusted by %s teams.  \n' "$(printf 'many %.0s' $(seq 1 40))")" '{description: $d}')"
expect_status 200
as anon
req GET /partners/globex
expect_page
expect_body $'<div class="description">\n<p>Globex unifies customer data\nacross every channel.</p>\n<p>Trusted by many'
expect_no_body 'Globex Corporation is a Silver partner of'
expect_body '<meta name="description" content="Globex unifies customer data across every channel. Trusted by many many'
grep -q '<meta name="description" content="[^"]*many…">' "$OUT" || fail "the page's description is not an excerpt"
req GET '/partners?tier=silver'
expect_page
expect_body '<p class="excerpt">Globex unifies customer data across every channel. Trusted by many'
grep -q '<p class="excerpt">[^<]*many…</p>' "$OUT" || fail "the directory's excerpt is not cut with …"
req GET '/partners?region=APAC'
expect_no_body 'class="excerpt"' # umbrella has none
for p in acme hooli stark no-such-partner; do
	req GET "/partners/$p"
	expect_html_404
done

# ---- badges ----
req GET /badges/globex.svg
expect_status 200
expect_header Content-Type "image/svg+xml"
expect_header Cache-Control "public, max-age=300"
expect_body 'Silver partner'
expect_body 'Twilio Segment Technology Partner Program'
expect_body '<svg xmlns="http://www.w3.org/2000/svg"'
if command -v xmllint >/dev/null; then
	xmllint --noout "$OUT" || fail "the badge is not well-formed XML"
fi
req GET /badges/initech.svg
expect_status 200
expect_body 'Bronze partner'
for p in acme hooli stark no-such-partner; do
	req GET "/badges/$p.svg"
	expect_status 404
	expect_header Content-Type "image/svg+xml"
	expect_body 'No badge'
done
# The partner's JSON says the same as the public pages, by the same rule.
as partner_manager
for p in acme globex hooli initech stark umbrella; do
	req GET "/api/v1/partners/$p"
	expect_status 200
	listed=$(json .public.listed)
	badge=$(json '.public.badge.tier // "none"')
	as anon
	req GET "/partners/$p"
	if [ "$listed" = true ]; then
		expect_status 200
	else
		expect_status 404
	fi
	req GET "/badges/$p.svg"
	if [ "$badge" = none ]; then
		expect_status 404
	else
		expect_status 200
		expect_body "$(tr '[:lower:]' '[:upper:]' <<<"${badge:0:1}")${badge:1} partner"
	fi
	as partner_manager
done
req GET /api/v1/partners/globex
expect_json '.public | [.listed, .listing_url, .badge.program, .badge.tier, .badge.url] | map(tostring) | join(" ")' \
	"true /partners/globex segment-2025 silver /badges/globex.svg"
req GET /api/v1/partners/acme
expect_json '.public | [.listed, .listing_url, .badge] | map(tostring) | join(" ")' "false null null"
as anon
req GET /badges/globex.png
expect_status 404
req GET /badges/.svg
expect_status 404

# ---- verify ----
req GET /verify/acme
expect_page
expect_body 'Acme Analytics'
expect_body 'acme.example.com'
expect_body '<td>Twilio Segment Technology Partner Program</td><td>Registered</td><td>In good standing</td>'
expect_body "<time datetime=\"$(date -u +%F)\">"
expect_no_body 'href="/partners/acme"' # not listed
req GET /verify/globex
expect_page
expect_body '<td>Silver</td>'
expect_body 'href="/partners/globex"'
req GET /verify/no-such-partner
expect_html_404

# not in good standing: tier none
as partner_manager
req PUT /api/v1/partners/hooli/tiers/segment-2025 '{"tier":"none","reason":"lapsed"}'
expect_status 200
as anon
req GET /verify/hooli
expect_page
expect_body '<td>None</td><td>Not in good standing</td>'
expect_body 'not in good standing</strong>'

# deactivated: no listing, no badge, no verification
as partner_manager
req POST /api/v1/partners/initech/deactivate '{"reason":"left the program"}'
expect_status 200
as anon
req GET /partners/initech
expect_html_404
req GET /badges/initech.svg
expect_status 404
req GET /verify/initech
expect_html_404
req GET /partners
expect_no_body 'href="/partners/initech"'

# ---- hostile listing text ----
SCRIPT='<script>alert(1)</script>'
IMG='"><img src=x onerror=alert(1)>'
as partner_manager
req POST /api/v1/partners "$(jq -nc --arg n "$SCRIPT" --arg r "$IMG" \
	'{key:"evil",name:$n,domain:"evil.example",motions:"integrate",products:"segment",region:$r}')"
expect_status 201
req PUT /api/v1/partners/evil/enrollments/segment-2025 '{"tier":"gold","since":"2025-01-15"}'
expect_status 201
req PUT /api/v1/partners/evil/solutions/evil-sol "$(jq -nc --arg n "$IMG$SCRIPT" \
	'{name:$n,product:"segment",launched_on:"2025-02-01"}')"
expect_status 201
req PUT /api/v1/partners/evil/stories/evil-s1 "$(jq -nc --arg t "$SCRIPT" --arg c "$IMG" \
	'{title:$t,customer:$c,published_on:"2025-03-01",url:"https://evil.example/s1"}')"
expect_status 201
req PUT /api/v1/partners/evil/stories/evil-s2 "$(jq -nc --arg t "' onmouseover='alert(1)" \
	'{title:$t,customer:"x",published_on:"2025-03-01",url:"https://evil.example/s2"}')"
expect_status 201
req PUT /api/v1/partners/evil/listing "$(jq -nc --arg d "$SCRIPT

$IMG</p><script>x</script>" '{description: $d}')"
expect_status 200
# URL-ish fields the API refuses, written as a compromised import might have left them.
sql "UPDATE stories SET url = 'javascript:alert(1)' WHERE key = 'evil-s1'"
sql "UPDATE stories SET url = 'https://evil.example/\"onmouseover=\"alert(1)' WHERE key = 'evil-s2'"
sql "UPDATE partners SET domain = 'x\" onclick=\"alert(1)' WHERE key = 'evil'"
as anon

# No raw markup from the data: no <script, <img (but the badge's own), no
# attribute injection, no javascript: link; the escaped forms are there.
expect_escaped() {
	expect_no_body '<script'
	! grep -o '<img[^>]*' "$OUT" | grep -qv '^<img class="badge"' || fail "raw <img from the data"
	! grep -qE "[\"'][[:space:]]*on[a-z]+=" "$OUT" || fail "an injected event handler attribute"
	! grep -qiE 'href="[[:space:]]*javascript:' "$OUT" || fail "a javascript: link"
}
req GET /partners
expect_page
expect_body '&lt;script&gt;alert(1)&lt;/script&gt;'
expect_body '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
expect_escaped
req GET '/partners?q=%3Cscript%3E&region=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E'
expect_page
[ "$(entries)" = 1 ] || fail "hostile filters: expected the evil partner"
expect_body 'value="&lt;script&gt;"'
expect_escaped
req GET /partners/evil
expect_page
expect_body '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>'
expect_body '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
expect_body '<p>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/p&gt;&lt;script&gt;x&lt;/script&gt;</p>'
expect_body '<meta name="description" content="&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img'
expect_body '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
expect_body '&#39; onmouseover=&#39;alert(1)'
expect_no_body 'javascript:'
expect_no_body 'href="https://evil.example/'
expect_body 'x&quot; onclick=&quot;alert(1)' # the domain, as text only
expect_escaped
req GET /verify/evil
expect_page
expect_body 'Verify &lt;script&gt;alert(1)&lt;/script&gt;'
expect_escaped
req GET /badges/evil.svg
expect_status 200
expect_body 'Gold partner'
expect_escaped
if command -v xmllint >/dev/null; then
	xmllint --noout "$OUT" || fail "the badge is not well-formed XML"
fi

# Hostile slugs and queries: 404 pages, nothing reflected raw.
req GET '/partners/%3Cscript%3Ealert(1)'
expect_html_404
expect_escaped
req GET '/verify/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E'
expect_html_404
expect_escaped
req GET '/partners?q=%ff%fe%3Cscript%3E'
expect_page
expect_escaped

# Public pages need no authentication and ignore it: the same for a session.
as partner_user
req GET /partners/globex
expect_page
