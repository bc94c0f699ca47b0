/*
 * tempinst-pg.c: a throwaway PostgreSQL server for --temp-instance.  It
 * owns finding initdb and postgres, creating a cluster in a private
 * directory (0700) under /tmp, starting the server on a unix socket in
 * that directory (mode 0700, no TCP port), as the "postgres" user when
 * run as root, and waiting until it accepts connections.  Logging in
 * needs more than reaching the socket: run as root, peer authentication
 * lets only root (mapped to the superuser postgres) in; otherwise the
 * superuser has a random password (scram-sha-256), kept in the DSN only.
 * Stopping and removal are tempinst_stop() in tempinst.c.  Nothing here
 * prints.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "driver-pg.h"

#define PG_PORT		"5432"
#define PG_READY_SECONDS 30
#define PG_TAIL_LINES	5

/* Who runs initdb and the server. */
struct pg_user {
	int	 drop;		/* 1: switch to uid/gid (we are root) */
	uid_t	 uid;
	gid_t	 gid;
	char	*password;	/* the superuser's, when not root; owned */
};

static int	 pg_bindir_ok(const char *);
static char	*pg_bindir_from_path(const char *);
static char	*pg_bindir_from_pg_config(void);
static char	*pg_bindir_from_glob(void);
static char	*pg_find_bindir(char **);
static int	 pg_find_user(struct pg_user *, char **);
static int	 pg_write_auth(struct tempinst *, const struct pg_user *, int,
		    char **);
static deadfn void pg_child_fail(const char *);
static void	 pg_server_env_free(char **, const struct pg_user *);
static char	**pg_server_env(const struct tempinst *, const struct pg_user *,
		    const char *);
static deadfn void pg_child(char *const [], char *const [], int, const char *,
		    const struct pg_user *);
static pid_t	 pg_spawn(char *const [], char *const [], int, const char *,
		    const struct pg_user *, char **);
static int	 pg_open_log(const char *, char **);
static char	*pg_read_output(int);
static char	*pg_log_tail(const char *);
static char	*pg_status_text(int);
static int	 pg_initdb(const char *, struct tempinst *,
		    const struct pg_user *, int, char **);
static int	 pg_start_server(const char *, struct tempinst *,
		    const struct pg_user *, const char *, int, char **);
static char	*pg_server_exited(const struct tempinst *, int);
static int	 pg_wait_ready(struct tempinst *, char **);

/* 1 if dir holds executable initdb and postgres (one installation). */
static int
pg_bindir_ok(const char *dir)
{
	char	*a, *b;
	int	 ok;

	a = xprintf("%s/initdb", dir);
	b = xprintf("%s/postgres", dir);
	ok = access(a, X_OK) == 0 && access(b, X_OK) == 0;
	free(a);
	free(b);
	return ok;
}

/*
 * The first directory of PATH that holds program (NULL: both initdb and
 * postgres).  NULL if none; caller frees.
 */
static char *
pg_bindir_from_path(const char *program)
{
	const char	*path, *p, *end;
	char		*dir, *file;
	int		 ok;

	path = getenv("PATH");
	if (path == NULL)
		return NULL;
	for (p = path; *p != '\0'; p = *end == ':' ? end + 1 : end) {
		end = p + strcspn(p, ":");
		if (end == p || *p != '/')
			continue;	/* never search relative entries */
		dir = xstrndup(p, (size_t)(end - p));
		if (program == NULL)
			ok = pg_bindir_ok(dir);
		else {
			file = xprintf("%s/%s", dir, program);
			ok = access(file, X_OK) == 0;
			free(file);
		}
		if (ok)
			return dir;
		free(dir);
	}
	return NULL;
}

/* What argv writes on its standard output, run without a shell; NULL if
 * it cannot run.  Caller frees. */
static char *
pg_output(char *const argv[])
{
	char	*out = NULL;
	int	 fds[2], status;
	pid_t	 pid;

	if (pipe(fds) == 0) {
		fcntl(fds[0], F_SETFD, FD_CLOEXEC);
		fcntl(fds[1], F_SETFD, FD_CLOEXEC);
		pid = pg_spawn(argv, NULL, fds[1], NULL, NULL, NULL);
		close(fds[1]);
		if (pid > 0) {
			out = pg_read_output(fds[0]);
			while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
				;
		}
		close(fds[0]);
	}
	return out;
}

