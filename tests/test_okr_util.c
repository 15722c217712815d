/*
 * Tests for okr_util: the one FNV-1a hash, the UTF-8 boundary helpers and
 * the text cleaning the CSV reader and the feed parser share.
 *
 * Hash values by hand from the FNV-1a definition (offset basis, then for each
 * byte: xor, multiply by the prime): the 64-bit hash of "" is the basis
 * 0xcbf29ce484222325, of "a" 0xaf63dc4c8601ec8c; the 32-bit hash of "a" is
 * 0xe40c292c. "é" is C3 A9, "€" is E2 82 AC.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "okr_util.h"

static void hash64_matches_the_fnv1a_reference_values(void **state)
{
    (void)state;
    assert_true(okr_hash64("", 0) == UINT64_C(0xcbf29ce484222325));
    assert_true(okr_hash64("a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
}

static void hash64_continues_where_a_previous_call_stopped(void **state)
{
    (void)state;
    uint64_t h = okr_hash64_more(OKR_HASH64_INIT, "ab", 2);
    assert_true(okr_hash64_more(h, "cd", 2) == okr_hash64("abcd", 4));
}

static void hash32_matches_the_reference_and_treats_null_as_empty(void **state)
{
    (void)state;
    assert_true(okr_hash32_more(OKR_HASH32_INIT, "a") == UINT32_C(0xe40c292c));
    assert_true(okr_hash32_more(OKR_HASH32_INIT, NULL) == OKR_HASH32_INIT);
}

static void utf8_cut_never_splits_a_character(void **state)
{
    (void)state;
    const char *s = "a\xE2\x82\xAC"
                    "b"; /* a € b: bytes 0, 1-3, 4 */
    assert_int_equal(okr_utf8_cut(s, 1), 1);
    assert_int_equal(okr_utf8_cut(s, 2), 1);
    assert_int_equal(okr_utf8_cut(s, 3), 1);
    assert_int_equal(okr_utf8_cut(s, 4), 4);
    assert_int_equal(okr_utf8_cut(s, 99), 5);
}

static void utf8_copy_cuts_to_the_buffer_on_a_boundary(void **state)
{
    (void)state;
    char buf[4];
    assert_int_equal(okr_utf8_copy(buf, sizeof buf, "x\xC3\xA9\xC3\xA9"), 3);
    assert_string_equal(buf, "x\xC3\xA9");
    assert_int_equal(okr_utf8_copy(buf, 3, "x\xC3\xA9"), 1);
}

static void utf8_copy_short_ends_a_cut_text_in_an_ellipsis_within_max(void **state)
{
    (void)state;
    char buf[64];
    okr_utf8_copy_short(buf, sizeof buf, "short", 10);
    assert_string_equal(buf, "short");
    /* max 8: 5 bytes of text + 3 of the ellipsis; "€" would cross byte 5 */
    okr_utf8_copy_short(buf, sizeof buf,
                        "abcd\xE2\x82\xAC"
                        "efgh",
                        8);
    assert_string_equal(buf, "abcd\xE2\x80\xA6");
    okr_utf8_copy_short(buf, sizeof buf, "abcdefghij", 8);
    assert_string_equal(buf, "abcde\xE2\x80\xA6");
}

static void utf8_drop_partial_removes_only_an_incomplete_last_character(void **state)
{
    (void)state;
    char a[] = "ok\xE2\x82";
    okr_utf8_drop_partial(a);
    assert_string_equal(a, "ok");
    char b[] = "ok\xE2\x82\xAC";
    okr_utf8_drop_partial(b);
    assert_string_equal(b, "ok\xE2\x82\xAC");
}

static void utf8_valid_len_rejects_surrogates_and_overlongs(void **state)
{
    (void)state;
    assert_int_equal(okr_utf8_valid_len((const unsigned char *)"\xE2\x82\xAC"), 3);
    assert_int_equal(okr_utf8_valid_len((const unsigned char *)"\xED\xA0\xBD"), 0);
    assert_int_equal(okr_utf8_valid_len((const unsigned char *)"\xC0\xAF"), 0);
    assert_int_equal(okr_utf8_valid_len((const unsigned char *)"\xF0\x9F\x9A\x80"), 4);
}

