/*
 * test-txnstmt.c: what the runner refuses to send (txnstmt.c):
 * statements that commit implicitly on MySQL/MariaDB, statements that
 * change the server beyond the file's database on MySQL and PostgreSQL,
 * and the message txn_refusal() gives in each isolation.
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/sqlcheck.h"
#include "tap.h"

/* sql on one line, for a test's description (static buffer). */
static const char *
one_line(const char *sql)
{
	static char	buf[256];
	size_t		i;

	for (i = 0; sql[i] != '\0' && i + 1 < sizeof buf; i++)
		buf[i] = sql[i] == '\n' ? ' ' : sql[i];
	buf[i] = '\0';
	return buf;
}

/* MariaDB's list of statements that cause an implicit commit. */
static void
test_implicit_commit(void)
{
	static const struct {
		const char	*sql;
		int		 commits;
	} cases[] = {
		{ "CREATE TABLE leftover (id INT PRIMARY KEY)", 1 },
		{ "create or replace table t (a int)", 1 },
		{ "CREATE TEMPORARY TABLE t (a int)", 0 },
		{ "CREATE OR REPLACE TEMPORARY TABLE t (a int)", 0 },
		{ "DROP TEMPORARY TABLE IF EXISTS t", 0 },
		{ "DROP TABLE t", 1 },
		{ "CREATE TABLE t (temporary int)", 1 },
		{ "CREATE INDEX leftover_idx ON leftover (id)", 1 },
		{ "CREATE UNIQUE INDEX i ON t (a)", 1 },
		{ "DROP INDEX i ON t", 1 },
		{ "ALTER TABLE t ADD COLUMN b int", 1 },
		{ "CREATE VIEW v AS SELECT 1", 1 },
		{ "CREATE DEFINER = CURRENT_USER TRIGGER tr BEFORE INSERT ON t "
		    "FOR EACH ROW SET NEW.a = 1", 1 },
		{ "CREATE PROCEDURE p() SELECT 1", 1 },
		{ "CREATE SEQUENCE s", 1 },
		{ "DROP PREPARE q", 0 },
		{ "RENAME TABLE a TO b", 1 },
		{ "TRUNCATE TABLE t", 1 },
		{ "truncate t", 1 },
		{ "ANALYZE TABLE t", 1 },
		{ "ANALYZE LOCAL TABLE t", 1 },
		{ "ANALYZE SELECT * FROM t", 0 },
		{ "CHECK TABLE t", 1 },
		{ "OPTIMIZE TABLE t", 1 },
		{ "REPAIR TABLE t", 1 },
		{ "LOCK TABLES t WRITE", 1 },
		{ "UNLOCK TABLES", 1 },
		{ "FLUSH PRIVILEGES", 1 },
		{ "GRANT SELECT ON db.* TO u", 1 },
		{ "REVOKE SELECT ON db.* FROM u", 1 },
		{ "SET PASSWORD FOR u = PASSWORD('x')", 1 },
		{ "CACHE INDEX t IN c", 1 },
		{ "LOAD INDEX INTO CACHE t", 1 },
		{ "LOAD DATA INFILE 'x' INTO TABLE t", 0 },
		{ "CHANGE MASTER TO MASTER_HOST = 'h'", 1 },
		{ "START SLAVE", 1 },
		{ "STOP REPLICA", 1 },
		{ "START TRANSACTION", 0 },
		{ "/*!40000 ALTER TABLE t DISABLE KEYS */", 1 },
		{ "-- a comment\nCREATE TABLE t (a int)", 1 },
		{ "/* lead */ INSERT INTO t VALUES (1)", 0 },
		{ "INSERT INTO t VALUES (1)", 0 },
		{ "UPDATE t SET a = 2", 0 },
		{ "DELETE FROM t", 0 },
		{ "SELECT 'CREATE TABLE x'", 0 },
		{ "SET @x = 1", 0 },
		{ "SAVEPOINT a", 0 },
	};
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ok(txn_commits_implicitly(cases[i].sql) == cases[i].commits,
		    "txn_commits_implicitly: %s -> %d", one_line(cases[i].sql),
		    cases[i].commits);
}

