/*
 * Tests for app/i18n.c: every message exists in both languages with the same
 * arguments, the language follows --lang and then the locale variables, and
 * numbers, percentages, durations and dates read as an English or a German
 * reader expects, whatever setlocale() says.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <time.h>
#include <math.h>
#include <string.h>

#include "i18n.h"

static int count_conversions(const char *fmt)
{
    int n = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p == '%' && p[1] == '%')
            p++;
        else if (*p == '%')
            n++;
    }
    return n;
}

static void every_message_has_both_languages_with_same_arguments(void **state)
{
    (void)state;
    for (int id = 0; id < I18N_MSG_COUNT; id++) {
        const char *en = i18n_text(I18N_EN, (I18nMsg)id);
        const char *de = i18n_text(I18N_DE, (I18nMsg)id);
        assert_true(en[0] != '\0');
        assert_true(de[0] != '\0');
        assert_int_equal(count_conversions(en), count_conversions(de));
    }
}

static void status_and_badge_texts_read_right(void **state)
{
    (void)state;
    char buf[128];
    assert_string_equal(i18n_text(I18N_EN, I18N_MSG_ON_TRACK), "on track");
    assert_string_equal(i18n_text(I18N_DE, I18N_MSG_AT_RISK), "gefährdet");
    assert_string_equal(i18n_text(I18N_EN, I18N_MSG_NOT_STARTED), "not started");
    assert_string_equal(i18n_text(I18N_DE, I18N_MSG_NO_DATA), "keine Daten");
    i18n_format(I18N_EN, I18N_MSG_OFFLINE_SINCE, buf, sizeof buf, "09:30", "timeout");
    assert_string_equal(buf, "offline since 09:30: timeout");
    i18n_format(I18N_DE, I18N_MSG_OFFLINE_SINCE, buf, sizeof buf, "09:30", "Zeitüberschreitung");
    assert_string_equal(buf, "offline seit 09:30: Zeitüberschreitung");
    i18n_format(I18N_DE, I18N_MSG_FETCHED, buf, sizeof buf, "14:05");
    assert_string_equal(buf, "abgerufen 14:05");
    i18n_format(I18N_DE, I18N_MSG_DAY_OF, buf, sizeof buf, "57", "92");
    assert_string_equal(buf, "Tag 57 von 92");
    i18n_format(I18N_DE, I18N_MSG_ACTIONS_DONE, buf, sizeof buf, "2", "5");
    assert_string_equal(buf, "Maßnahmen · 2 von 5 erledigt");
    i18n_format(I18N_EN, I18N_MSG_FEED_ERROR, buf, sizeof buf, "09:30", "line 3: missing 'target'");
    assert_string_equal(buf, "feed error since 09:30: line 3: missing 'target'");
}

static void language_follows_option_then_locale(void **state)
{
    (void)state;
    assert_int_equal(i18n_lang_choose("de", "en_US.UTF-8", NULL, NULL), I18N_DE);
    assert_int_equal(i18n_lang_choose("en", NULL, NULL, "de_DE.UTF-8"), I18N_EN);
    assert_int_equal(i18n_lang_choose(NULL, NULL, NULL, "de_DE.UTF-8"), I18N_DE);
    assert_int_equal(i18n_lang_choose(NULL, NULL, "de_AT", "en_GB.UTF-8"), I18N_DE);
    assert_int_equal(i18n_lang_choose(NULL, "C", "de_DE", "de_DE"), I18N_EN); /* LC_ALL wins */
    assert_int_equal(i18n_lang_choose(NULL, "", "", "de_CH.UTF-8@euro"), I18N_DE);
    assert_int_equal(i18n_lang_choose(NULL, NULL, NULL, "fr_FR.UTF-8"), I18N_EN);
    assert_int_equal(i18n_lang_choose(NULL, NULL, NULL, NULL), I18N_EN);
    I18nLang l;
    assert_int_equal(i18n_lang_parse("de-DE", &l), 0);
    assert_int_equal(l, I18N_DE);
    assert_int_equal(i18n_lang_parse("deu", &l), -1);
    assert_int_equal(i18n_lang_parse("", &l), -1);
    assert_string_equal(i18n_lang_code(I18N_DE), "de");
}

