/*
 * Tests for okr_util: the one FNV-1a hash and the UTF-8 boundary helpers.
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

#include <string.h>

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
    const char *s = "a\xE2\x82\xAC" "b"; /* a € b: bytes 0, 1-3, 4 */
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
    okr_utf8_copy_short(buf, sizeof buf, "abcd\xE2\x82\xAC" "efgh", 8);
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