/*
 * The directory "pg_config --bindir" names, if it holds initdb and
 * postgres.  pg_config is run directly, without a shell.  NULL if not.
 */
static char *
pg_bindir_from_pg_config(void)
{
	char	*dir, *prog, *out;
	char	*argv[3];

	dir = pg_bindir_from_path("pg_config");
	if (dir == NULL)
		return NULL;
	prog = xprintf("%s/pg_config", dir);
	free(dir);
	argv[0] = prog;
	argv[1] = (char *)"--bindir";
	argv[2] = NULL;
	out = pg_output(argv);
	free(prog);
	if (out != NULL && (*out != '/' || !pg_bindir_ok(out))) {
		free(out);
		out = NULL;
	}
	return out;
}

/*
 * The port pg_regress gives its temporary instance: 0xC000 and the low
 * bits of PG_VERSION_NUM, taken from "postgres -V" (15.20: 150020, port
 * 51716); PG_PORT when the version cannot be read.  Caller frees.
 */
static char *
pg_regress_port(const char *bindir)
{
	char	*argv[3], *out, *p;
	long	 major, minor = 0;

	argv[0] = xprintf("%s/postgres", bindir);
	argv[1] = (char *)"-V";
	argv[2] = NULL;
	out = pg_output(argv);
	free(argv[0]);
	p = out != NULL ? strstr(out, ") ") : NULL;
	if (p == NULL || (major = strtol(p + 2, &p, 10)) < 10) {
		free(out);
		return xstrdup(PG_PORT);
	}
	if (*p == '.')
		minor = strtol(p + 1, NULL, 10);
	free(out);
	return xprintf("%ld", 0xC000 | ((major * 10000 + minor) & 0x3FFF));
}

/*
 * The highest /usr/lib/postgresql/VERSION/bin holding initdb and postgres
 * (Debian's layout, where they are not in PATH).  NULL if none.
 */
static char *
pg_bindir_from_glob(void)
{
	glob_t	 g;
	size_t	 i;
	char	*best = NULL;
	long	 v, bestv = -1;

	if (glob("/usr/lib/postgresql/*/bin", 0, NULL, &g) != 0)
		return NULL;
	for (i = 0; i < g.gl_pathc; i++) {
		v = strtol(g.gl_pathv[i] + strlen("/usr/lib/postgresql/"),
		    NULL, 10);
		if (v > bestv && pg_bindir_ok(g.gl_pathv[i])) {
			free(best);
			best = xstrdup(g.gl_pathv[i]);
			bestv = v;
		}
	}
	globfree(&g);
	return best;
}

/*
 * The directory of initdb and postgres: PATH, then pg_config --bindir,
 * then /usr/lib/postgresql/<highest>/bin.  NULL with *cause if none.
 */
static char *
pg_find_bindir(char **cause)
{
	char	*dir;

	dir = pg_bindir_from_path(NULL);
	if (dir == NULL)
		dir = pg_bindir_from_pg_config();
	if (dir == NULL)
		dir = pg_bindir_from_glob();
	if (dir == NULL)
		*cause = xstrdup("cannot find initdb and postgres (searched "
		    "PATH, pg_config --bindir and /usr/lib/postgresql/*/bin)");
	return dir;
}

/*
 * Decide who runs the server: ourselves, with a random password for the
 * superuser, or, as root (which initdb and postgres refuse), the
 * postgres user.  Never nobody: that account is shared by every daemon
 * that drops privileges, and would own the cluster.  0, or -1 with
 * *cause.
 */
static int
pg_find_user(struct pg_user *u, char **cause)
{
	struct passwd	*pw;

	memset(u, 0, sizeof *u);
	if (geteuid() != 0) {
		u->password = tempinst_password(cause);
		return u->password != NULL ? 0 : -1;
	}
	pw = getpwnam("postgres");
	if (pw == NULL || pw->pw_uid == 0) {
		*cause = xstrdup("running as root, and there is no "
		    "\"postgres\" user to run the server as (initdb refuses "
		    "root): create one, or run sqlcheck as another user");
		return -1;
	}
	u->drop = 1;
	u->uid = pw->pw_uid;
	u->gid = pw->pw_gid;
	return 0;
}

/* Forget the password and free it. */
static void
pg_user_free(struct pg_user *u)
{
	tempinst_forget(u->password);
	free(u->password);
	u->password = NULL;
}

