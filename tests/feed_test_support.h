/*
 * feed_test_support: shared helpers for the feed source tests: the test HTTP
 * server as a real process on 127.0.0.1, a port nobody listens on, bounded
 * waits on a mailbox, and temporary files.
 */
#ifndef FEED_TEST_SUPPORT_H
#define FEED_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "feed_result.h"

typedef struct {
    pid_t pid;
    int port;
} TestServer;

/* Starts tests/http_server.py; returns 0 with the port it printed. */
int test_server_start(TestServer *s);
/* The same over HTTPS, with a self-signed certificate written to
 * dir/cert.pem. */
int test_server_start_tls(TestServer *s, const char *dir);
/* The same on a given 127.0.0.1 port (e.g. one that refused a moment ago). */
int test_server_start_port(TestServer *s, int port);
/* GET /control?query on the (plain HTTP) server: switches what /feed does.
 * Returns 0 when the server said 200. */
int test_server_control(const TestServer *s, const char *query);
/* Kills and reaps it. */
void test_server_stop(TestServer *s);
/* A 127.0.0.1 port that was free a moment ago (bound, then closed). */
int test_unused_port(void);

/* Takes the next result, polling every 10 ms up to timeout_s. */
bool test_wait_result(FeedMailbox *mb, FeedResult *out, double timeout_s);
/* Takes results until one of kind arrives (others are cleared); false on timeout. */
bool test_wait_kind(FeedMailbox *mb, FeedResultKind kind, FeedResult *out, double timeout_s);

/* Open file descriptors of this process (counts /proc/self/fd). */
int test_count_fds(void);
/* Threads of this process (counts /proc/self/task). */
int test_count_threads(void);

/* Monotonic seconds. */
double test_now_s(void);
void test_sleep_ms(int ms);

/* Writes data to path in place (open O_TRUNC, write, close). */
void test_write_file(const char *path, const char *data);
/* Creates a fresh directory under $TMPDIR (or /tmp); returns it in out. */
void test_make_temp_dir(char *out, size_t outlen);
/* rm -rf path (test-owned temp trees only). */
void test_remove_tree(const char *path);

#endif
