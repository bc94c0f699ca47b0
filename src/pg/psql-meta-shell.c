/*
 * psql-meta-shell.c: psql's \! COMMAND, run as psql 15 runs it (system():
 * /bin/sh -c COMMAND) with psql's standard output and error, which under
 * pg_regress are the test's output, after what psql wrote so far.  The
 * command's environment is the run's (pg_regress's settings) with the
 * session's \setenv and PGAPPNAME of its test (psql-env.c); its standard input is /dev/null, not the
 * script.  \! without a command (an interactive shell) is refused.
 * \g |COMMAND's command and \copy ... PROGRAM's are started the same
 * way, as psql's popen() starts them.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "psql.h"

/*
 * Start /bin/sh -c command with in as its standard input (-1:
 * /dev/null), its output on out and its errors on err, in the session's
 * environment and \cd directory.  0 with *pid set, or -1.
 */
static int
shell_spawn(struct psql *ps, const char *command, int in, int out,
    int err, pid_t *pid)
{
	posix_spawn_file_actions_t	 fa;
	char				*argv[] = { "sh", "-c", NULL, NULL };
	char				**env = psql_environ(ps);
	int				 rc;

	argv[2] = (char *)command;
	posix_spawn_file_actions_init(&fa);
	if (in < 0)
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null",
		    O_RDONLY, 0);
	else
		posix_spawn_file_actions_adddup2(&fa, in, 0);
	posix_spawn_file_actions_adddup2(&fa, out, 1);
	posix_spawn_file_actions_adddup2(&fa, err, 2);
	if (ps->cwd != NULL)	/* \cd's directory */
		posix_spawn_file_actions_addchdir_np(&fa, ps->cwd);
	rc = posix_spawn(pid, "/bin/sh", &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	psql_environ_free(env);
	return rc == 0 ? 0 : -1;
}

/* The wait status of pid, or -1. */
static int
shell_wait(pid_t pid)
{
	int	status = -1;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

/* /bin/sh -c command, its output on fd; its wait status, or -1. */
static int
shell_run(struct psql *ps, const char *command, int fd)
{
	pid_t	pid;

	if (shell_spawn(ps, command, -1, fd, fd, &pid) != 0)
		return -1;
	return shell_wait(pid);
}

/*
 * COMMAND started as psql's popen() starts it for \g |COMMAND (mode
 * "w": what is written to the stream returned is its input) and \copy
 * ... PROGRAM (mode "r" for FROM: its output is read from the stream;
 * its input is /dev/null, not the script); its output (with "w") and
 * errors go to the test's, after what psql wrote so far.  *pid is for
 * psql_pipe_close().  NULL with errno set when it cannot be started.
 */
FILE *
psql_pipe_open(struct psql *ps, const char *command, const char *mode,
    pid_t *pid)
{
	int	 fd[2], out = fileno(ps->out), rd = *mode == 'r', rc;
	FILE	*f;

	fflush(NULL);
	if (pipe2(fd, O_CLOEXEC) != 0)
		return NULL;
	if (rd)
		rc = shell_spawn(ps, command, -1, fd[1], out, pid);
	else
		rc = shell_spawn(ps, command, fd[0], out, out, pid);
	close(fd[rd ? 1 : 0]);
	if (rc != 0) {
		close(fd[rd ? 0 : 1]);
		errno = ECHILD;
		return NULL;
	}
	if ((f = fdopen(fd[rd ? 0 : 1], mode)) == NULL) {
		close(fd[rd ? 0 : 1]);
		shell_wait(*pid);
	}
	return f;
}

/*
 * The end of a psql_pipe_open() stream: closed, its command waited for.
 * NULL, or (caller frees) psql's words for how it ended badly: "child
 * process exited with exit code 3" and the like.
 */
char *
psql_pipe_close(FILE *f, pid_t pid)
{
	int	status;

	fflush(NULL);	/* what psql wrote before, ahead of the command's */
	fclose(f);
	status = shell_wait(pid);
	if (status == 0)
		return NULL;
	if (status == -1)
		return xprintf("could not close pipe to external command: %s",
		    strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return xstrdup("command not found");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 126)
		return xstrdup("command not executable");
	if (WIFEXITED(status))
		return xprintf("child process exited with exit code %d",
		    WEXITSTATUS(status));
	if (WIFSIGNALED(status))
		return xprintf("child process was terminated by signal %d: %s",
		    WTERMSIG(status), strsignal(WTERMSIG(status)));
	return xprintf("child process exited with unrecognized status %d",
	    status);
}

/* \! COMMAND: 0, or -1 (reported as psql reports it). */
int
psql_shell(struct psql *ps, const char *command)
{
	int	status;

	if (*command == '\0') {
		psql_unsupported(ps, "! without a command (an interactive "
		    "shell)");
		return -1;
	}
	fflush(NULL);
	status = shell_run(ps, command, fileno(ps->out));
	/* psql 15 compares system()'s raw status: a command not found is
	 * no error (the shell says so) */
	if (status == -1 || status == 127) {
		psql_error(ps, "\\!: failed");
		return -1;
	}
	return 0;
}