/*
 * Replace the cluster's pg_hba.conf (and pg_ident.conf) with one line:
 * with trust (pg-regress --temp-instance, as pg_regress's own instance),
 * any role connects over the socket only its owner can reach; else as
 * root, peer authentication mapping the system user root to the
 * superuser postgres; otherwise scram-sha-256, the password initdb set.
 * No host line: the server opens no TCP port.  0, or -1 with *cause.
 */
static int
pg_write_auth(struct tempinst *ti, const struct pg_user *u, int trust,
    char **cause)
{
	const char	*line, *map;
	char		*hba, *ident;
	int		 rc;

	if (trust) {
		line = "local all all trust\n";
		map = "";
	} else if (u->drop) {
		line = "local all all peer map=sqlcheck\n";
		map = "sqlcheck root postgres\n";
	} else {
		line = "local all all scram-sha-256\n";
		map = "";
	}
	hba = xprintf("%s/data/pg_hba.conf", ti->dir);
	ident = xprintf("%s/data/pg_ident.conf", ti->dir);
	if (unlink(hba) != 0 || unlink(ident) != 0) {
		*cause = xprintf("cannot replace \"%s\": %s", hba,
		    strerror(errno));
		rc = -1;
	} else {
		rc = tempinst_write_private(hba, line, u->drop, u->uid,
		    u->gid, cause);
		if (rc == 0)
			rc = tempinst_write_private(ident, map, u->drop,
			    u->uid, u->gid, cause);
	}
	free(hba);
	free(ident);
	return rc;
}

/* In a forked child: say on stderr (the log) what failed, and exit. */
static void
pg_child_fail(const char *msg)
{
	if (write(2, msg, strlen(msg)) == -1)
		_exit(126);
	_exit(127);
}

/*
 * In a forked child: stdin from /dev/null, stdout and stderr to outfd, a
 * session of its own (a Ctrl-C at the terminal reaches only us, who stop
 * the server in order), umask 077, cwd, the server's user, then exec.
 * Only async-signal-safe calls, as the parent may have threads.
 */
static void
pg_child(char *const argv[], char *const envp[], int outfd, const char *cwd,
    const struct pg_user *u)
{
	int	fd;

	fd = open("/dev/null", O_RDONLY);
	if (fd == -1 || dup2(fd, 0) == -1 || dup2(outfd, 1) == -1 ||
	    dup2(outfd, 2) == -1)
		_exit(127);
	setsid();
	umask(077);
	if (cwd != NULL && chdir(cwd) != 0)
		pg_child_fail("sqlcheck: cannot change directory\n");
	if (u != NULL && u->drop && (setgid(u->gid) != 0 ||
	    setgroups(1, &u->gid) != 0 || setuid(u->uid) != 0))
		pg_child_fail("sqlcheck: cannot switch to the server's user\n");
	if (envp != NULL)
		execve(argv[0], argv, envp);
	else
		execv(argv[0], argv);
	pg_child_fail("sqlcheck: cannot execute the program\n");
}

/*
 * Fork and run argv[0] with output to outfd, in cwd (NULL: ours), as u
 * (NULL: ourselves).  The child's pid, or -1 with *cause (when cause is
 * not NULL).
 */
