/* Where things are: the bundled corpus next to the build tree or under
 * the installed prefix. Results are newly allocated strings. */
#ifndef ISMSNAV_PATHS_H
#define ISMSNAV_PATHS_H

/* The bundled corpus folder, found from the running executable's location
 * (argv0 or /proc/self/exe): <exe dir>/../share/ismsnav/corpus once
 * installed, the source tree's corpus/ from a build tree, and finally the
 * configured install prefix. NULL when none exists. */
char *paths_bundled_corpus(const char *argv0);

#endif
