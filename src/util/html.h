/*
 * A small HTML writer that escapes by default, for the public pages
 * (src/http/public.c). Every function that takes text escapes it: user text
 * never reaches a page unescaped. Markup itself is written with html_lit(),
 * which takes string literals only (by convention: never pass it data).
 *
 * Text is made valid UTF-8 on the way: invalid bytes, NUL and C0/C1
 * control characters other than tab, newline and carriage return become
 * U+FFFD (the replacement character).
 */
#ifndef CONSORT_HTML_H
#define CONSORT_HTML_H

#include <stdbool.h>

#include "util/strbuf.h"

/* Markup: a string literal of the page's own, written as is. */
#define html_lit(sb, literal) strbuf_add((sb), "" literal, sizeof(literal) - 1)

/* Text content: & < > " ' escaped (&amp; &lt; &gt; &quot; &#39;). NULL writes nothing. */
void html_text(struct strbuf *sb, const char *s);
/* The same for len bytes (which may hold NUL bytes, replaced). */
void html_text_n(struct strbuf *sb, const char *s, size_t len);

/*
 * A quoted attribute value: the same escaping as html_text(), so the value
 * cannot end the quotes. Write it between literal quotes:
 * html_lit(sb, "<img alt=\""); html_attr(sb, alt); html_lit(sb, "\">").
 */
void html_attr(struct strbuf *sb, const char *s);

/*
 * Whether s is a URL safe to link to: http:// or https:// (any case), a
 * host, and no whitespace, control character, quote, '<', '>' or backslash.
 * Anything else (javascript:, data:, //host, relative paths) is refused.
 */
bool html_url_ok(const char *s);

/*
 * Writes ` NAME="URL"` (NAME a literal such as "href") when html_url_ok(url),
 * escaped as an attribute; otherwise writes nothing. Returns whether it wrote.
 */
bool html_url_attr(struct strbuf *sb, const char *name, const char *url);

#endif