static pid_t
pg_spawn(char *const argv[], char *const envp[], int outfd, const char *cwd,
    const struct pg_user *u, char **cause)
{
	pid_t	pid;

	pid = fork();
	if (pid == -1) {
		if (cause != NULL)
			*cause = xprintf("cannot fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0)
		pg_child(argv, envp, outfd, cwd, u);
	tempinst_guard_pid((int)pid, SIGINT);	/* fast shutdown, initdb */
	return pid;
}

/*
 * Create a log file readable by its owner alone (closed on exec); its
 * fd, or -1 with *cause.
 */
static int
pg_open_log(const char *path, char **cause)
{
	int	fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC,
	    0600);
	if (fd == -1)
		*cause = xprintf("cannot create \"%s\": %s", path,
		    strerror(errno));
	return fd;
}

/*
 * Read fd to its end; the text without trailing white space, or NULL if
 * nothing could be read.  Caller frees.
 */
static char *
pg_read_output(int fd)
{
	struct buf	 b;
	char		 chunk[4096];
	ssize_t		 n;

	buf_init(&b);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_add(&b, chunk, (size_t)n);
	}
	while (b.len > 0 && strchr(" \t\r\n", b.data[b.len - 1]) != NULL)
		b.data[--b.len] = '\0';
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/*
 * The last lines of a log file, to say why a program failed.  Caller
 * frees; never NULL.
 */
static char *
pg_log_tail(const char *path)
{
	char	*text, *p, *tail;
	int	 fd, lines = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	text = fd != -1 ? pg_read_output(fd) : NULL;
	if (fd != -1)
		close(fd);
	if (text == NULL)
		return xstrdup("(no output)");
	for (p = text + strlen(text); p > text; p--) {
		if (p[-1] == '\n' && ++lines == PG_TAIL_LINES)
			break;
	}
	tail = xstrdup(p);
	free(text);
	return tail;
}

/* How a child ended, "exit status 1" or "signal 9".  Caller frees. */
static char *
pg_status_text(int status)
{
	if (WIFEXITED(status))
		return xprintf("exit status %d", WEXITSTATUS(status));
	if (WIFSIGNALED(status))
		return xprintf("signal %d", WTERMSIG(status));
	return xprintf("status %d", status);
}

/*
 * Run initdb into DIR/data (superuser postgres with peer authentication
 * as root, else the password of u, UTF-8, no fsync), output in
 * DIR/initdb.log, and wait for it.  The password goes through a file
 * (DIR/pwfile, 0600, removed at once), never the command line.  0, or
 * -1 with *cause holding the end of its output.
 */
static int
pg_initdb(const char *bindir, struct tempinst *ti, const struct pg_user *u,
    int flags, char **cause)
{
	char	*prog, *data, *log, *how, *tail, *pwfile, *pwopt = NULL;
	char	*argv[] = { NULL, (char *)"-D", NULL, (char *)"-U",
		    (char *)"postgres", (char *)"--auth-host=reject",
		    (char *)"--no-sync", (char *)"--auth-local=peer",
		    (char *)"--encoding=UTF8", (char *)"--locale=C.UTF-8",
		    NULL, NULL };
	size_t	 n = 10;
	int	 fd = -1, status = 0, rc = -1;
	pid_t	 pid = -1;

	prog = xprintf("%s/initdb", bindir);
	data = xprintf("%s/data", ti->dir);
	log = xprintf("%s/initdb.log", ti->dir);
	pwfile = xprintf("%s/pwfile", ti->dir);
	argv[0] = prog;
	argv[2] = data;
	if (flags & TEMPINST_PG_REGRESS) {
		/*
		 * As pg_regress: the cluster's locale and encoding from the
		 * environment, or C with --no-locale.
		 */
		n = 8;
		if (flags & TEMPINST_NO_LOCALE)
			argv[n++] = (char *)"--no-locale";
		argv[n] = NULL;
	}
	if (u->password != NULL) {
		argv[7] = (char *)"--auth-local=scram-sha-256";
		argv[n++] = pwopt = xprintf("--pwfile=%s", pwfile);
		argv[n] = NULL;
	}
	if (u->password == NULL || tempinst_write_private(pwfile,
	    u->password, 0, 0, 0, cause) == 0)
		fd = pg_open_log(log, cause);
	if (fd != -1)
		pid = pg_spawn(argv, NULL, fd, ti->dir, u, cause);
	if (fd != -1)
		close(fd);
	if (pid > 0) {
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			rc = 0;
		else {
			how = pg_status_text(status);
			tail = pg_log_tail(log);
			*cause = xprintf("initdb failed (%s): %s", how, tail);
			free(how);
			free(tail);
		}
	}
	if (u->password != NULL)
		unlink(pwfile);
	free(pwfile);
	free(pwopt);
	free(prog);
	free(data);
	free(log);
	return rc;
}

/*
 * The server's environment: ours, with PGHOST and PGPORT naming the
 * server itself (and PGPASSWORD, when it asks for one), as pg_regress
 * starts its temporary instance: libpq in the server (dblink,
 * postgres_fdw) then reaches it by default.  The first three strings
 * are allocated: pg_server_env_free() frees them and the array.
 */
static char **
pg_server_env(const struct tempinst *ti, const struct pg_user *u,
    const char *port)
{
	extern char	**environ;
	char		**env;
	size_t		  n = 0, i, k = 0;

	while (environ[n] != NULL)
		n++;
	env = xcalloc(n + 4, sizeof *env);
	env[k++] = xprintf("PGHOST=%s", ti->dir);
	env[k++] = xprintf("PGPORT=%s", port);
	if (u->password != NULL)	/* none at all, not an empty one */
		env[k++] = xprintf("PGPASSWORD=%s", u->password);
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "PGHOST=", 7) != 0 &&
		    strncmp(environ[i], "PGPORT=", 7) != 0 &&
		    strncmp(environ[i], "PGHOSTADDR=", 11) != 0 &&
		    strncmp(environ[i], "PGPASSWORD=", 11) != 0)
			env[k++] = environ[i];
	return env;
}