static void numbers_group_thousands_per_language(void **state)
{
    (void)state;
    char buf[64];
    /* Whatever the C locale says, the format is the language's. */
    setlocale(LC_NUMERIC, "C");
    i18n_format_number(I18N_EN, 1234.5, 1, buf, sizeof buf);
    assert_string_equal(buf, "1,234.5");
    i18n_format_number(I18N_DE, 1234.5, 1, buf, sizeof buf);
    assert_string_equal(buf, "1.234,5");
    i18n_format_number(I18N_EN, 1234567.891, 2, buf, sizeof buf);
    assert_string_equal(buf, "1,234,567.89");
    i18n_format_number(I18N_DE, 1234567, 0, buf, sizeof buf);
    assert_string_equal(buf, "1.234.567");
    i18n_format_number(I18N_DE, 999.96, 1, buf, sizeof buf);
    assert_string_equal(buf, "1.000,0");
    i18n_format_number(I18N_EN, -4.65, 1, buf, sizeof buf);
    assert_string_equal(buf, "-4.7");
    i18n_format_number(I18N_DE, -0.04, 1, buf, sizeof buf);
    assert_string_equal(buf, "0,0");
    i18n_format_number(I18N_EN, 0.5, 0, buf, sizeof buf);
    assert_string_equal(buf, "1");
    i18n_format_number(I18N_EN, 100, 0, buf, sizeof buf);
    assert_string_equal(buf, "100");
    i18n_format_number(I18N_DE, NAN, 1, buf, sizeof buf);
    assert_string_equal(buf, "\xe2\x80\x93");
    /* Truncation keeps a terminated string. */
    char small[4];
    i18n_format_number(I18N_EN, 1234.5, 1, small, sizeof small);
    assert_string_equal(small, "1,2");
}

static void percentages_follow_typography(void **state)
{
    (void)state;
    char buf[64];
    i18n_format_percent(I18N_EN, 42, 0, buf, sizeof buf);
    assert_string_equal(buf, "42%");
    i18n_format_percent(I18N_DE, 4.6, 1, buf, sizeof buf);
    assert_string_equal(buf, "4,6\xc2\xa0%");
}

static void durations_use_short_units(void **state)
{
    (void)state;
    char buf[64];
    i18n_format_duration(I18N_EN, 3 * 3600 + 59 * 60, buf, sizeof buf);
    assert_string_equal(buf, "3 h");
    i18n_format_duration(I18N_DE, 3 * 3600, buf, sizeof buf);
    assert_string_equal(buf, "3 Std.");
    i18n_format_duration(I18N_EN, 2 * 86400 + 5, buf, sizeof buf);
    assert_string_equal(buf, "2 d");
    i18n_format_duration(I18N_DE, 2 * 86400, buf, sizeof buf);
    assert_string_equal(buf, "2 T.");
    i18n_format_duration(I18N_EN, 300, buf, sizeof buf);
    assert_string_equal(buf, "5 min");
    i18n_format_duration(I18N_DE, 59, buf, sizeof buf);
    assert_string_equal(buf, "<1 Min.");
    i18n_format_duration(I18N_EN, -20, buf, sizeof buf);
    assert_string_equal(buf, "<1 min");

    char age[32];
    i18n_format_duration(I18N_DE, 3 * 86400, age, sizeof age);
    i18n_format(I18N_DE, I18N_MSG_CHECKED_IN_AGO, buf, sizeof buf, age);
    assert_string_equal(buf, "Check-in vor 3 T.");
    i18n_format_duration(I18N_EN, 3 * 3600, age, sizeof age);
    i18n_format(I18N_EN, I18N_MSG_STALE, buf, sizeof buf, age);
    assert_string_equal(buf, "data 3 h old");
}

/* One rule for every age: under a minute "<1 min" (59 s is not a minute),
 * hours up to 47 h (not "1 d"), days from 48 h. */