/* Statements whose effect reaches beyond the file's database. */
static void
test_server_change(void)
{
	static const struct {
		const char	*engine;
		int		 in_txn;	/* PostgreSQL: undone by it */
		int		 scratch;
		const char	*sql;
		int		 server;
	} cases[] = {
		{ "mysql", 0, 1, "DROP DATABASE IF EXISTS victim", 1 },
		{ "mysql", 1, 1, "CREATE DATABASE victim", 1 },
		{ "mysql", 1, 0, "create schema s", 1 },
		{ "mysql", 0, 1, "ALTER DATABASE victim CHARACTER SET utf8mb4", 1 },
		{ "mysql", 0, 1, "ALTER DATABASE CHARACTER SET utf8mb4", 0 },
		{ "mysql", 0, 1, "ALTER DATABASE DEFAULT COLLATE utf8mb4_bin", 0 },
		{ "mysql", 0, 1, "CREATE USER u IDENTIFIED BY 'x'", 1 },
		{ "mysql", 0, 1, "DROP ROLE r", 1 },
		{ "mysql", 0, 1, "ALTER USER u ACCOUNT LOCK", 1 },
		{ "mysql", 0, 1, "RENAME USER a TO b", 1 },
		{ "mysql", 0, 1, "GRANT SELECT ON t TO u", 1 },
		{ "mysql", 0, 1, "REVOKE ALL ON *.* FROM u", 1 },
		{ "mysql", 0, 1, "SET PASSWORD FOR u = PASSWORD('x')", 1 },
		{ "mysql", 0, 1, "SET DEFAULT ROLE r FOR u", 1 },
		{ "mysql", 0, 1, "SET GLOBAL max_connections = 1", 1 },
		{ "mysql", 0, 1, "SET @@global.max_connections = 1", 1 },
		{ "mysql", 0, 1, "set sql_mode = '', global event_scheduler = 1",
		    1 },
		{ "mysql", 0, 1, "SET PERSIST max_connections = 1", 1 },
		{ "mysql", 0, 1, "SET sql_mode = 'GLOBAL'", 0 },
		{ "mysql", 0, 1, "SET sql_mode = 'it\\'s GLOBAL'", 0 },
		{ "mysql", 0, 1, "SET x = 1 /* not GLOBAL */", 0 },
		{ "mysql", 0, 1, "SET x = 1 -- GLOBAL\n", 0 },
		{ "mysql", 0, 1, "SET /*!50000 GLOBAL */ x = 1", 1 },
		{ "mysql", 0, 1, "/*!40101 SET GLOBAL x = 1 */", 1 },
		{ "mysql", 0, 1, "SET @@session.sql_mode = ''", 0 },
		{ "mysql", 0, 1, "SET ROLE r", 0 },
		{ "mysql", 0, 1, "CREATE TABLESPACE ts ADD DATAFILE 'x'", 1 },
		{ "mysql", 0, 1, "CREATE SERVER s FOREIGN DATA WRAPPER mysql "
		    "OPTIONS (HOST 'h')", 1 },
		{ "mysql", 0, 1, "INSTALL SONAME 'ha_blackhole'", 1 },
		{ "mysql", 0, 1, "CREATE FUNCTION f RETURNS INTEGER SONAME "
		    "'udf.so'", 1 },
		{ "mysql", 0, 1, "CREATE FUNCTION f() RETURNS INT RETURN 1", 0 },
		{ "mysql", 0, 1, "FLUSH TABLES", 1 },
		{ "mysql", 0, 1, "KILL 42", 1 },
		{ "mysql", 0, 1, "KILL CONNECTION_ID()", 0 },
		{ "mysql", 0, 1, "KILL QUERY CONNECTION_ID()", 0 },
		{ "mysql", 0, 1, "SHUTDOWN", 1 },
		{ "mysql", 0, 1, "XA START 'x'", 1 },
		{ "mysql", 0, 1, "PURGE BINARY LOGS TO 'x'", 1 },
		{ "mysql", 0, 1, "USE appdb", 1 },
		{ "mysql", 1, 0, "USE appdb", 0 },
		{ "mysql", 0, 1, "CREATE TABLE t (a int)", 0 },
		{ "mysql", 0, 1, "START TRANSACTION", 0 },
		{ "postgres", 0, 1, "DROP DATABASE IF EXISTS victim", 1 },
		{ "postgres", 1, 0, "CREATE DATABASE victim", 1 },
		{ "postgres", 1, 0, "CREATE TABLESPACE t LOCATION '/x'", 1 },
		{ "postgres", 1, 0, "ALTER SYSTEM SET work_mem = '1MB'", 1 },
		{ "postgres", 1, 0, "PREPARE TRANSACTION 'x'", 1 },
		{ "postgres", 1, 0, "COMMIT PREPARED 'x'", 1 },
		{ "postgres", 1, 0, "CREATE SUBSCRIPTION s CONNECTION 'x' "
		    "PUBLICATION p", 1 },
		{ "postgres", 0, 1, "CREATE ROLE app_reader", 1 },
		{ "postgres", 1, 0, "CREATE ROLE app_reader", 0 },
		{ "postgres", 0, 1, "ALTER USER u SET search_path = x", 1 },
		{ "postgres", 0, 1, "DROP GROUP g", 1 },
		{ "postgres", 0, 1, "CREATE USER MAPPING FOR u SERVER s", 0 },
		{ "postgres", 0, 1, "ALTER DATABASE d SET work_mem = '1MB'", 1 },
		{ "postgres", 1, 0, "ALTER DATABASE d SET work_mem = '1MB'", 0 },
		{ "postgres", 0, 1, "GRANT app_reader TO bob", 1 },
		{ "postgres", 0, 1, "GRANT SELECT ON t TO bob", 0 },
		{ "postgres", 0, 1, "GRANT app /* ON t */ TO bob", 1 },
		{ "postgres", 0, 1, "GRANT \"ON\" TO bob", 1 },
		{ "postgres", 0, 1, "GRANT app TO bob -- ON DATABASE d", 1 },
		{ "postgres", 0, 1, "GRANT CONNECT ON DATABASE d TO bob", 1 },
		{ "postgres", 0, 1, "GRANT SET ON PARAMETER work_mem TO bob", 1 },
		{ "postgres", 0, 1, "COMMENT ON ROLE bob IS 'x'", 1 },
		{ "postgres", 0, 1, "COMMENT ON TABLE t IS 'x'", 0 },
		{ "postgres", 0, 1, "REASSIGN OWNED BY a TO b", 1 },
		{ "postgres", 0, 1, "SET work_mem = '1MB'", 0 },
		{ "postgres", 0, 1, "RESET ALL", 0 },
		{ "postgres", 0, 1, "CREATE TABLE roles (a int)", 0 },
		{ "sqlite", 0, 1, "CREATE DATABASE x", 0 },
	};
	struct txn_place	p;
	size_t			i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&p, 0, sizeof p);
		p.engine = cases[i].engine;
		p.in_txn = cases[i].in_txn;
		p.txn_ddl = strcmp(cases[i].engine, "mysql") != 0;
		p.scratch = cases[i].scratch;
		ok((txn_server_change(cases[i].sql, &p) != NULL) ==
		    cases[i].server, "txn_server_change: %s %s (in_txn %d, "
		    "scratch %d) -> %d", cases[i].engine, cases[i].sql,
		    cases[i].in_txn, cases[i].scratch, cases[i].server);
	}
}

