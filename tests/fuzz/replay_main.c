/*
 * replay_main: a main() for the fuzz harnesses when libFuzzer is not linked
 * (gcc, normal and ASan builds). It runs every file named on the command line,
 * or every file in a named directory, through LLVMFuzzerTestOneInput once, so
 * the seed corpus and every input that once crashed stay regression tests
 * under ctest in every build.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_MAX_FILE (16u * 1024u * 1024u)

/* Runs one file. Returns 0, or -1 when it cannot be read. */
static int run_file(const char *path)
{
    int rc = -1;
    uint8_t *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        goto cleanup;
    buf = malloc(REPLAY_MAX_FILE);
    if (!buf)
        goto cleanup;
    size_t n = fread(buf, 1, REPLAY_MAX_FILE, f);
    if (ferror(f))
        goto cleanup;
    /* An exact-size copy, so ASan sees reads past the end of the input. */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact)
        goto cleanup;
    memcpy(exact, buf, n);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    rc = 0;
cleanup:
    if (rc != 0)
        fprintf(stderr, "replay: cannot read %s\n", path);
    free(buf);
    if (f)
        fclose(f);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Runs every regular file in dir, in name order. Returns the number run, or
 * -1 on an error. */
static int run_dir(const char *dir)
{
    int rc = -1, count = 0;
    char **names = NULL;
    size_t n = 0, cap = 0;
    DIR *d = opendir(dir);
    if (!d)
        goto cleanup;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            char **nn = realloc(names, ncap * sizeof *nn);
            if (!nn)
                goto cleanup;
            names = nn;
            cap = ncap;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            goto cleanup;
        snprintf(names[n], len, "%s/%s", dir, e->d_name);
        n++;
    }
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (run_file(names[i]) != 0)
            goto cleanup;
        count++;
    }
    rc = count;
cleanup:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (d)
        closedir(d);
    if (rc < 0)
        fprintf(stderr, "replay: cannot list %s\n", dir);
    return rc;
}

int main(int argc, char **argv)
{
    int total = 0;
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: not found\n", argv[i]);
            return 1;
        }
        int n = S_ISDIR(st.st_mode) ? run_dir(argv[i]) : (run_file(argv[i]) == 0 ? 1 : -1);
        if (n < 0)
            return 1;
        total += n;
    }
    printf("replay: %d inputs ran without a crash\n", total);
    return total > 0 ? 0 : 1;
}
