/*
 * feed_test_support: see feed_test_support.h. The server is started with
 * posix_spawn and its port read from its stdout, so every HTTP test talks to
 * a real server process over real sockets.
 */
#define _XOPEN_SOURCE 700
#include "feed_test_support.h"

#include <arpa/inet.h>
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int start_server(TestServer *s, const char *tls_dir, int port);

int test_server_start(TestServer *s)
{
    return start_server(s, NULL, 0);
}

int test_server_start_tls(TestServer *s, const char *dir)
{
    return start_server(s, dir, 0);
}

int test_server_start_port(TestServer *s, int port)
{
    return start_server(s, NULL, port);
}

int test_server_control(const TestServer *s, const char *query)
{
    struct sockaddr_in a;
    char req[512], resp[64];
    size_t used = 0;
    int rc = -1;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((unsigned short)s->port);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0)
        goto cleanup;
    int n =
        snprintf(req, sizeof(req), "GET /control?%s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", query);
    if (n < 0 || (size_t)n >= sizeof(req) || write(fd, req, (size_t)n) != n)
        goto cleanup;
    while (used + 1 < sizeof(resp)) {
        ssize_t got = read(fd, resp + used, sizeof(resp) - 1 - used);
        if (got <= 0)
            break;
        used += (size_t)got;
    }
    resp[used] = '\0';
    rc = strncmp(resp, "HTTP/1.0 200", 12) == 0 || strncmp(resp, "HTTP/1.1 200", 12) == 0 ? 0 : -1;

cleanup:
    if (fd >= 0)
        close(fd);
    return rc;
}

static int start_server(TestServer *s, const char *tls_dir, int port)
{
    int out[2];
    char script[1024];
    posix_spawn_file_actions_t fa;

    s->pid = -1;
    s->port = 0;
    snprintf(script, sizeof(script), "%s/tests/http_server.py", OKR_SOURCE_DIR);
    if (pipe(out) != 0)
        return -1;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    char port_arg[16];
    snprintf(port_arg, sizeof(port_arg), "%d", port);
    char *argv[6] = {"python3", script, NULL, NULL, NULL, NULL};
    if (tls_dir) {
        argv[2] = "--tls";
        argv[3] = (char *)tls_dir;
    } else if (port > 0) {
        argv[2] = "--port";
        argv[3] = port_arg;
    }
    int rc = posix_spawnp(&s->pid, "python3", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(out[1]);
    if (rc != 0) {
        close(out[0]);
        return -1;
    }
    char line[32];
    size_t used = 0;
    while (used + 1 < sizeof(line)) {
        ssize_t n = read(out[0], line + used, 1);
        if (n <= 0 || line[used] == '\n')
            break;
        used++;
    }
    line[used] = '\0';
    close(out[0]);
    s->port = atoi(line);
    if (s->port <= 0) {
        test_server_stop(s);
        return -1;
    }
    return 0;
}

void test_server_stop(TestServer *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        waitpid(s->pid, NULL, 0);
    }
    s->pid = -1;
}

int test_unused_port(void)
{
    struct sockaddr_in a;
    socklen_t alen = sizeof(a);
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return ntohs(a.sin_port);
}

static int count_dir(const char *path)
{
    int n = 0;
    DIR *d = opendir(path);
    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

int test_count_fds(void)
{
    return count_dir("/proc/self/fd");
}

int test_count_threads(void)
{
    return count_dir("/proc/self/task");
}

double test_now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void test_sleep_ms(int ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
}

bool test_wait_result(FeedMailbox *mb, FeedResult *out, double timeout_s)
{
    double end = test_now_s() + timeout_s;
    for (;;) {
        if (feed_mailbox_take(mb, out))
            return true;
        if (test_now_s() > end)
            return false;
        test_sleep_ms(10);
    }
}

bool test_wait_kind(FeedMailbox *mb, FeedResultKind kind, FeedResult *out, double timeout_s)
{
    double end = test_now_s() + timeout_s;
    while (test_wait_result(mb, out, end - test_now_s())) {
        if (out->kind == kind)
            return true;
        feed_result_clear(out);
    }
    return false;
}

void test_write_file(const char *path, const char *data)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
        abort();
    }
    fwrite(data, 1, strlen(data), f);
    fclose(f);
}

void test_make_temp_dir(char *out, size_t outlen)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(out, outlen, "%s/okr-feed-test-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(out)) {
        fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
        abort();
    }
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    chmod(path, 0700); /* a test may have made it read-only */
    return remove(path);
}

void test_remove_tree(const char *path)
{
    chmod(path, 0700);
    nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
