/* replay.c: runs a fuzz target once over each input it is given, built
 * with the normal compiler and without libFuzzer: what `make check` does
 * with the seed corpus and the regression inputs (tests/data/fuzz), so
 * that every input that ever found something keeps being tried.
 *
 *     replay_TARGET FILE-OR-FOLDER...
 *
 * Folders are read in name order (not recursively).  Exits 0 when every
 * input passed; a property that fails aborts (fuzz_fail), naming it. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/fuzz.h"

static int inputs;

static void replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t size = 0, cap = 0, n;

	if (!f) {
		perror(path);
		exit(99);
	}
	do {
		if (size == cap && !(data = realloc(data, cap = cap ? 2 * cap : 65536)))
			abort();
		n = fread(data + size, 1, cap - size, f);
		size += n;
	} while (n > 0);
	fclose(f);
	/* Named first, so that a failure shows which input it was. */
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	inputs++;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void replay_folder(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, path[4200];
	size_t n = 0, i;
	struct stat sb;

	if (!d) {
		perror(dir);
		exit(99);
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (!(names = realloc(names, (n + 1) * sizeof *names)) || !(names[n++] = strdup(e->d_name)))
			abort();
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
			replay_file(path);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	struct stat sb;
	int i;

	fuzz_thorough = true;
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) != 0) {
			perror(argv[i]);
			return 99;
		}
		if (S_ISDIR(sb.st_mode))
			replay_folder(argv[i]);
		else
			replay_file(argv[i]);
	}
	printf("%d inputs replayed, every property held\n", inputs);
	return 0;
}