/* Free what pg_server_env(ti, u, port) made. */
static void
pg_server_env_free(char **env, const struct pg_user *u)
{
	free(env[0]);
	free(env[1]);
	if (u->password != NULL)
		free(env[2]);
	free(env);
}

/*
 * Start postgres itself (not pg_ctl, so that its pid is our child's) on
 * a unix socket in DIR only, without durability, output in
 * DIR/server.log.  With TEMPINST_PG_REGRESS, only what pg_regress sets
 * (fsync off, no TCP, the socket's directory; the port from PGPORT), so
 * that the settings a test shows are the same.  Sets ti->pid.  0, or -1
 * with *cause.
 */
static int
pg_start_server(const char *bindir, struct tempinst *ti,
    const struct pg_user *u, const char *port, int flags, char **cause)
{
	char	*prog, *data, *log;
	char	*argv[] = { NULL, (char *)"-D", NULL,
		    (char *)"-c", (char *)"listen_addresses=",
		    (char *)"-k", NULL,
		    (char *)"-c", (char *)"fsync=off",
		    (char *)"-c", (char *)"unix_socket_permissions=0700",
		    (char *)"-p", NULL,
		    (char *)"-c", (char *)"synchronous_commit=off",
		    (char *)"-c", (char *)"full_page_writes=off", NULL };
	char	**env;
	int	 fd;
	pid_t	 pid = -1;

	prog = xprintf("%s/postgres", bindir);
	data = xprintf("%s/data", ti->dir);
	log = xprintf("%s/server.log", ti->dir);
	argv[0] = prog;
	argv[2] = data;
	argv[6] = ti->dir;
	argv[12] = (char *)port;
	if (flags & TEMPINST_PG_REGRESS)
		argv[9] = NULL;	/* as pg_regress: -F, the port from PGPORT */
	env = pg_server_env(ti, u, port);
	fd = pg_open_log(log, cause);
	if (fd != -1) {
		pid = pg_spawn(argv, env, fd, ti->dir, u, cause);
		close(fd);
	}
	if (pid > 0)
		ti->pid = (int)pid;
	pg_server_env_free(env, u);
	free(prog);
	free(data);
	free(log);
	return pid > 0 ? 0 : -1;
}

/*
 * The cause for a server that exited with status before it was ready:
 * how it ended and the end of its log.  Caller frees.
 */
static char *
pg_server_exited(const struct tempinst *ti, int status)
{
	char	*log, *how, *tail, *cause;

	how = pg_status_text(status);
	log = xprintf("%s/server.log", ti->dir);
	tail = pg_log_tail(log);
	cause = xprintf("postgres exited (%s) before accepting connections: "
	    "%s", how, tail);
	free(how);
	free(log);
	free(tail);
	return cause;
}

/*
 * Poll every 20 ms until the server accepts connections.  0, or -1 with
 * *cause when it exits (ti->pid is then 0) or is not ready in time.
 */
static int
pg_wait_ready(struct tempinst *ti, char **cause)
{
	struct timespec	 ts = { 0, 20 * 1000 * 1000 };
	double		 deadline;
	int		 status;

	deadline = clock_now() + PG_READY_SECONDS;
	while (PQping(ti->dsn) != PQPING_OK) {
		if (waitpid((pid_t)ti->pid, &status, WNOHANG) == ti->pid) {
			ti->pid = 0;
			*cause = pg_server_exited(ti, status);
			return -1;
		}
		if (clock_now() > deadline) {
			*cause = xprintf("postgres did not accept connections "
			    "within %d seconds", PG_READY_SECONDS);
			return -1;
		}
		nanosleep(&ts, NULL);
	}
	return 0;
}

