/* Locating the bundled corpus relative to the executable, so the same
 * binary works from the build tree and once installed. */
#include "ismsnav/paths.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ismsnav/util.h"

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder holding the executable, or NULL. */
static char *exe_dir(const char *argv0)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *path = NULL;
	if (n > 0) {
		buf[n] = '\0';
		path = isn_strdup(buf);
	} else if (argv0 && strchr(argv0, '/')) {
		path = realpath(argv0, NULL);
	}
	if (!path)
		return NULL;
	char *slash = strrchr(path, '/');
	if (slash)
		*slash = '\0';
	return path;
}

char *paths_bundled_corpus(const char *argv0)
{
	char *dir = exe_dir(argv0);
	const char *rel[] = {"../share/ismsnav/corpus", NULL};
	for (size_t i = 0; dir && rel[i]; i++) {
		char *p = isn_asprintf("%s/%s", dir, rel[i]);
		if (p && is_dir(p)) {
			free(dir);
			return p;
		}
		free(p);
	}
	/* A build tree: the executable sits in the binary dir of the source. */
	char *cache = dir ? isn_asprintf("%s/CMakeCache.txt", dir) : NULL;
	struct stat st;
	bool build_tree = cache && stat(cache, &st) == 0;
	free(cache);
	free(dir);
	if (build_tree && is_dir(ISMSNAV_SOURCE_DIR "/corpus"))
		return isn_strdup(ISMSNAV_SOURCE_DIR "/corpus");
	if (is_dir(ISMSNAV_DATADIR "/corpus"))
		return isn_strdup(ISMSNAV_DATADIR "/corpus");
	return NULL;
}