static void ages_read_under_a_minute_then_minutes_hours_and_days(void **state)
{
    (void)state;
    char b[32];
    i18n_format_duration(I18N_EN, 59, b, sizeof b);
    assert_string_equal(b, "<1 min");
    i18n_format_duration(I18N_EN, 60, b, sizeof b);
    assert_string_equal(b, "1 min");
    i18n_format_duration(I18N_EN, 45 * 60, b, sizeof b);
    assert_string_equal(b, "45 min");
    i18n_format_duration(I18N_EN, 47 * 3600, b, sizeof b);
    assert_string_equal(b, "47 h");
    i18n_format_duration(I18N_DE, 48 * 3600 - 1, b, sizeof b);
    assert_string_equal(b, "47 Std.");
    i18n_format_duration(I18N_EN, 48 * 3600, b, sizeof b);
    assert_string_equal(b, "2 d");
}

/* Percent by hand: round half away from zero, 100 only when there, the cap
 * 9999 marked with "+". */
static void progress_rounds_never_reaches_100_early_and_marks_the_cap(void **state)
{
    (void)state;
    char b[32];
    int capped = -1;
    assert_int_equal(i18n_percent_whole(1.3, &capped), 130);
    assert_int_equal(capped, 0);
    assert_int_equal(i18n_percent_whole(2.0 / 3.0, NULL), 67);
    assert_int_equal(i18n_percent_whole(0.125, NULL), 13);
    assert_int_equal(i18n_percent_whole(-0.154, NULL), -15);
    assert_int_equal(i18n_percent_whole(0.0, NULL), 0);
    assert_int_equal(i18n_percent_whole(0.995, NULL), 99);
    assert_int_equal(i18n_percent_whole(0.99999, NULL), 99);
    assert_int_equal(i18n_percent_whole(1.0, NULL), 100);
    assert_int_equal(i18n_percent_whole(1.004, NULL), 100);
    assert_int_equal(i18n_percent_whole(99.99, &capped), 9999);
    assert_int_equal(capped, 0);
    assert_int_equal(i18n_percent_whole(99.995, &capped), 9999);
    assert_int_equal(capped, 1);
    assert_int_equal(i18n_percent_whole(1e300, &capped), 9999);
    assert_int_equal(capped, 1);
    assert_int_equal(i18n_percent_whole(-1e9, &capped), -9999);
    assert_int_equal(capped, 1);
    i18n_format_progress(I18N_EN, 0.42, b, sizeof b);
    assert_string_equal(b, "42 %");
    i18n_format_progress(I18N_DE, 0.995, b, sizeof b);
    assert_string_equal(b, "99 %");
    i18n_format_progress(I18N_EN, 5000.0, b, sizeof b);
    assert_string_equal(b, "9999+ %");
    i18n_format_progress(I18N_EN, -200.0, b, sizeof b);
    assert_string_equal(b, "-9999+ %");
    i18n_format_progress(I18N_EN, 1.0 / 0.0, b, sizeof b);
    assert_string_equal(b, "9999+ %");
}

static void values_are_short_with_the_language_s_decimal_mark(void **state)
{
    (void)state;
    char b[64];
    i18n_format_value(I18N_EN, 4.6, b, sizeof b);
    assert_string_equal(b, "4.6");
    i18n_format_value(I18N_DE, 4.6, b, sizeof b);
    assert_string_equal(b, "4,6");
    i18n_format_value(I18N_EN, 26.0, b, sizeof b);
    assert_string_equal(b, "26");
    i18n_format_value(I18N_EN, 12345.0, b, sizeof b);
    assert_string_equal(b, "12.3k");
    i18n_format_value(I18N_EN, 4500000.0, b, sizeof b);
    assert_string_equal(b, "4.5M");
    i18n_format_quantity(I18N_EN, 30.0, "MQLs", b, sizeof b);
    assert_string_equal(b, "30 MQLs");
    i18n_format_quantity(I18N_EN, 120.0, "\xe2\x82\xac", b, sizeof b);
    assert_string_equal(b, "\xe2\x82\xac"
                           "120");
    i18n_format_utc(INT64_C(1795681800), b, sizeof b);
    assert_string_equal(b, "2026-11-26T08:30:00Z");
}

