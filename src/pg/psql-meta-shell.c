/*
 * psql-meta-shell.c: psql's \! COMMAND, run as psql 15 runs it (system():
 * /bin/sh -c COMMAND) with psql's standard output and error, which under
 * pg_regress are the test's output, after what psql wrote so far.  The
 * command's environment is the run's (pg_regress's settings) with the
 * session's \setenv and PGAPPNAME of its test (psql-env.c); its standard input is /dev/null, not the
 * script.  \! without a command (an interactive shell) is refused.
 * \g |COMMAND's command is started the same way, the query's rows as
 * its input (psql's popen()).
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
 * Start /bin/sh -c command with in as its standard input and its output
 * and errors on out, in the session's environment and \cd directory.
 * 0 with *pid set, or -1.
 */
static int
shell_spawn(struct psql *ps, const char *command, int in, int out,
    pid_t *pid)
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
	posix_spawn_file_actions_adddup2(&fa, out, 2);
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

	if (shell_spawn(ps, command, -1, fd, &pid) != 0)
		return -1;
	return shell_wait(pid);
}

/*
 * \g |COMMAND: COMMAND started (as psql's popen) with what is written
 * to the stream returned as its input, its output in the test's after
 * what psql wrote so far; *pid for psql_pipe_close().  NULL with errno
 * set when it cannot be.
 */
FILE *
psql_pipe_open(struct psql *ps, const char *command, pid_t *pid)
{
	int	 fd[2];
	FILE	*f;

	fflush(NULL);
	if (pipe2(fd, O_CLOEXEC) != 0)
		return NULL;
	if (shell_spawn(ps, command, fd[0], fileno(ps->out), pid) != 0) {
		close(fd[0]);
		close(fd[1]);
		errno = ECHILD;
		return NULL;
	}
	close(fd[0]);
	if ((f = fdopen(fd[1], "w")) == NULL) {
		close(fd[1]);
		shell_wait(*pid);
	}
	return f;
}

/* The end of a psql_pipe_open() stream: closed, its command waited for. */
void
psql_pipe_close(FILE *f, pid_t pid)
{
	fclose(f);
	shell_wait(pid);
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
