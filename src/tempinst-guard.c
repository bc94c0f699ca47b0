/*
 * tempinst-guard.c: a temporary server dies with sqlcheck, whatever ends
 * sqlcheck (kill -9 included, which no handler sees).  Before starting
 * one, sqlcheck starts a guard: a process of its own session (a signal
 * to sqlcheck's process group does not reach it), not sqlcheck's child,
 * holding the read end of a pipe whose write end only sqlcheck holds
 * (close-on-exec: no server inherits it).  sqlcheck tells it, over the
 * pipe, the directory it creates and each process it starts; once it
 * has stopped the server and removed the directory itself, it says "X".
 * End of file without "X" means sqlcheck is gone: the guard stops each
 * process group it was told of (the server's own stop signal, SIGKILL
 * after GUARD_GRACE seconds), removes the directory and exits.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sqlcheck.h"

#define GUARD_GRACE	10	/* seconds before SIGKILL */
#define GUARD_MAX_PIDS	16

static int	guard_fd = -1;	/* write end, in sqlcheck */

/* What the guard was told. */
struct guard_state {
	char	*dir;
	pid_t	 pids[GUARD_MAX_PIDS];
	int	 sigs[GUARD_MAX_PIDS];
	int	 npids;
	int	 done;
};

/* Send one line to the guard; a failure is only logged. */
static void
guard_say(const char *line)
{
	size_t	len = strlen(line);

	if (guard_fd < 0)
		return;
	if (write(guard_fd, line, len) != (ssize_t)len)
		log_warnx("cannot tell the guard of the temporary server: %s",
		    strerror(errno));
}

/* 1 if pid is gone (or a zombie no one reaped yet). */
static int
guard_gone(pid_t pid)
{
	char	 path[64], buf[256], *p;
	FILE	*f;
	int	 zombie = 0;

	if (kill(pid, 0) != 0 && errno == ESRCH)
		return 1;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	if (fgets(buf, sizeof buf, f) != NULL &&
	    (p = strrchr(buf, ')')) != NULL)
		zombie = p[1] == ' ' && p[2] == 'Z';
	fclose(f);
	return zombie;
}

/* Wait up to seconds for every told process to be gone; 1 if they are. */
static int
guard_wait(const struct guard_state *g, double seconds)
{
	struct timespec	ts = { 0, 50 * 1000 * 1000 };
	double		waited = 0;
	int		i, alive;

	for (;;) {
		for (i = 0, alive = 0; i < g->npids; i++)
			alive += !guard_gone(g->pids[i]);
		if (alive == 0)
			return 1;
		if (waited >= seconds)
			return 0;
		nanosleep(&ts, NULL);
		waited += 0.05;
	}
}

/* sqlcheck is gone: stop what it started and remove the directory. */
static void
guard_cleanup(const struct guard_state *g)
{
	int	i;

	for (i = 0; i < g->npids; i++) {
		kill(-g->pids[i], g->sigs[i]);
		kill(g->pids[i], g->sigs[i]);
	}
	if (!guard_wait(g, GUARD_GRACE)) {
		for (i = 0; i < g->npids; i++) {
			kill(-g->pids[i], SIGKILL);
			kill(g->pids[i], SIGKILL);
		}
		guard_wait(g, GUARD_GRACE);
	}
	for (i = 0; i < 3 && g->dir != NULL; i++) {
		if (tempinst_rmtree(g->dir) == 0)
			break;
		sleep(1);	/* a process was still writing there */
	}
}

/* Take one line from sqlcheck: D<dir>, P<pid> <signal> or X. */
static void
guard_line(struct guard_state *g, const char *line)
{
	int	pid, sig, i;

	if (line[0] == 'D') {
		free(g->dir);
		g->dir = xstrdup(line + 1);
	} else if (line[0] == 'X')
		g->done = 1;
	else if (line[0] == 'P' && sscanf(line + 1, "%d %d", &pid, &sig) == 2 &&
	    pid > 0) {
		for (i = 0; i < g->npids && g->pids[i] != pid; i++)
			;
		if (i == GUARD_MAX_PIDS)
			return;
		g->pids[i] = pid;
		g->sigs[i] = sig;
		if (i == g->npids)
			g->npids++;
	}
}

/* The guard itself: read lines until end of file, then act. */
static deadfn void
guard_main(int fd)
{
	struct guard_state	 g;
	char			 line[4096];
	size_t			 len = 0;
	ssize_t			 n;

	memset(&g, 0, sizeof g);
	for (;;) {
		n = read(fd, line + len, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (line[len] == '\n' || len + 2 == sizeof line) {
			line[len] = '\0';
			guard_line(&g, line);
			len = 0;
		} else
			len++;
	}
	if (!g.done)
		guard_cleanup(&g);
	_exit(0);
}

/*
 * In the first child: become the guard's parent no more.  The guard gets
 * a session of its own, no signal from the terminal, standard streams on
 * /dev/null and no descriptor but the pipe's read end (it must not keep
 * a pipe of sqlcheck's caller open).
 */
static deadfn void
guard_fork(int rfd)
{
	long	fd, max;
	int	null;

	if (fork() != 0)
		_exit(0);
	setsid();
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (fd = 0; fd < max; fd++) {
		if (fd != rfd)
			close((int)fd);
	}
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	guard_main(rfd);
}

/*
 * Start the guard (before the temporary server, while sqlcheck has no
 * other thread).  0, or -1 with *cause (caller frees).
 */
int
tempinst_guard_start(char **cause)
{
	int	p[2], status;
	pid_t	pid;

	if (pipe2(p, O_CLOEXEC) != 0) {
		*cause = xprintf("cannot make a pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid == -1) {
		*cause = xprintf("cannot fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[1]);
		guard_fork(p[0]);
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	guard_fd = p[1];
	return 0;
}

/* The guard removes dir if sqlcheck dies. */
void
tempinst_guard_dir(const char *dir)
{
	char	*line;

	line = xprintf("D%s\n", dir);
	guard_say(line);
	free(line);
}

/* The guard stops pid's process group with sig if sqlcheck dies. */
void
tempinst_guard_pid(int pid, int sig)
{
	char	line[64];

	snprintf(line, sizeof line, "P%d %d\n", pid, sig);
	guard_say(line);
}

/* sqlcheck stopped the server and removed its directory: guard, go. */
void
tempinst_guard_done(void)
{
	if (guard_fd < 0)
		return;
	guard_say("X\n");
	close(guard_fd);
	guard_fd = -1;
}
