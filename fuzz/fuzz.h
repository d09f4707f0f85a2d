/* What the fuzz targets share: libFuzzer's two entry points, declared here
 * so that every target compiles warning-free, and a check that reports a
 * broken invariant and aborts, so the fuzzer keeps the input as a crash.
 * The same targets link into fuzz/replay.c for the normal test suite. */
#ifndef ISMSNAV_FUZZ_H
#define ISMSNAV_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                        \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__,   \
				__LINE__, #cond);                                     \
			fprintf(stderr, __VA_ARGS__);                                 \
			fputc('\n', stderr);                                          \
			abort();                                                      \
		}                                                                     \
	} while (0)

#endif