/* 1 if txn_refusal's message for sql at p contains needle (NULL: none). */
static int
refusal_says(const char *sql, const struct txn_place *p, const char *needle)
{
	char	*msg = txn_refusal(sql, p);
	int	 rc;

	if (needle == NULL)
		rc = msg == NULL;
	else
		rc = msg != NULL && strstr(msg, needle) != NULL;
	if (!rc)
		diag("message: %s", msg != NULL ? msg : "(none)");
	free(msg);
	return rc;
}

/* Which refusal wins, and what each message suggests. */
static void
test_refusal(void)
{
	struct txn_place	txn = { "mysql", 1, 0, 0, 0 };
	struct txn_place	autoi = { "mysql", 1, 0, 1, 0 };
	struct txn_place	db = { "mysql", 0, 0, 1, 0 };
	struct txn_place	pgdb = { "postgres", 0, 1, 1, 0 };
	struct txn_place	pgtxn = { "postgres", 1, 1, 0, 0 };
	struct txn_place	temp = { "postgres", 0, 1, 1, 1 };

	ok(refusal_says("CREATE TABLE t (a int)", &txn,
	    "use CREATE TEMPORARY TABLE"), "transaction on MySQL: CREATE "
	    "TABLE is refused, naming CREATE TEMPORARY TABLE");
	ok(refusal_says("TRUNCATE t", &txn, "use DELETE FROM"),
	    "transaction on MySQL: TRUNCATE names DELETE FROM");
	ok(refusal_says("CREATE INDEX i ON t (a)", &txn, "--isolation auto"),
	    "transaction on MySQL: CREATE INDEX names a scratch database");
	ok(refusal_says("CREATE TEMPORARY TABLE t (a int)", &txn, NULL),
	    "transaction on MySQL: CREATE TEMPORARY TABLE is sent");
	ok(refusal_says("INSERT INTO t VALUES (1)", &txn, NULL),
	    "transaction on MySQL: INSERT is sent");
	ok(refusal_says("CREATE TABLE t (a int)", &autoi, NULL),
	    "auto on MySQL (scratch database): CREATE TABLE is sent");
	ok(refusal_says("CREATE TABLE t (a int)", &db, NULL),
	    "database on MySQL: CREATE TABLE is sent");
	ok(refusal_says("DROP DATABASE victim", &db, "--temp-instance"),
	    "database on MySQL: DROP DATABASE names --temp-instance");
	ok(refusal_says("DROP DATABASE victim", &db,
	    "--allow-server-changes"), "... and --allow-server-changes");
	ok(refusal_says("CREATE USER u", &txn, "--temp-instance"),
	    "transaction on MySQL: CREATE USER is a server change first");
	ok(refusal_says("DROP DATABASE victim", &pgdb, "--temp-instance"),
	    "database on PostgreSQL: DROP DATABASE is refused");
	ok(refusal_says("CREATE ROLE r", &pgdb, "--temp-instance"),
	    "database on PostgreSQL: CREATE ROLE is refused");
	ok(refusal_says("CREATE ROLE r", &pgtxn, NULL),
	    "transaction on PostgreSQL: CREATE ROLE is sent (rolled back)");
	ok(refusal_says("VACUUM", &pgtxn, "\"-- isolation: database\""),
	    "transaction on PostgreSQL: VACUUM names -- isolation: database");
	ok(refusal_says("DROP DATABASE victim", &temp, NULL),
	    "on sqlcheck's own server: DROP DATABASE is sent");
	ok(refusal_says("CREATE DATABASE d", &pgtxn, "--temp-instance"),
	    "transaction on PostgreSQL: CREATE DATABASE never suggests "
	    "-- isolation: database");
	temp.engine = "sqlite";
	temp.server_ok = 0;
	ok(refusal_says("VACUUM", &temp, NULL),
	    "database on SQLite: VACUUM is sent");
}

int
main(void)
{
	test_implicit_commit();
	test_server_change();
	test_refusal();
	return done_testing();
}