/*
 * Create the pgtap extension in the new server's database when the
 * server has it (Debian: postgresql-15-pgtap), so that pgTAP files run
 * there as they are.  Without the package this does nothing: a pgTAP
 * file then fails saying how to install it (run-pgtap.c).  0, or -1
 * with *cause.
 */
static int
pg_create_pgtap(struct tempinst *ti, char **cause)
{
	PGconn		*conn;
	PGresult	*res;
	int		 rc = 0;

	conn = PQconnectdb(ti->dsn);
	if (PQstatus(conn) != CONNECTION_OK) {
		*cause = xprintf("cannot connect to the new server: %.*s",
		    (int)strcspn(PQerrorMessage(conn), "\n"),
		    PQerrorMessage(conn));
		PQfinish(conn);
		return -1;
	}
	res = PQexec(conn, "SET client_min_messages = warning; "
	    "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_available_extensions "
	    "WHERE name = 'pgtap') THEN CREATE EXTENSION IF NOT EXISTS pgtap; "
	    "END IF; END $$");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		*cause = xprintf("cannot create the pgtap extension: %.*s",
		    (int)strcspn(PQerrorMessage(conn), "\n"),
		    PQerrorMessage(conn));
		rc = -1;
	}
	PQclear(res);
	PQfinish(conn);
	return rc;
}

/* conf appended to the cluster's postgresql.conf; 0, or -1 with *cause. */
static int
pg_append_conf(struct tempinst *ti, const char *conf, char **cause)
{
	char	*path = xprintf("%s/data/postgresql.conf", ti->dir);
	FILE	*f = fopen(path, "a");
	int	 rc = 0;

	if (f == NULL || fputs(conf, f) == EOF)
		rc = -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	if (rc != 0)
		*cause = xprintf("cannot add to \"%s\": %s", path,
		    strerror(errno));
	free(path);
	return rc;
}

/*
 * Create and start a throwaway PostgreSQL server reachable at ti->dsn,
 * with pgTAP when the server has it.  NULL with *cause on failure, with everything created removed again.
 * The caller stops it with tempinst_stop().
 */
struct tempinst *
tempinst_pg_start(char **cause)
{
	return tempinst_pg_start_conf(NULL, 0, NULL, cause);
}

/*
 * The same, with conf (when not NULL) added to postgresql.conf first.
 * flags: TEMPINST_PG_REGRESS, as pg_regress's instance: any role connects
 * without a password (trust on the private socket), the cluster's
 * locale and encoding from the environment (TEMPINST_NO_LOCALE: C).
 * want_port (NULL: the default) is the port it listens on.
 */
struct tempinst *
tempinst_pg_start_conf(const char *conf, int flags, const char *want_port,
    char **cause)
{
	struct tempinst	*ti;
	struct pg_user	 u;
	char		*bindir, *port = NULL;
	double		 start;

	start = clock_now();
	bindir = pg_find_bindir(cause);
	if (bindir == NULL)
		return NULL;
	ti = xcalloc(1, sizeof *ti);
	ti->stop_signal = SIGINT;	/* fast shutdown */
	if (pg_find_user(&u, cause) != 0 ||
	    tempinst_make_dir(ti, "/tmp/sqlcheck-pg.XXXXXX", u.drop, u.uid,
	    u.gid, cause) != 0)
		goto fail;
	if (want_port != NULL)
		port = xstrdup(want_port);
	else if (flags & TEMPINST_PG_REGRESS)
		port = pg_regress_port(bindir);
	else
		port = xstrdup(PG_PORT);
	ti->dsn = xprintf("host=%s port=%s user=postgres dbname=postgres%s%s",
	    ti->dir, port, u.password != NULL ? " password=" : "",
	    u.password != NULL ? u.password : "");
	if (pg_initdb(bindir, ti, &u, flags, cause) != 0 ||
	    pg_write_auth(ti, &u, flags & TEMPINST_PG_REGRESS, cause) != 0 ||
	    (conf != NULL && pg_append_conf(ti, conf, cause) != 0) ||
	    pg_start_server(bindir, ti, &u, port, flags, cause) != 0 ||
	    pg_wait_ready(ti, cause) != 0 || pg_create_pgtap(ti, cause) != 0)
		goto fail;
	free(bindir);
	free(port);
	pg_user_free(&u);
	ti->startup_seconds = clock_now() - start;
	return ti;

fail:
	free(bindir);
	free(port);
	pg_user_free(&u);
	tempinst_stop(ti);
	return NULL;
}
