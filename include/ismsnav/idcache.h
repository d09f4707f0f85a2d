/* A small on-disk cache of which file declares which ID, so that
 * `ismsnav show` opens only the files it needs instead of every file of
 * the corpus. One cache file per set of corpus paths lives in
 * $XDG_CACHE_HOME/ismsnav/ (else ~/.cache/ismsnav/).
 *
 * The cache is trusted only while every folder it lists keeps its
 * modification time (adding, removing or renaming a file changes it); a
 * file edited in place is caught when it is parsed, because its ID must
 * match. Callers fall back to a full scan on any doubt. Writing the cache
 * is best effort: a read-only location simply means no cache. */
#ifndef ISMSNAV_IDCACHE_H
#define ISMSNAV_IDCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "ismsnav/corpus.h"

/* The cache file for these corpus paths (newly allocated), or NULL when
 * there is no cache folder to use. */
char *idcache_file(const char *const *paths, size_t npaths);

/* Fills an empty catalogue from the cache file; false (and the catalogue
 * left empty) when the file is missing, foreign, damaged or stale. */
bool idcache_read(const char *file, struct corpus_catalog *cat);

/* Writes the catalogue to the cache file atomically; false on failure. */
bool idcache_write(const char *file, const struct corpus_catalog *cat);

#endif
