/*
 * tempinst-mysql.c: a throwaway MariaDB server for --temp-instance.
 * mariadb-install-db fills DIR/data (root reached through unix_socket
 * only, an account "sqlcheck" with a random password and every
 * privilege, a database "sqlcheck", utf8mb4 as the server's character
 * set as Debian's packaged server has it), then mariadbd runs as our own
 * child on the unix socket DIR/mysqld.sock with no TCP port.  DIR is
 * private (0700) and its files 0600.  Run as root, the server drops to
 * the "mysql" user; otherwise it runs as the caller.  Stopping the
 * server and removing DIR belong to tempinst.c.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>

#include "driver-mysql.h"

#define MY_INSTALL_SECONDS	120.0	/* mariadb-install-db may take */
#define MY_READY_SECONDS	60.0	/* mariadbd may take to accept */
#define MY_POLL_NSEC		(20 * 1000 * 1000)
#define MY_TAIL_LINES		10

/* A NULL-ended argument vector built before fork(). */
struct my_argv {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

/*
 * Options for both mariadb-install-db and mariadbd: a small redo log and
 * buffer pool and no syncing (a throwaway server need not survive a
 * crash), no binary log, and utf8mb4.
 */
static const char *const my_fast_options[] = {
	"--innodb-log-file-size=16M",
	"--innodb-buffer-pool-size=64M",
	"--innodb-flush-log-at-trx-commit=0",
	"--innodb-doublewrite=0",
	"--innodb-flush-method=O_DIRECT_NO_FSYNC",
	"--loose-innodb-buffer-pool-dump-at-shutdown=0",
	"--loose-innodb-buffer-pool-load-at-startup=0",
	"--skip-log-bin",
	"--character-set-server=utf8mb4",
	"--collation-server=utf8mb4_general_ci",
	NULL
};

static const char *const my_installers[] = {
	"mariadb-install-db", "mysql_install_db", NULL
};
static const char *const my_servers[] = { "mariadbd", "mysqld", NULL };

static pthread_once_t	 my_once = PTHREAD_ONCE_INIT;

static void	 my_library_init(void);
static void	 my_argv_add(struct my_argv *, const char *, ...)
		    printflike(2, 3);
static void	 my_argv_free(struct my_argv *);
static void	 my_argv_common(struct my_argv *, const char *, const char *,
		    const char *);
static char	*my_find_in(const char *, const char *);
static char	*my_find_program(const char *const *);
static char	*my_read_log(const char *);
static int	 my_is_error_line(const char *, size_t);
static char	*my_excerpt(const char *);
static char	*my_log_excerpt(const char *, const char *);
static pid_t	 my_spawn(char *const *, const char *);
static int	 my_wait_exit(pid_t, double, int *);
static char	*my_status_text(int);
static int	 my_prepare_dir(struct tempinst *, const char **, char **);
static int	 my_write_init_sql(const char *, const char *, char **);
static int	 my_install(struct tempinst *, const char *, char **);
static int	 my_launch(struct tempinst *, const char *, char **);
static int	 my_try_connect(const char *, const char *, char **);
static int	 my_wait_ready(struct tempinst *, const char *, char **);

/* Initialise the client library once (see driver-mysql.c). */
static void
my_library_init(void)
{
	mysql_library_init(0, NULL, NULL);
}

/* Append a formatted argument, keeping the vector NULL-ended. */
static void
my_argv_add(struct my_argv *a, const char *fmt, ...)
{
	va_list	 ap;

	if (a->n + 2 > a->cap) {
		a->cap = a->cap == 0 ? 32 : a->cap * 2;
		a->v = xreallocarray(a->v, a->cap, sizeof *a->v);
	}
	va_start(ap, fmt);
	a->v[a->n++] = xvprintf(fmt, ap);
	va_end(ap);
	a->v[a->n] = NULL;
}

/* Free an argument vector. */
static void
my_argv_free(struct my_argv *a)
{
	size_t	 i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof *a);
}

/*
 * The start every command line shares: the program, --no-defaults (which
 * must come first, to keep /etc/mysql/my.cnf out), --user=USER when user
 * is not NULL, the data directory and the fast options.
 */
static void
my_argv_common(struct my_argv *a, const char *program, const char *dir,
    const char *user)
{
	const char *const	*o;

	my_argv_add(a, "%s", program);
	my_argv_add(a, "--no-defaults");
	if (user != NULL)
		my_argv_add(a, "--user=%s", user);
	my_argv_add(a, "--datadir=%s/data", dir);
	/* Its own temporary files: bootstraps sharing /tmp collide. */
	my_argv_add(a, "--tmpdir=%s", dir);
	for (o = my_fast_options; *o != NULL; o++)
		my_argv_add(a, "%s", *o);
}

