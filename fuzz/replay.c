/* Replays a fuzz target's inputs without libFuzzer: links one target's
 * LLVMFuzzerTestOneInput and runs it on every file of the folders given
 * (the committed seeds and the regressions), so that the normal test
 * suite, under gcc and the sanitizers, runs every input that once broke
 * something. A folder that does not exist is skipped; one that exists
 * but holds no input, or no input at all, is a failure.
 *
 *   replay_<target> DIR...  */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	long size;
	uint8_t *data;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "replay: cannot read %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	/* exactly the input's size, so ASan sees a read past its end */
	data = malloc(size ? (size_t)size : 1);
	if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		free(data);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data, (size_t)size);
	free(data);
	return 0;
}

/* Runs every regular file of dir in name order; returns how many, or -1. */
static long replay_dir(const char *dir)
{
	struct dirent **names;
	long done = 0;
	int n = scandir(dir, &names, NULL, alphasort);

	if (n < 0) {
		if (errno == ENOENT)
			return 0;
		fprintf(stderr, "replay: cannot list %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (names[i]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(path) < 0)
				done = -1;
			else if (done >= 0)
				done++;
		}
		free(names[i]);
	}
	free(names);
	if (done == 0) {
		fprintf(stderr, "replay: %s holds no input\n", dir);
		return -1;
	}
	return done;
}

int main(int argc, char **argv)
{
	long total = 0;
	int failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR...\n", argv[0]);
		return 2;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		long n = replay_dir(argv[i]);
		if (n < 0)
			failed = 1;
		else
			total += n;
		if (n > 0)
			printf("%s: %ld inputs replayed\n", argv[i], n);
	}
	if (total == 0)
		failed = 1;
	printf("%ld inputs replayed in all\n", total);
	return failed;
}