static void utf8_valid_len_n_never_reads_past_n(void **state)
{
    (void)state;
    /* the first two bytes of "€" alone in a heap block of two: a read of
     * the third would be out of bounds (and caught under ASan) */
    unsigned char *two = malloc(2);
    assert_non_null(two);
    memcpy(two, "\xE2\x82", 2);
    assert_int_equal(okr_utf8_valid_len_n(two, 2), 0);
    assert_int_equal(okr_utf8_valid_len_n((const unsigned char *)"\xE2\x82\xAC", 3), 3);
    assert_int_equal(okr_utf8_valid_len_n((const unsigned char *)"\xC3\xA9", 1), 0);
    free(two);
}

static void text_clean_makes_bad_bytes_replacement_characters_and_controls_spaces(void **state)
{
    (void)state;
    char out[32];
    OkrTextFlags f = {0};
    /* a, TAB, b, a stray 0xFF, NUL, c: "a b" + U+FFFD + " c" = 8 bytes */
    assert_int_equal(okr_text_clean("a\tb\xFF\0c", 6, out, 20, false, &f), 8);
    assert_memory_equal(out, "a b\xEF\xBF\xBD c", 9);
    assert_true(f.invalid);
    assert_false(f.cut);
}

static void text_clean_makes_cr_lf_one_space_only_when_asked(void **state)
{
    (void)state;
    char out[16];
    OkrTextFlags f = {0};
    okr_text_clean("a\r\nb", 4, out, 15, true, &f);
    assert_string_equal(out, "a b");
    okr_text_clean("a\r\nb", 4, out, 15, false, &f);
    assert_string_equal(out, "a  b");
    okr_text_clean("a\rb", 3, out, 15, true, &f);
    assert_string_equal(out, "a b");
    assert_false(f.invalid || f.cut);
}

static void text_clean_cuts_on_a_boundary_and_ends_in_an_ellipsis_within_max(void **state)
{
    (void)state;
    char out[16];
    OkrTextFlags f = {0};
    /* exactly max bytes: kept whole */
    assert_int_equal(okr_text_clean("abcde", 5, out, 5, false, &f), 5);
    assert_string_equal(out, "abcde");
    assert_false(f.cut);
    /* one more: "…" takes 3 of the 5 bytes, so 2 letters stay */
    assert_int_equal(okr_text_clean("abcdef", 6, out, 5, false, &f), 5);
    assert_string_equal(out, "ab\xE2\x80\xA6");
    assert_true(f.cut);
    /* "é" would end at byte 5 of 4: cut before it, 1 letter + "…" */
    f.cut = false;
    assert_int_equal(okr_text_clean("abc\xC3\xA9", 5, out, 4, false, &f), 4);
    assert_string_equal(out, "a\xE2\x80\xA6");
    assert_true(f.cut);
}

