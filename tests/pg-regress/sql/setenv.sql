-- \setenv and \getenv act on the test's own environment (a psql
-- process of its own under pg_regress): PGAPPNAME is the test's, \! and
-- \c see what \setenv set, "=" in a name is refused
\getenv app PGAPPNAME
\echo :app
\setenv SQLCHECK_SETENV_PROBE 'one two'
\getenv v SQLCHECK_SETENV_PROBE
\echo :v
\! echo "shell: $SQLCHECK_SETENV_PROBE, $PGAPPNAME"
\setenv SQLCHECK_SETENV_PROBE
\getenv w SQLCHECK_SETENV_PROBE
\echo :w
\! echo "shell after unset: [${SQLCHECK_SETENV_PROBE-unset}]"
\setenv BAD=NAME x
\setenv PGOPTIONS '-c work_mem=1234kB'
\c
SHOW work_mem;
\setenv PGAPPNAME setenv_probe_app
\c
SHOW application_name;
\! echo "shell: $PGAPPNAME"
\setenv PGAPPNAME
\c
SHOW application_name;
