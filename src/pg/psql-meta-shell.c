/*
 * psql-meta-shell.c: psql's \! COMMAND, run as psql 15 runs it (system():
 * /bin/sh -c COMMAND) with psql's standard output and error, which under
 * pg_regress are the test's output, after what psql wrote so far.  The
 * command's environment is the run's (pg_regress's settings) with the
 * session's \setenv and PGAPPNAME of its test (psql-env.c); its standard input is /dev/null, not the
 * script.  \! without a command (an interactive shell) is refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "psql.h"

/* /bin/sh -c command, its output on fd; its wait status, or -1. */
static int
shell_run(struct psql *ps, const char *command, int fd)
{
	posix_spawn_file_actions_t	 fa;
	char				*argv[] = { "sh", "-c", NULL, NULL };
	char				**env = psql_environ(ps);
	pid_t				 pid;
	int				 rc, status = -1;

	argv[2] = (char *)command;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fd, 1);
	posix_spawn_file_actions_adddup2(&fa, fd, 2);
	if (ps->cwd != NULL)	/* \cd's directory */
		posix_spawn_file_actions_addchdir_np(&fa, ps->cwd);
	rc = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	psql_environ_free(env);
	if (rc != 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
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
