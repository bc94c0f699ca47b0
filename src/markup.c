/*
 * markup.c: the one escaper of text for the HTML report (report-html*.c)
 * and the JUnit XML report (report-junit.c).  Every mode escapes the
 * markup characters & < > and writes bytes that are not UTF-8 as U+FFFD;
 * the modes differ where the formats do:
 *
 *  - HTML (text and attribute values): both quotes always (&quot;,
 *    &#39;); control characters but tab and new line as their Unicode
 *    pictures (U+2400 + c), so that they can be seen; in an attribute,
 *    tab and new line as a space.
 *  - XML 1.0 (JUnit): quotes only in attribute values (&quot;, &apos;);
 *    carriage return as &#13; (or parsers turn it into a new line); in
 *    an attribute, tab and new line as &#9; and &#10;; what XML cannot
 *    carry (other control characters, U+FFFE and U+FFFF) as U+FFFD.
 */
#include <stdio.h>

#include "sqlcheck.h"

#define MARKUP_REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD in UTF-8 */

/* One ASCII byte c, escaped for mode m. */
static void
markup_ascii(FILE *f, unsigned char c, enum markup_mode m)
{
	int	html = m == MARKUP_HTML_TEXT || m == MARKUP_HTML_ATTR;
	int	attr = m == MARKUP_HTML_ATTR || m == MARKUP_XML_ATTR;

	switch (c) {
	case '&':
		fputs("&amp;", f);
		return;
	case '<':
		fputs("&lt;", f);
		return;
	case '>':
		fputs("&gt;", f);
		return;
	case '"':
		fputs(html || attr ? "&quot;" : "\"", f);
		return;
	case '\'':
		fputs(html ? "&#39;" : attr ? "&apos;" : "'", f);
		return;
	case '\n':
	case '\t':
		if (m == MARKUP_HTML_ATTR)
			putc(' ', f);
		else if (m == MARKUP_XML_ATTR)
			fprintf(f, "&#%d;", c);
		else
			putc(c, f);
		return;
	case '\r':
		if (!html) {
			fputs("&#13;", f);
			return;
		}
		break;
	}
	if (c >= 0x20)
		putc(c, f);
	else if (html)
		fprintf(f, "&#x%x;", 0x2400 + c);
	else
		fputs(MARKUP_REPLACEMENT, f);
}

/* 1 for the UTF-8 sequence of n bytes at s that XML cannot carry. */
static int
markup_xml_refuses(const unsigned char *s, size_t n)
{
	return n == 3 && s[0] == 0xef && s[1] == 0xbf && s[2] >= 0xbe;
}

/* Write text (NULL: nothing) escaped for mode m. */
void
markup_escape(FILE *f, const char *text, enum markup_mode m)
{
	const unsigned char	*s = (const unsigned char *)text;
	size_t			 n;
	int			 xml = m == MARKUP_XML_TEXT ||
				    m == MARKUP_XML_ATTR;

	if (text == NULL)
		return;
	while (*s != '\0') {
		n = str_utf8_len(s);
		if (n == 0 || (xml && markup_xml_refuses(s, n))) {
			fputs(MARKUP_REPLACEMENT, f);
			s += n == 0 ? 1 : n;
		} else if (n == 1)
			markup_ascii(f, *s++, m);
		else {
			fwrite(s, 1, n, f);
			s += n;
		}
	}
}
