#!/bin/sh
# man-lint.sh: the manual pages are well-formed, so that a broken macro
# fails a test instead of nesting the rest of a page.  For each page in
# man/: every .RS has its .RE and every .EX its .EE, in order (checked
# here, with no tool needed); groff -ww -z -man prints no warning; and,
# where mandoc is installed, mandoc -T lint -W style prints nothing (under
# CI, which installs both, a missing tool is a failure).
# Each check is first shown to catch the bug issue 15 found: a page
# whose .EE and .RE after an example were missing.
# shellcheck source=tests/lib.sh
. "${0%/*}/lib.sh"

MAN=$top_srcdir/man

# The first problem of .RS/.RE and .EX/.EE nesting in FILE, or nothing.
nesting()
{
	awk '
	/^\.RS([ \t]|$)/ { rs++ }
	/^\.RE([ \t]|$)/ {
		if (rs == 0) { print FILENAME ":" NR ": .RE without .RS"; exit }
		rs--
	}
	/^\.EX([ \t]|$)/ {
		if (ex) { print FILENAME ":" NR ": .EX inside .EX (line " ex ")"; exit }
		ex = NR
	}
	/^\.EE([ \t]|$)/ {
		if (!ex) { print FILENAME ":" NR ": .EE without .EX"; exit }
		ex = 0
	}
	/^\.(SH|SS)([ \t]|$)/ && (rs || ex) {
		print FILENAME ":" NR ": section starts inside " \
		    (ex ? ".EX (line " ex ")" : ".RS"); bad = 1; exit
	}
	END {
		if (bad) exit
		if (ex) print FILENAME ": .EX at line " ex " has no .EE"
		else if (rs) print FILENAME ": " rs " .RS without .RE"
	}' "$1"
}

# What groff says about FILE (warnings go to standard error).
groff_says()
{
	groff -ww -z -man "$1" 2>&1
}

# What mandoc says about FILE, at every level down to style.
mandoc_says()
{
	mandoc -T lint -W style "$1" 2>&1
}

have_groff=0
command -v groff >/dev/null 2>&1 && have_groff=1
have_mandoc=0
command -v mandoc >/dev/null 2>&1 && have_mandoc=1

# The bug of issue 15, made again: an example whose .EE and .RE are gone.
broken=$WORK/broken.1
awk '/^\.SH EXAMPLES/ { ex = 1 } ex && /^\.EE$/ && !done { getline; done = 1; next } { print }' \
    "$MAN/sqlcheck.1" >"$broken"
check "the broken copy lost one .EE and its .RE" \
    [ "$(grep -c '^\.EE$' "$broken")" -eq $(($(grep -c '^\.EE$' "$MAN/sqlcheck.1") - 1)) ]
matches "nesting: a missing .EE is caught" "$(nesting "$broken")" \
    '(inside \.EX|has no \.EE)'
if [ "$have_mandoc" = 1 ]; then
	matches "mandoc: a missing .EE is caught" "$(mandoc_says "$broken")" \
	    'fill mode already disabled'
else
	missing "mandoc: a missing .EE is caught" "mandoc is not installed"
fi
printf '.TH X 1\n.SH NAME\nx\n.BOGUS macro\n' >"$WORK/bogus.1"
if [ "$have_groff" = 1 ]; then
	matches "groff: an unknown macro is caught" "$(groff_says "$WORK/bogus.1")" \
	    'BOGUS'
else
	missing "groff: an unknown macro is caught" "groff is not installed"
fi

for page in "$MAN"/*.[1-8]; do
	name=${page##*/}
	is "$name: .RS/.RE and .EX/.EE nest" "$(nesting "$page")" ""
	if [ "$have_groff" = 1 ]; then
		is "$name: groff -ww -z -man prints no warning" \
		    "$(groff_says "$page")" ""
	else
		missing "$name: groff -ww" "groff is not installed"
	fi
	if [ "$have_mandoc" = 1 ]; then
		is "$name: mandoc -T lint -W style prints nothing" \
		    "$(mandoc_says "$page")" ""
	else
		missing "$name: mandoc -T lint" "mandoc is not installed"
	fi
done

done_testing
