/*
 * runtime.c -- runs a command and notes how long it took:
 *
 *	runtime FILE COMMAND [ARG...]
 *
 * appends "WALL CPU" to FILE, in seconds: the wall-clock time from fork
 * to wait, and the user and system time of the command and of every
 * process it waited for, to the microsecond (/usr/bin/time gives CPU
 * time in hundredths of a second: a third of a 30 ms build).  The
 * command's output goes where runtime's goes; its exit status is
 * runtime's.  Used by peers.sh; never by the tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
seconds(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

int
main(int argc, char *argv[])
{
	struct timespec	 t0, t1;
	struct rusage	 ru;
	FILE		*out;
	pid_t		 pid;
	int		 status;

	if (argc < 3) {
		fputs("usage: runtime FILE COMMAND [ARG...]\n", stderr);
		return 2;
	}
	if ((out = fopen(argv[1], "a")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == -1) {
		perror("runtime: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) == -1) {
		perror("runtime: waitpid");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	getrusage(RUSAGE_CHILDREN, &ru);
	fprintf(out, "%.6f %.6f\n", (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	    seconds(&ru.ru_utime) + seconds(&ru.ru_stime));
	if (fclose(out) == EOF) {
		perror(argv[1]);
		return 2;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
