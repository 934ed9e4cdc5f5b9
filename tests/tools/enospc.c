/*
 * enospc.c - a test-only LD_PRELOAD library that makes the disk "fill up":
 * once FAHRAS_ENOSPC_AFTER bytes have been written through write(2) or
 * pwrite(2) to files under the directory FAHRAS_ENOSPC_DIR, every further
 * write there fails with ENOSPC. Used by tests/cli/index.bats.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static long long budget = -1;

/* 1 when fd is a file under FAHRAS_ENOSPC_DIR. */
static int watched(int fd)
{
    const char *dir = getenv("FAHRAS_ENOSPC_DIR");
    char link[64], path[PATH_MAX];
    if (!dir || fd < 3)
        return 0;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return 0;
    path[n] = '\0';
    return strncmp(path, dir, strlen(dir)) == 0;
}

/* May count bytes be written? */
static int allow(int fd, size_t count)
{
    if (!watched(fd))
        return 1;
    if (budget < 0) {
        const char *a = getenv("FAHRAS_ENOSPC_AFTER");
        budget = a ? atoll(a) : 0;
    }
    if ((long long)count > budget) {
        budget = 0;
        errno = ENOSPC;
        return 0;
    }
    budget -= (long long)count;
    return 1;
}

ssize_t write(int fd, const void *buf, size_t count)
{
    static ssize_t (*real)(int, const void *, size_t);
    if (!real)
        real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (!allow(fd, count))
        return -1;
    return real(fd, buf, count);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t off)
{
    static ssize_t (*real)(int, const void *, size_t, off_t);
    if (!real)
        real = (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
    if (!allow(fd, count))
        return -1;
    return real(fd, buf, count, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off_t off)
{
    static ssize_t (*real)(int, const void *, size_t, off_t);
    if (!real)
        real = (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite64");
    if (!allow(fd, count))
        return -1;
    return real(fd, buf, count, off);
}