/* DIR/NAME if it is an executable file, else NULL.  Caller frees. */
static char *
my_find_in(const char *dir, const char *name)
{
	struct stat	 st;
	char		*path;

	path = xprintf("%s/%s", *dir != '\0' ? dir : ".", name);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0)
		return path;
	free(path);
	return NULL;
}

/*
 * The first of names found in $PATH, /usr/sbin, /usr/bin,
 * /usr/local/sbin or /usr/local/bin, or NULL.  Caller frees.
 */
static char *
my_find_program(const char *const *names)
{
	const char	*env, *p;
	char		*dirs, *dir, *found = NULL;
	size_t		 len;

	env = getenv("PATH");
	dirs = xprintf("%s:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin",
	    env != NULL ? env : "");
	for (; *names != NULL && found == NULL; names++) {
		for (p = dirs; found == NULL; p += len + 1) {
			len = strcspn(p, ":");
			dir = xstrndup(p, len);
			found = my_find_in(dir, *names);
			free(dir);
			if (p[len] == '\0')
				break;
		}
	}
	free(dirs);
	return found;
}

/*
 * The whole of a file without trailing white space, or NULL if it is
 * missing or empty.  Caller frees.
 */
static char *
my_read_log(const char *path)
{
	struct buf	 b;
	FILE		*f;
	char		 chunk[4096];
	size_t		 n;

	f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	while (b.len > 0 && (b.data[b.len - 1] == '\n' ||
	    b.data[b.len - 1] == ' '))
		b.data[--b.len] = '\0';
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/*
 * 1 if the n bytes at s hold "[ERROR]", the mark of a server error, or
 * start with "ERROR:", how the bootstrap reports a failed statement.
 */
static int
my_is_error_line(const char *s, size_t n)
{
	size_t	 i;

	if (n >= 6 && strncmp(s, "ERROR:", 6) == 0)
		return 1;
	for (i = 0; i + 7 <= n; i++) {
		if (strncmp(s + i, "[ERROR]", 7) == 0)
			return 1;
	}
	return 0;
}

/*
 * What to show of a server log: its "[ERROR]" lines if it has any (the
 * install script buries them under advice), else its last MY_TAIL_LINES
 * lines.  Caller frees.
 */
static char *
my_excerpt(const char *text)
{
	struct buf	 b;
	const char	*line, *end;
	size_t		 start;
	int		 lines = 0;

	buf_init(&b);
	for (line = text; *line != '\0'; line = *end != '\0' ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		if (lines == MY_TAIL_LINES ||
		    !my_is_error_line(line, (size_t)(end - line)))
			continue;
		if (lines++ > 0)
			buf_addc(&b, '\n');
		buf_add(&b, line, (size_t)(end - line));
	}
	if (lines > 0)
		return buf_detach(&b);
	buf_free(&b);
	for (start = strlen(text); start > 0; start--) {
		if (text[start - 1] == '\n' && ++lines == MY_TAIL_LINES)
			break;
	}
	return xstrdup(text + start);
}

/*
 * The excerpt of the first of two logs that has anything in it, for a
 * failure message (second may be NULL).  Caller frees.
 */
static char *
my_log_excerpt(const char *first, const char *second)
{
	char	*text, *excerpt;

	text = my_read_log(first);
	if (text == NULL && second != NULL)
		text = my_read_log(second);
	if (text == NULL)
		return xstrdup("(no log output)");
	excerpt = my_excerpt(text);
	free(text);
	return excerpt;
}

/*
 * Run argv[0] with argv in a new session with umask 077, stdin from
 * /dev/null and stdout and stderr appended to out (created 0600).  No
 * shell is involved.  Returns the child's pid, or -1 if fork failed.
 * The child only makes async-signal-safe calls before execv.
 */
static pid_t
my_spawn(char *const *argv, const char *out)
{
	pid_t	 pid;
	int	 fd;

	pid = fork();
	if (pid > 0)
		tempinst_guard_pid((int)pid, SIGTERM);
	if (pid != 0)
		return pid;
	setsid();
	umask(077);
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0 && fd != STDIN_FILENO) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	fd = open(out, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fd >= 0) {
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	execv(argv[0], argv);
	_exit(127);
}

/*
 * Wait up to seconds for pid to exit; 1 with its wait status in *status
 * if it did, 0 if it is still running.
 */
static int
my_wait_exit(pid_t pid, double seconds, int *status)
{
	struct timespec	 ts = { 0, MY_POLL_NSEC };
	double		 deadline;
	pid_t		 r;

	deadline = clock_now() + seconds;
	for (;;) {
		r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			return 1;
		if (r < 0 && errno != EINTR) {
			*status = 0;
			return 1;
		}
		if (seconds <= 0 || clock_now() >= deadline)
			return 0;
		nanosleep(&ts, NULL);
	}
}

/* "exit status N" or "signal N" for a wait status.  Caller frees. */
static char *
my_status_text(int status)
{
	if (WIFSIGNALED(status))
		return xprintf("signal %d", WTERMSIG(status));
	return xprintf("exit status %d", WEXITSTATUS(status));
}

/*
 * Make the private temporary directory (0700) and choose the user the
 * server runs as: as root, the "mysql" user (which then owns the
 * directory), or root itself if there is no such user; otherwise the
 * caller, with no --user option (*user NULL).  Returns 0, or -1 with
 * *cause.
 */
static int
my_prepare_dir(struct tempinst *ti, const char **user, char **cause)
{
	struct passwd	*pw = NULL;

	*user = NULL;
	if (geteuid() == 0) {
		pw = getpwnam("mysql");
		*user = pw != NULL ? "mysql" : "root";
	}
	return tempinst_make_dir(ti, "/tmp/sqlcheck-my.XXXXXX", pw != NULL,
	    pw != NULL ? pw->pw_uid : 0, pw != NULL ? pw->pw_gid : 0, cause);
}

/*
 * Write DIR/init.sql (0600, ours: the install script reads it as we
 * run it), run at the end of mariadb-install-db's bootstrap: the
 * database sqlcheck and the account sqlcheck@localhost with password
 * and every privilege.  FLUSH PRIVILEGES comes first: the bootstrap runs
 * without grant tables loaded.  Returns 0, or -1 with *cause.
 */
static int
my_write_init_sql(const char *dir, const char *password, char **cause)
{
	char	*path, *sql;
	int	 rc;

	path = xprintf("%s/init.sql", dir);
	sql = xprintf("FLUSH PRIVILEGES;\n"
	    "CREATE DATABASE sqlcheck CHARACTER SET utf8mb4;\n"
	    "CREATE USER 'sqlcheck'@'localhost' IDENTIFIED BY '%s';\n"
	    "GRANT ALL PRIVILEGES ON *.* TO 'sqlcheck'@'localhost' "
	    "WITH GRANT OPTION;\n", password);
	rc = tempinst_write_private(path, sql, 0, 0, 0, cause);
	tempinst_forget(sql);
	free(sql);
	free(path);
	return rc;
}

/*
 * Run mariadb-install-db into DIR/data, output in DIR/install-db.log,
 * then remove DIR/init.sql (it holds the password).  Root logs in
 * through unix_socket alone: only the system user root may be the
 * server's root, whoever runs the server.  Returns 0, or -1 with *cause.
 */
static int
my_install(struct tempinst *ti, const char *user, char **cause)
{
	struct my_argv	 a = { NULL, 0, 0 };
	char		*program, *log, *how, *tail, *sql;
	pid_t		 pid;
	int		 status, rc = -1;

	program = my_find_program(my_installers);
	if (program == NULL) {
		*cause = xstrdup("cannot find mariadb-install-db or "
		    "mysql_install_db");
		return -1;
	}
	my_argv_common(&a, program, ti->dir, user);
	my_argv_add(&a, "--skip-test-db");
	my_argv_add(&a, "--skip-name-resolve");
	my_argv_add(&a, "--auth-root-authentication-method=socket");
	my_argv_add(&a, "--auth-root-socket-user=root");
	my_argv_add(&a, "--extra-file=%s/init.sql", ti->dir);
	log = xprintf("%s/install-db.log", ti->dir);
	pid = my_spawn(a.v, log);
	if (pid < 0) {
		*cause = xprintf("cannot fork: %s", strerror(errno));
		goto out;
	}
	if (!my_wait_exit(pid, MY_INSTALL_SECONDS, &status)) {
		kill(-pid, SIGKILL);
		waitpid(pid, &status, 0);
		*cause = xprintf("%s took more than %.0f s", program,
		    MY_INSTALL_SECONDS);
		goto out;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		rc = 0;
		goto out;
	}
	how = my_status_text(status);
	tail = my_log_excerpt(log, NULL);
	*cause = xprintf("%s failed (%s): %s", program, how, tail);
	free(how);
	free(tail);
out:
	sql = xprintf("%s/init.sql", ti->dir);
	unlink(sql);
	free(sql);
	free(log);
	free(program);
	my_argv_free(&a);
	return rc;
}

/*
 * Start mariadbd as our child (so ti->pid is the server itself and
 * tempinst_stop() can signal it), on DIR/mysqld.sock only, its error log
 * in DIR/error.log and anything it prints in DIR/mysqld.out.  Returns 0,
 * or -1 with *cause.
 */
static int
my_launch(struct tempinst *ti, const char *user, char **cause)
{
	struct my_argv	 a = { NULL, 0, 0 };
	char		*program, *out;
	pid_t		 pid;

	program = my_find_program(my_servers);
	if (program == NULL) {
		*cause = xstrdup("cannot find mariadbd or mysqld");
		return -1;
	}
	my_argv_common(&a, program, ti->dir, user);
	my_argv_add(&a, "--socket=%s/mysqld.sock", ti->dir);
	my_argv_add(&a, "--skip-networking");
	my_argv_add(&a, "--skip-name-resolve");
	my_argv_add(&a, "--pid-file=%s/mysqld.pid", ti->dir);
	my_argv_add(&a, "--log-error=%s/error.log", ti->dir);
	out = xprintf("%s/mysqld.out", ti->dir);
	pid = my_spawn(a.v, out);
	if (pid < 0)
		*cause = xprintf("cannot fork: %s", strerror(errno));
	else
		ti->pid = (int)pid;
	free(out);
	free(program);
	my_argv_free(&a);
	return pid < 0 ? -1 : 0;
}

/*
 * Try once to log in as sqlcheck with password to database sqlcheck over
 * the socket.  Returns 1 on success, 0 if the server is not there yet (a
 * client error), -1 with *cause if it answered with an error of its own.
 */
static int
my_try_connect(const char *sock, const char *password, char **cause)
{
	MYSQL		*m;
	unsigned int	 timeout = 2, errnum;
	int		 rc = 1;

	m = mysql_init(NULL);
	if (m == NULL)
		return 0;
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (mysql_real_connect(m, NULL, "sqlcheck", password, "sqlcheck", 0,
	    sock, 0) == NULL) {
		errnum = mysql_errno(m);
		rc = 0;
		if (errnum < 2000 || errnum >= 3000) {
			*cause = xprintf("cannot log in to the new server: %s",
			    mysql_error(m));
			rc = -1;
		}
	}
	mysql_close(m);
	return rc;
}

/*
 * Poll every 20 ms, up to 60 s, until the server accepts a login over
 * its socket.  If it exits first, fail with the tail of its error log.
 * Returns 0, or -1 with *cause.
 */
static int
my_wait_ready(struct tempinst *ti, const char *password, char **cause)
{
	struct timespec	 ts = { 0, MY_POLL_NSEC };
	struct stat	 st;
	char		*sock, *elog, *out, *how, *tail;
	double		 deadline;
	int		 status, rc = -1, r;

	sock = xprintf("%s/mysqld.sock", ti->dir);
	elog = xprintf("%s/error.log", ti->dir);
	out = xprintf("%s/mysqld.out", ti->dir);
	deadline = clock_now() + MY_READY_SECONDS;
	for (;;) {
		if (my_wait_exit(ti->pid, 0, &status)) {
			ti->pid = 0;
			how = my_status_text(status);
			tail = my_log_excerpt(elog, out);
			*cause = xprintf("mariadbd exited (%s): %s", how, tail);
			free(how);
			free(tail);
			break;
		}
		r = stat(sock, &st) == 0 ? my_try_connect(sock, password, cause) :
		    0;
		if (r != 0) {
			rc = r > 0 ? 0 : -1;
			break;
		}
		if (clock_now() >= deadline) {
			tail = my_log_excerpt(elog, out);
			*cause = xprintf("mariadbd did not accept connections "
			    "within %.0f s: %s", MY_READY_SECONDS, tail);
			free(tail);
			break;
		}
		nanosleep(&ts, NULL);
	}
	free(sock);
	free(elog);
	free(out);
	return rc;
}

/*
 * Start a throwaway MariaDB server in /tmp/sqlcheck-my.XXXXXX and wait
 * until it accepts connections.  Returns the instance (its dsn is
 * mysql://sqlcheck:PASSWORD@localhost/sqlcheck?socket=DIR/mysqld.sock,
 * the password random; stop it with
 * tempinst_stop()), or NULL with *cause and nothing left behind.  Prints
 * nothing.
 */
struct tempinst *
tempinst_mysql_start(char **cause)
{
	struct tempinst	*ti;
	const char	*user;
	char		*password;
	double		 start;

	start = clock_now();
	pthread_once(&my_once, my_library_init);
	password = tempinst_password(cause);
	if (password == NULL)
		return NULL;
	ti = xcalloc(1, sizeof *ti);
	ti->stop_signal = SIGTERM;
	if (my_prepare_dir(ti, &user, cause) != 0 ||
	    my_write_init_sql(ti->dir, password, cause) != 0 ||
	    my_install(ti, user, cause) != 0 ||
	    my_launch(ti, user, cause) != 0 ||
	    my_wait_ready(ti, password, cause) != 0) {
		tempinst_forget(password);
		free(password);
		tempinst_stop(ti);
		return NULL;
	}
	ti->dsn = xprintf("mysql://sqlcheck:%s@localhost/sqlcheck?socket=%s"
	    "/mysqld.sock", password, ti->dir);
	tempinst_forget(password);
	free(password);
	ti->startup_seconds = clock_now() - start;
	return ti;
}
