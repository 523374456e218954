/* A main() for a libFuzzer target built WITHOUT libFuzzer (gcc, `make test`):
 * feeds each FILE argument (a directory: each file in it) to
 * LLVMFuzzerTestOneInput once. tests/helpers/fuzz_replay_*.c include a target
 * and this, so the targets' checks run over the seeds and every input a fuzz
 * run ever failed on (tests/fuzz/regress/TARGET/) in `make test` and, under
 * ASan/UBSan, in `make asan` (tests/e2e/fuzz_replay.sh).
 * A broken check aborts; exit 0 after the last input, 2 on a file it cannot read.
 */
#ifndef UNKNOT_FUZZ_REPLAY_MAIN_H
#define UNKNOT_FUZZ_REPLAY_MAIN_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/paths.h"

/* Runs one file; returns 0, or -1 when it cannot be read. */
static int replay_file(const char *file)
{
	size_t len = 0;
	char *data = paths_read_file(file, 64 * 1024 * 1024, &len);
	if (!data) {
		perror(file);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 0, n = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			struct dirent **list;
			int m = scandir(argv[i], &list, NULL, alphasort);
			for (int k = 0; k < m; k++) {
				char p[4096];
				snprintf(p, sizeof p, "%s/%s", argv[i], list[k]->d_name);
				if (list[k]->d_name[0] != '.' && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
					rc |= replay_file(p) != 0;
					n++;
				}
				free(list[k]);
			}
			free(list);
		} else {
			rc |= replay_file(argv[i]) != 0;
			n++;
		}
	}
	printf("%d inputs\n", n);
	return rc ? 2 : 0;
}

#endif
