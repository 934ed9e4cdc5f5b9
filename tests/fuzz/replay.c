/*
 * replay.c - runs one fuzz target over every file of its corpus in
 * tests/fuzz-corpus/TARGET/, so the inputs fuzzing found interesting are
 * checked by every `make test`, with gcc, plain and under ASan/UBSan.
 * Built once per target with FUZZ_TARGET naming the corpus directory.
 */
#include "../unit/testutil.h"

#include <dirent.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define STR2(x) #x
#define STR(x) STR2(x)

static void test_replay(void **state)
{
    (void)state;
    const char *root = getenv("FAHRAS_FUZZ_CORPUS");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/%s", root ? root : "tests/fuzz-corpus", STR(FUZZ_TARGET));
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t files = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        struct stat st;
        assert_int_equal(fstat(fileno(f), &st), 0);
        uint8_t *buf = malloc((size_t)st.st_size + 1);
        assert_non_null(buf);
        size_t n = fread(buf, 1, (size_t)st.st_size, f);
        fclose(f);
        assert_int_equal(n, (size_t)st.st_size);
        LLVMFuzzerTestOneInput(buf, n);
        free(buf);
        files++;
    }
    closedir(d);
    assert_true(files >= 3); /* a corpus that went missing is a failure */
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_replay)};
    return cmocka_run_group_tests_name(STR(FUZZ_TARGET), tests, NULL, NULL);
}