static void dates_and_times_read_per_language(void **state)
{
    (void)state;
    char buf[64];
    struct tm tm = {0};
    tm.tm_mon = 11;
    tm.tm_mday = 15;
    tm.tm_hour = 9;
    tm.tm_min = 5;
    i18n_format_date_short(I18N_EN, &tm, buf, sizeof buf);
    assert_string_equal(buf, "Dec 15");
    i18n_format_date_short(I18N_DE, &tm, buf, sizeof buf);
    assert_string_equal(buf, "15. Dez.");
    tm.tm_mon = 2;
    tm.tm_mday = 3;
    i18n_format_date_short(I18N_DE, &tm, buf, sizeof buf);
    assert_string_equal(buf, "3. März");
    i18n_format_date_short(I18N_EN, &tm, buf, sizeof buf);
    assert_string_equal(buf, "Mar 3");
    i18n_format_time(I18N_EN, &tm, buf, sizeof buf);
    assert_string_equal(buf, "09:05");

    tm.tm_mon = 10;
    tm.tm_mday = 24;
    tm.tm_hour = 9;
    tm.tm_min = 30;
    i18n_format_date_time(I18N_EN, &tm, buf, sizeof buf);
    assert_string_equal(buf, "Nov 24, 09:30");
    i18n_format_date_time(I18N_DE, &tm, buf, sizeof buf);
    assert_string_equal(buf, "24. Nov., 09:30");

    char date[32];
    tm.tm_mon = 5;
    tm.tm_mday = 30;
    i18n_format_date_short(I18N_DE, &tm, date, sizeof date);
    i18n_format(I18N_DE, I18N_MSG_DUE, buf, sizeof buf, date);
    assert_string_equal(buf, "fällig 30. Juni");
}

static void reference_reads_as_weekday_within_a_week_else_as_date(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    /* Tue 2026-11-24 09:30 CET = 08:30 UTC = 1795509000. */
    int64_t ref = 1795509000;
    char buf[64];
    i18n_format_reference(I18N_EN, ref, ref + 86400, buf, sizeof buf);
    assert_string_equal(buf, "since Tue 09:30");
    i18n_format_reference(I18N_DE, ref, ref + 86400, buf, sizeof buf);
    assert_string_equal(buf, "seit Di. 09:30");
    /* Seven days: the weekday alone would be ambiguous. */
    i18n_format_reference(I18N_EN, ref, ref + 7 * 86400, buf, sizeof buf);
    assert_string_equal(buf, "since Nov 24, 09:30");
    i18n_format_reference(I18N_DE, ref, ref + 7 * 86400, buf, sizeof buf);
    assert_string_equal(buf, "seit 24. Nov., 09:30");
    /* A key result's row says the day alone, or the date. */
    i18n_format_no_update(I18N_EN, ref, ref + 86400, buf, sizeof buf);
    assert_string_equal(buf, "no update since Tue");
    i18n_format_no_update(I18N_DE, ref, ref + 86400, buf, sizeof buf);
    assert_string_equal(buf, "kein Update seit Di.");
    i18n_format_no_update(I18N_EN, ref, ref + 7 * 86400, buf, sizeof buf);
    assert_string_equal(buf, "no update since Nov 24");
    i18n_format_no_update(I18N_DE, ref, ref + 7 * 86400, buf, sizeof buf);
    assert_string_equal(buf, "kein Update seit 24. Nov.");
    unsetenv("TZ");
    tzset();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_message_has_both_languages_with_same_arguments),
        cmocka_unit_test(status_and_badge_texts_read_right),
        cmocka_unit_test(language_follows_option_then_locale),
        cmocka_unit_test(numbers_group_thousands_per_language),
        cmocka_unit_test(percentages_follow_typography),
        cmocka_unit_test(durations_use_short_units),
        cmocka_unit_test(ages_read_under_a_minute_then_minutes_hours_and_days),
        cmocka_unit_test(progress_rounds_never_reaches_100_early_and_marks_the_cap),
        cmocka_unit_test(values_are_short_with_the_language_s_decimal_mark),
        cmocka_unit_test(dates_and_times_read_per_language),
        cmocka_unit_test(reference_reads_as_weekday_within_a_week_else_as_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