static void days_from_civil_counts_from_1970_across_leap_years(void **state)
{
    (void)state;
    assert_int_equal(okr_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(okr_days_from_civil(1969, 12, 31), -1);
    /* 30 years of 365 days and 7 leap days (72 .. 96), then Jan and Feb 2000 */
    assert_int_equal(okr_days_from_civil(2000, 1, 1), 30 * 365 + 7);
    assert_int_equal(okr_days_from_civil(2000, 3, 1), 30 * 365 + 7 + 31 + 29);
}

static void days_in_month_knows_the_leap_years_of_the_gregorian_calendar(void **state)
{
    (void)state;
    assert_int_equal(okr_days_in_month(2024, 2), 29);
    assert_int_equal(okr_days_in_month(2023, 2), 28);
    assert_int_equal(okr_days_in_month(1900, 2), 28);
    assert_int_equal(okr_days_in_month(2000, 2), 29);
    assert_int_equal(okr_days_in_month(2026, 4), 30);
    assert_int_equal(okr_days_in_month(2026, 12), 31);
}

static void grow_doubles_only_when_the_array_is_full(void **state)
{
    (void)state;
    size_t cap = 0;
    int *a = okr_grow(NULL, &cap, 0, sizeof(int), 4);
    assert_non_null(a);
    assert_int_equal(cap, 4);
    a[3] = 7;
    assert_ptr_equal(okr_grow(a, &cap, 3, sizeof(int), 4), a); /* room left: same array */
    assert_int_equal(cap, 4);
    a = okr_grow(a, &cap, 4, sizeof(int), 4);
    assert_non_null(a);
    assert_int_equal(cap, 8);
    assert_int_equal(a[3], 7); /* the items are kept */
    free(a);
}

static void *wait_for_stop(void *arg)
{
    int *stop = arg;
    struct pollfd p = {stop[0], POLLIN, 0};
    while (poll(&p, 1, -1) < 0) {
    }
    stop[2] = 1; /* the thread saw the stop byte */
    return NULL;
}

static void thread_stop_wakes_joins_and_closes_the_pipe(void **state)
{
    (void)state;
    int fds[3] = {-1, -1, 0};
    assert_int_equal(pipe(fds), 0);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, wait_for_stop, fds), 0);
    okr_thread_stop(t, true, fds);
    assert_int_equal(fds[2], 1);
    assert_int_equal(fds[0], -1);
    assert_int_equal(fds[1], -1);
    okr_thread_stop(t, false, fds); /* nothing left to close: harmless */
}

static void *wait_for_stop_pipe(void *arg)
{
    int *stop = arg;
    char c;
    /* blocks until okr_thread_stop writes its byte */
    stop[2] = read(stop[0], &c, 1) == 1;
    return NULL;
}

static void thread_start_opens_the_stop_pipe_and_runs_until_stopped(void **state)
{
    (void)state;
    int fds[3] = {-1, -1, 0};
    pthread_t t;
    bool running = false;
    char err[64] = "";
    assert_int_equal(okr_thread_start(&t, &running, fds, wait_for_stop_pipe, fds, err, sizeof err),
                     0);
    assert_true(running);
    assert_true(fds[0] >= 0 && fds[1] >= 0);
    assert_string_equal(err, "");
    okr_thread_stop(t, running, fds);
    assert_int_equal(fds[2], 1); /* the thread read the stop byte and ended */
    assert_int_equal(fds[0], -1);
    assert_int_equal(fds[1], -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash64_matches_the_fnv1a_reference_values),
        cmocka_unit_test(hash64_continues_where_a_previous_call_stopped),
        cmocka_unit_test(hash32_matches_the_reference_and_treats_null_as_empty),
        cmocka_unit_test(utf8_cut_never_splits_a_character),
        cmocka_unit_test(utf8_copy_cuts_to_the_buffer_on_a_boundary),
        cmocka_unit_test(utf8_copy_short_ends_a_cut_text_in_an_ellipsis_within_max),
        cmocka_unit_test(utf8_drop_partial_removes_only_an_incomplete_last_character),
        cmocka_unit_test(utf8_valid_len_rejects_surrogates_and_overlongs),
        cmocka_unit_test(utf8_valid_len_n_never_reads_past_n),
        cmocka_unit_test(text_clean_makes_bad_bytes_replacement_characters_and_controls_spaces),
        cmocka_unit_test(text_clean_makes_cr_lf_one_space_only_when_asked),
        cmocka_unit_test(text_clean_cuts_on_a_boundary_and_ends_in_an_ellipsis_within_max),
        cmocka_unit_test(days_from_civil_counts_from_1970_across_leap_years),
        cmocka_unit_test(days_in_month_knows_the_leap_years_of_the_gregorian_calendar),
        cmocka_unit_test(grow_doubles_only_when_the_array_is_full),
        cmocka_unit_test(thread_stop_wakes_joins_and_closes_the_pipe),
        cmocka_unit_test(thread_start_opens_the_stop_pipe_and_runs_until_stopped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
