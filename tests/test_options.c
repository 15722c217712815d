/*
 * test_options: the command line, its defaults and its error messages.
 *
 * Also the token handling: $OKR_KIOSK_TOKEN or --token-file becomes an
 * "Authorization: Bearer" header, and error messages never echo a secret.
 * And the options table itself: every row's default parses, every option
 * reads the same from the command line and a config file, and every option
 * is in --help and in the man page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf_file.h"
#include "options.h"
#include "settings.h"

static char err[512];

/* Parse a NULL-terminated argument list with no token in the environment. */
static int parse(AppOptions *o, const char *const *args)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = "okr-kiosk";
    for (int i = 0; args[i] != NULL && argc < 31; i++)
        argv[argc++] = (char *)args[i];
    argv[argc] = NULL;
    unsetenv(OPT_TOKEN_ENV);
    options_default(o);
    err[0] = '\0';
    return options_parse(o, argc, argv, err, sizeof(err));
}

static void no_arguments_run_the_kiosk_on_the_demo_feed_with_defaults(void **state)
{
    (void)state;
    AppOptions o;
    const char *args[] = {NULL};
    assert_int_equal(parse(&o, args), 0);
    assert_int_equal(o.run, OPT_RUN_KIOSK);
    assert_true(o.feed_is_demo);
    assert_non_null(strstr(o.feed, "demo-feed.json"));
    assert_float_equal(o.rotate_s, 15.0, 0);
    assert_float_equal(o.poll_s, 60.0, 0);
    assert_float_equal(o.safe_area, 0.05, 1e-12);
    assert_false(o.windowed);
    assert_int_equal(o.display, 0);
    assert_int_equal(o.size_w, 1920);
    assert_int_equal(o.size_h, 1080);
    assert_int_equal(o.view.kind, OPT_VIEW_OVERVIEW);
    assert_int_equal(o.n_headers, 0);
    assert_false(o.has_now);
    assert_int_equal(o.renderer, OPT_RENDER_AUTO);
    assert_false(o.has_mode);
    assert_string_equal(o.lang, "");
    assert_int_equal(o.schedule.count, 0);
    assert_false(o.dim.enabled);
    assert_int_equal(o.stale_after_s, 24 * 3600);
    assert_int_equal(o.orientation, 0);
    assert_true(o.burnin);
    assert_int_equal(options_log_level(&o), 2); /* info */
}

static void always_on_options_are_read(void **state)
{
    (void)state;
    AppOptions o;
    const char *args[] = {"--mode",
                          "1920x1080",
                          "--lang",
                          "de",
                          "--schedule",
                          "mon-fri 07:30-19:00",
                          "--schedule",
                          "sat 09:00-13:00",
                          "--dim",
                          "22:00-06:00 40%",
                          "--stale-after",
                          "3h",
                          "--orientation",
                          "90",
                          "--burn-in-shift",
                          "no",
                          "--config",
                          "/etc/x.conf",
                          "-vv",
                          NULL};
    assert_int_equal(parse(&o, args), 0);
    assert_true(o.has_mode);
    assert_int_equal(o.mode_w, 1920);
    assert_int_equal(o.mode_h, 1080);
    assert_string_equal(o.lang, "de");
    assert_int_equal(o.schedule.count, 2);
    assert_string_equal(o.schedule_text, "mon-fri 07:30-19:00; sat 09:00-13:00");
    assert_true(o.dim.enabled);
    assert_float_equal(o.dim.level, 0.4f, 1e-6);
    assert_int_equal(o.stale_after_s, 10800);
    assert_int_equal(o.orientation, 90);
    assert_false(o.burnin);
    assert_string_equal(o.config, "/etc/x.conf");
    assert_int_equal(options_log_level(&o), 4); /* trace */

    const char *quiet[] = {"--log-level", "warn", NULL};
    assert_int_equal(parse(&o, quiet), 0);
    assert_int_equal(options_log_level(&o), 1);
    const char *louder[] = {"--log-level", "warn", "-v", NULL};
    assert_int_equal(parse(&o, louder), 0);
    assert_int_equal(options_log_level(&o), 2);
}

static void always_on_values_are_checked(void **state)
{
    (void)state;
    AppOptions o;
    const char *bad[][3] = {
        {"--mode", "big", "--mode"},
        {"--lang", "fr", "--lang"},
        {"--schedule", "mon-fri 7-19", "--schedule"},
        {"--dim", "22:00-06:00", "--dim"},
        {"--dim", "22:00-06:00 2%", "--dim"},
        {"--stale-after", "3 weeks", "--stale-after"},
        {"--orientation", "45", "--orientation"},
        {"--log-level", "loud", "--log-level"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *args[] = {bad[i][0], bad[i][1], NULL};
        assert_int_equal(parse(&o, args), -1);
        if (strstr(err, bad[i][2]) == NULL)
            fail_msg("%s %s: message \"%s\" does not name the option", bad[i][0], bad[i][1], err);
    }
}

static void durations_read_seconds_minutes_hours_and_days(void **state)
{
    (void)state;
    int64_t s = -1;
    assert_int_equal(options_parse_duration("3h", &s), 0);
    assert_int_equal(s, 10800);
    assert_int_equal(options_parse_duration("90m", &s), 0);
    assert_int_equal(s, 5400);
    assert_int_equal(options_parse_duration("90min", &s), 0);
    assert_int_equal(s, 5400);
    assert_int_equal(options_parse_duration("2d", &s), 0);
    assert_int_equal(s, 172800);
    assert_int_equal(options_parse_duration("1.5h", &s), 0);
    assert_int_equal(s, 5400);
    assert_int_equal(options_parse_duration("600", &s), 0);
    assert_int_equal(s, 600);
    assert_int_equal(options_parse_duration("off", &s), 0);
    assert_int_equal(s, 0);
    assert_int_equal(options_parse_duration("-1h", &s), -1);
    assert_int_equal(options_parse_duration("3w", &s), -1);
    assert_int_equal(options_parse_duration("400d", &s), -1);
}

static void every_value_option_is_read(void **state)
{
    (void)state;
    AppOptions o;
    const char *args[] = {"--feed",
                          "https://okr.example/feed.json",
                          "--now",
                          "2026-11-26T09:30:00Z",
                          "--windowed",
                          "1280x720",
                          "--display",
                          "1",
                          "--rotate",
                          "0",
                          "--reduce-motion",
                          "--view",
                          "objective:3",
                          "--font",
                          "/f.ttf",
                          "--ca-file",
                          "/ca.pem",
                          "--header",
                          "X-Team: sales",
                          "--poll",
                          "30",
                          "--safe-area",
                          "0",
                          "-v",
                          "--verbose",
                          "--renderer",
                          "software",
                          NULL};
    assert_int_equal(parse(&o, args), 0);
    assert_string_equal(o.feed, "https://okr.example/feed.json");
    assert_false(o.feed_is_demo);
    assert_true(o.has_now);
    assert_int_equal(o.now, 1795685400); /* 2026-11-26 09:30 UTC */
    assert_true(o.windowed);
    assert_int_equal(o.win_w, 1280);
    assert_int_equal(o.win_h, 720);
    assert_int_equal(o.display, 1);
    assert_float_equal(o.rotate_s, 0.0, 0);
    assert_true(o.reduce_motion);
    assert_int_equal(o.view.kind, OPT_VIEW_OBJECTIVE);
    assert_int_equal(o.view.objective, 2);
    assert_string_equal(o.font, "/f.ttf");
    assert_string_equal(o.ca_file, "/ca.pem");
    assert_int_equal(o.n_headers, 1);
    assert_string_equal(o.headers[0], "X-Team: sales");
    assert_float_equal(o.poll_s, 30.0, 0);
    assert_float_equal(o.safe_area, 0.0, 0);
    assert_int_equal(o.verbose, 2);
    assert_int_equal(o.renderer, OPT_RENDER_SOFTWARE);
}

static void check_and_screenshot_select_their_modes(void **state)
{
    (void)state;
    AppOptions o;
    const char *check[] = {"--check", "feed.json", "--json", NULL};
    assert_int_equal(parse(&o, check), 0);
    assert_int_equal(o.run, OPT_RUN_CHECK);
    assert_string_equal(o.feed, "feed.json");
    assert_true(o.json);

    const char *shot[] = {"--feed",    "f.json", "--screenshot", "out.png", "--size",
                          "3840x2160", "--view", "team:Sales",   NULL};
    assert_int_equal(parse(&o, shot), 0);
    assert_int_equal(o.run, OPT_RUN_SCREENSHOT);
    assert_string_equal(o.screenshot, "out.png");
    assert_int_equal(o.size_w, 3840);
    assert_int_equal(o.size_h, 2160);
    assert_int_equal(o.view.kind, OPT_VIEW_TEAM);
    assert_string_equal(o.view.team, "Sales");

    const char *help[] = {"--help", NULL};
    assert_int_equal(parse(&o, help), 0);
    assert_int_equal(o.run, OPT_RUN_HELP);
    const char *version[] = {"--version", NULL};
    assert_int_equal(parse(&o, version), 0);
    assert_int_equal(o.run, OPT_RUN_VERSION);
}

static void bad_values_are_clear_errors(void **state)
{
    (void)state;
    AppOptions o;
    const char *a[] = {"--rotate", "soon", NULL};
    assert_int_equal(parse(&o, a), -1);
    assert_non_null(strstr(err, "--rotate"));
    const char *b[] = {"--windowed", "1280", NULL};
    assert_int_equal(parse(&o, b), -1);
    assert_non_null(strstr(err, "WIDTHxHEIGHT"));
    const char *c[] = {"--now", "yesterday", NULL};
    assert_int_equal(parse(&o, c), -1);
    assert_non_null(strstr(err, "RFC 3339"));
    const char *d[] = {"--view", "objective:0", NULL};
    assert_int_equal(parse(&o, d), -1);
    const char *e[] = {"--safe-area", "0.5", NULL};
    assert_int_equal(parse(&o, e), -1);
    const char *f[] = {"--bogus", NULL};
    assert_int_equal(parse(&o, f), -1);
    assert_non_null(strstr(err, "--bogus"));
    const char *g[] = {"--feed", NULL};
    assert_int_equal(parse(&o, g), -1);
    assert_non_null(strstr(err, "needs a value"));
    const char *h[] = {"feed.json", NULL};
    assert_int_equal(parse(&o, h), -1);
    assert_non_null(strstr(err, "--feed feed.json"));
    const char *i[] = {"--json", NULL};
    assert_int_equal(parse(&o, i), -1);
    const char *j[] = {"--poll", "0", NULL};
    assert_int_equal(parse(&o, j), -1);
    const char *k[] = {"--renderer", "vulkan", NULL};
    assert_int_equal(parse(&o, k), -1);
    assert_non_null(strstr(err, "--renderer"));
}

static void spreadsheet_and_override_options_are_read_and_checked(void **state)
{
    (void)state;
    AppOptions o;
    const char *ok[] = {"--feed",
                        "okrs.csv",
                        "--format",
                        "csv",
                        "--csv-delimiter",
                        "tab",
                        "--csv-decimal",
                        "comma",
                        "--csv-date-order",
                        "mdy",
                        "--csv-columns",
                        "Summary=key_result",
                        "--title",
                        "Team Nord",
                        "--period",
                        "Q4 2026, 2026-10-01, 2026-12-31",
                        NULL};
    assert_int_equal(parse(&o, ok), 0);
    assert_int_equal(o.format, 2);
    assert_int_equal(o.csv_delimiter, '\t');
    assert_int_equal(o.csv_decimal, 1);
    assert_int_equal(o.csv_date_order, 2);
    assert_string_equal(o.csv_columns, "Summary=key_result");
    assert_string_equal(o.title, "Team Nord");
    assert_string_equal(o.period, "Q4 2026, 2026-10-01, 2026-12-31");
    const char *a[] = {"--format", "xlsx", NULL};
    assert_int_equal(parse(&o, a), -1);
    assert_non_null(strstr(err, "auto, json or csv"));
    const char *b[] = {"--csv-delimiter", "|", NULL};
    assert_int_equal(parse(&o, b), -1);
    assert_non_null(strstr(err, "comma, semicolon or tab"));
    const char *c[] = {"--period", "Q4 2026, 2026-10-01", NULL};
    assert_int_equal(parse(&o, c), -1);
    assert_non_null(strstr(err, "--period: give both the first and the last day"));
    const char *d[] = {"--period", "Q4, 2026-12-31, 2026-10-01", NULL};
    assert_int_equal(parse(&o, d), -1);
    assert_non_null(strstr(err, "before the first"));
    const char *e[] = {"--csv-date-order", "dym", NULL};
    assert_int_equal(parse(&o, e), -1);
}

static void sizes_and_views_parse_strictly(void **state)
{
    (void)state;
    int w = 0, h = 0;
    assert_int_equal(options_parse_size("1080x1920", &w, &h), 0);
    assert_int_equal(w, 1080);
    assert_int_equal(h, 1920);
    assert_int_equal(options_parse_size("0x10", &w, &h), -1);
    assert_int_equal(options_parse_size("10x", &w, &h), -1);
    assert_int_equal(options_parse_size("10x10x", &w, &h), -1);
    OptView v;
    assert_int_equal(options_parse_view("help", &v), 0);
    assert_int_equal(v.kind, OPT_VIEW_HELP);
    assert_int_equal(options_parse_view("overview", &v), 0);
    assert_int_equal(options_parse_view("team:", &v), -1);
    assert_int_equal(options_parse_view("objectives", &v), -1);
}

static void the_token_from_the_environment_becomes_a_bearer_header(void **state)
{
    (void)state;
    AppOptions o;
    options_default(&o);
    assert_int_equal(options_finish(&o, "s3cret", err, sizeof(err)), 0);
    assert_int_equal(o.n_headers, 1);
    assert_string_equal(o.headers[0], "Authorization: Bearer s3cret");

    /* Blanks on either side are trimmed, not sent after "Bearer". */
    options_default(&o);
    assert_int_equal(options_finish(&o, "  \ts3cret \t", err, sizeof(err)), 0);
    assert_string_equal(o.headers[0], "Authorization: Bearer s3cret");
}

static void the_token_file_wins_over_the_environment(void **state)
{
    (void)state;
    char path[] = "/tmp/okr-token-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "filetoken\n", 10), 10);
    close(fd);
    AppOptions o;
    options_default(&o);
    assert_int_equal(options_set(&o, "token-file", path, err, sizeof(err)), 0);
    assert_int_equal(options_finish(&o, "envtoken", err, sizeof(err)), 0);
    assert_string_equal(o.headers[0], "Authorization: Bearer filetoken");
    unlink(path);

    options_default(&o);
    assert_int_equal(options_set(&o, "token-file", path, err, sizeof(err)), 0);
    assert_int_equal(options_finish(&o, NULL, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "--token-file"));
}

static void a_malformed_header_is_refused_without_echoing_it(void **state)
{
    (void)state;
    AppOptions o;
    options_default(&o);
    assert_int_equal(options_set(&o, "header", "Bearer topsecret", err, sizeof(err)), -1);
    assert_null(strstr(err, "topsecret"));
}

static void options_set_serves_a_config_file_by_long_name(void **state)
{
    (void)state;
    AppOptions o;
    options_default(&o);
    assert_int_equal(options_set(&o, "rotate", "30", err, sizeof(err)), 0);
    assert_float_equal(o.rotate_s, 30.0, 0);
    assert_int_equal(options_set(&o, "reduce-motion", NULL, err, sizeof(err)), 0);
    assert_true(o.reduce_motion);
    assert_int_equal(options_set(&o, "reduce-motion", "no", err, sizeof(err)), 0);
    assert_false(o.reduce_motion);
    assert_int_equal(options_set(&o, "reduce-motion", "maybe", err, sizeof(err)), -1);
    assert_int_equal(options_set(&o, "verbose", "2", err, sizeof(err)), 0);
    assert_int_equal(o.verbose, 2);
    assert_int_equal(options_set(&o, "verbose", "off", err, sizeof(err)), 0);
    assert_int_equal(o.verbose, 0);
    assert_int_equal(options_set(&o, "colour", "red", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "colour"));
    assert_false(options_known("colour"));
    assert_true(options_known("safe-area"));
    assert_true(options_known("token-file"));
}

static void help_lists_every_option_with_its_default(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    options_print_help(f, "okr-kiosk");
    fclose(f);
    const char *names[] = {
        "--feed",          "--check",       "--json",          "--now",
        "--windowed",      "--display",     "--rotate",        "--reduce-motion",
        "--screenshot",    "--size",        "--view",          "--font",
        "--ca-file",       "--header",      "--token-file",    "--poll",
        "--safe-area",     "--verbose",     "--help",          "--version",
        "--renderer",      "--config",      "--mode",          "--lang",
        "--schedule",      "--dim",         "--stale-after",   "--orientation",
        "--burn-in-shift", "--log-level",   "(default: 24h)",  "(default: info)",
        "(default: 15)",   "(default: 60)", "(default: 0.05)", "(default: 1920x1080)"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strstr(buf, names[i]) == NULL)
            fail_msg("help lacks %s", names[i]);
    }
    free(buf);
}

/* --check validates, --screenshot draws: given both, neither is dropped
 * silently and --json is not blamed. */
static void check_and_screenshot_together_are_refused_in_either_order(void **state)
{
    (void)state;
    AppOptions o;
    const char *a[] = {"--check", "feed.json", "--screenshot", "x.png", NULL};
    const char *b[] = {"--screenshot", "x.png", "--check", "feed.json", NULL};
    const char *c[] = {"--check", "feed.json", "--json", "--screenshot", "x.png", NULL};
    const char *const *cases[] = {a, b, c};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(parse(&o, cases[i]), -1);
        assert_non_null(strstr(err, "--check and --screenshot cannot be combined"));
        assert_null(strstr(err, "--json"));
    }
    /* One mode given twice is still one mode. */
    const char *d[] = {"--check", "a.json", "--check", "b.json", NULL};
    assert_int_equal(parse(&o, d), 0);
    assert_string_equal(o.feed, "b.json");
}

static void a_size_over_the_limit_names_the_limit(void **state)
{
    (void)state;
    AppOptions o;
    const char *names[] = {"--size", "--windowed", "--mode"};
    for (size_t i = 0; i < 3; i++) {
        const char *args[] = {names[i], "20000x20000", NULL};
        assert_int_equal(parse(&o, args), -1);
        assert_non_null(strstr(err, names[i]));
        assert_non_null(strstr(err, "16384"));
        assert_null(strstr(err, "like 1920x1080"));
    }
    const char *shape[] = {"--size", "big", NULL};
    assert_int_equal(parse(&o, shape), -1);
    assert_non_null(strstr(err, "WIDTHxHEIGHT"));
    const char *edge[] = {"--size", "16384x1", NULL};
    assert_int_equal(parse(&o, edge), 0);
    assert_int_equal(o.size_w, 16384);
}

static void a_dash_for_standard_input_is_refused_as_unsupported(void **state)
{
    (void)state;
    AppOptions o;
    const char *check[] = {"--check", "-", NULL};
    assert_int_equal(parse(&o, check), -1);
    assert_non_null(strstr(err, "standard input"));
    assert_non_null(strstr(err, "not supported"));
    const char *feed[] = {"--feed", "-", NULL};
    assert_int_equal(parse(&o, feed), -1);
    assert_non_null(strstr(err, "--feed: reading the feed from standard input"));
    const char *dashed[] = {"--check", "./-", NULL};
    assert_int_equal(parse(&o, dashed), 0);
}

/* ------------------------------------------------------- the table -- */

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[256 * 1024];
    size_t n = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

static void every_default_in_the_table_is_a_valid_value(void **state)
{
    (void)state;
    size_t count = 0;
    const OptionDef *table = options_table(&count);
    assert_true(count >= 30);
    for (size_t i = 0; i < count; i++) {
        AppOptions o;
        options_default(&o);
        if (table[i].def != NULL &&
            options_set(&o, table[i].name, table[i].def, err, sizeof(err)) != 0)
            fail_msg("the default of --%s does not parse: %s", table[i].name, err);
        if (table[i].expect == NULL || table[i].example == NULL || table[i].help == NULL ||
            table[i].group == NULL)
            fail_msg("the row of --%s lacks expect, example, help or group", table[i].name);
        if (table[i].fields[0].size == 0)
            fail_msg("the row of --%s names no field", table[i].name);
        for (size_t j = 0; j < i; j++)
            if (strcmp(table[i].name, table[j].name) == 0)
                fail_msg("--%s has two rows", table[i].name);
    }
}

/* The example value through argv and through a real config file gives the
 * same fields, different from the default; the value written back as text
 * (what the log line shows) reads again to the same fields. */
static void every_option_round_trips_through_the_config_file_and_the_command_line(void **state)
{
    (void)state;
    size_t count = 0;
    const OptionDef *table = options_table(&count);
    static AppOptions cli, file, def, again;
    char path[] = "/tmp/okr-opt-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    options_default(&def);
    for (size_t i = 0; i < count; i++) {
        const OptionDef *d = &table[i];
        char flag[80], text[1200], shown[1200];
        snprintf(flag, sizeof(flag), "--%s", d->name);
        char *argv[] = {"okr-kiosk", flag, (char *)d->example, NULL};
        options_default(&cli);
        if (options_parse_argv(&cli, d->arg == OPT_ARG_NONE ? 2 : 3, argv, err, sizeof(err)) != 0)
            fail_msg("%s %s: %s", flag, d->example, err);
        if (!options_differ(&cli, &def, d))
            fail_msg("%s %s: the example is the default", flag, d->example);

        snprintf(text, sizeof(text), "# round trip\n%s = \"%s\"\n", d->name, d->example);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
        options_default(&file);
        int rc = conf_file_load(path, settings_file_set, &file, err, sizeof(err));
        if (d->flags & OPT_CLI_ONLY) {
            if (rc == 0 || strstr(err, "command line only") == NULL)
                fail_msg("%s is command-line only, yet the file said: \"%s\"", d->name, err);
        } else {
            if (rc != 0)
                fail_msg("%s = %s: %s", d->name, d->example, err);
            if (options_differ(&cli, &file, d))
                fail_msg("%s: the command line and the config file disagree", d->name);
        }

        options_format(&cli, d, shown, sizeof(shown));
        options_default(&again);
        if (options_set(&again, d->name, shown, err, sizeof(err)) != 0)
            fail_msg("%s: its value as text \"%s\" does not read back: %s", d->name, shown, err);
        if (options_differ(&cli, &again, d))
            fail_msg("%s: \"%s\" reads back to another value", d->name, shown);
    }
    unlink(path);
}

/* "rotate-x" is no mention of "rotate": the name must end there. */
static bool mentions(const char *text, const char *name)
{
    char esc[128] = "\\-\\-";
    size_t n = strlen(esc);
    for (const char *p = name; *p != '\0' && n + 3 < sizeof(esc); p++) {
        if (*p == '-')
            esc[n++] = '\\';
        esc[n++] = *p;
    }
    esc[n] = '\0';
    for (const char *p = strstr(text, esc); p != NULL; p = strstr(p + 1, esc)) {
        char next = p[n];
        if (!(next >= 'a' && next <= 'z') && next != '\\' && next != '-')
            return true;
    }
    return false;
}

/* The man page's section from ".SH name" to the next ".SH". */
static char *man_section(const char *man, const char *name, char *out, size_t len)
{
    char head[64];
    snprintf(head, sizeof(head), "\n.SH %s\n", name);
    const char *a = strstr(man, head);
    assert_non_null(a);
    a += strlen(head);
    const char *b = strstr(a, "\n.SH ");
    size_t n = b != NULL ? (size_t)(b - a) : strlen(a);
    assert_true(n < len);
    memcpy(out, a, n);
    out[n] = '\0';
    return out;
}

static void every_option_is_in_the_man_page_and_the_help(void **state)
{
    (void)state;
    size_t count = 0;
    const OptionDef *table = options_table(&count);
    const char *man = read_text(OKR_SOURCE_DIR "/docs/okr-kiosk.1");
    static char options[64 * 1024], signals[8 * 1024];
    man_section(man, "OPTIONS", options, sizeof(options));
    man_section(man, "SIGNALS", signals, sizeof(signals));
    const char *first_ss = strstr(options, "\n.SS ");
    assert_non_null(first_ss);

    char *help = NULL;
    size_t help_len = 0;
    FILE *f = open_memstream(&help, &help_len);
    assert_non_null(f);
    options_print_help(f, "okr-kiosk");
    fclose(f);

    for (size_t i = 0; i < count; i++) {
        const OptionDef *d = &table[i];
        char want[160];
        /* An entry of its own: ".TP" then a line naming the option. */
        bool entry = false;
        for (const char *p = strstr(options, "\n.TP\n"); p != NULL; p = strstr(p + 1, "\n.TP\n")) {
            const char *line = p + 5, *end = strchr(line, '\n');
            char buf[256];
            size_t n = end != NULL ? (size_t)(end - line) : strlen(line);
            snprintf(buf, sizeof(buf), "%.*s", (int)n, line);
            entry |= mentions(buf, d->name);
        }
        if (!entry)
            fail_msg("docs/okr-kiosk.1 has no OPTIONS entry for --%s", d->name);
        /* The paragraph before the first .SS lists what a file cannot hold. */
        char intro[4096];
        snprintf(intro, sizeof(intro), "%.*s", (int)(first_ss - options), options);
        if (((d->flags & OPT_CLI_ONLY) != 0) != mentions(intro, d->name))
            fail_msg(
                "docs/okr-kiosk.1: --%s is %s the command line, the OPTIONS paragraph says otherwise",
                d->name, (d->flags & OPT_CLI_ONLY) ? "only for" : "not only for");
        /* SIGHUP names the settings that need a restart, as config keys. */
        char key[80];
        size_t k = 0;
        for (const char *p = d->name; *p != '\0' && k + 2 < sizeof(key); p++) {
            if (*p == '-')
                key[k++] = '\\';
            key[k++] = *p;
        }
        key[k] = '\0';
        char as_b[96], as_br[96];
        snprintf(as_b, sizeof(as_b), "\n.B %s\n", key);
        snprintf(as_br, sizeof(as_br), "\n.BR %s ", key);
        bool named = strstr(signals, as_b) != NULL || strstr(signals, as_br) != NULL;
        if (((d->flags & OPT_RESTART) != 0) != named)
            fail_msg("docs/okr-kiosk.1 SIGNALS: --%s %s a restart, the SIGHUP text says otherwise",
                     d->name, (d->flags & OPT_RESTART) ? "needs" : "needs no");

        snprintf(want, sizeof(want), "--%s ", d->name);
        char bare[80];
        snprintf(bare, sizeof(bare), "--%s\n", d->name);
        if (strstr(help, want) == NULL && strstr(help, bare) == NULL)
            fail_msg("--help lacks --%s", d->name);
    }

    /* And no entry in the man page for an option that is not in the table. */
    for (const char *p = strstr(options, "\n.TP\n"); p != NULL; p = strstr(p + 1, "\n.TP\n")) {
        const char *opt = strstr(p + 5, "\\-\\-");
        const char *end = strchr(p + 5, '\n');
        if (opt == NULL || (end != NULL && opt > end))
            continue;
        char name[64];
        size_t n = 0;
        for (const char *q = opt + 4;
             n + 1 < sizeof(name) && ((*q >= 'a' && *q <= 'z') || *q == '\\'); q++) {
            if (*q == '\\') {
                if (q[1] != '-')
                    break;
                q++;
            }
            name[n++] = *q;
        }
        name[n] = '\0';
        if (options_find(name) == NULL)
            fail_msg("docs/okr-kiosk.1 documents --%s, which is not an option", name);
    }
    free(help);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_arguments_run_the_kiosk_on_the_demo_feed_with_defaults),
        cmocka_unit_test(every_value_option_is_read),
        cmocka_unit_test(always_on_options_are_read),
        cmocka_unit_test(always_on_values_are_checked),
        cmocka_unit_test(durations_read_seconds_minutes_hours_and_days),
        cmocka_unit_test(check_and_screenshot_select_their_modes),
        cmocka_unit_test(bad_values_are_clear_errors),
        cmocka_unit_test(spreadsheet_and_override_options_are_read_and_checked),
        cmocka_unit_test(sizes_and_views_parse_strictly),
        cmocka_unit_test(the_token_from_the_environment_becomes_a_bearer_header),
        cmocka_unit_test(the_token_file_wins_over_the_environment),
        cmocka_unit_test(a_malformed_header_is_refused_without_echoing_it),
        cmocka_unit_test(options_set_serves_a_config_file_by_long_name),
        cmocka_unit_test(help_lists_every_option_with_its_default),
        cmocka_unit_test(check_and_screenshot_together_are_refused_in_either_order),
        cmocka_unit_test(a_size_over_the_limit_names_the_limit),
        cmocka_unit_test(a_dash_for_standard_input_is_refused_as_unsupported),
        cmocka_unit_test(every_default_in_the_table_is_a_valid_value),
        cmocka_unit_test(every_option_round_trips_through_the_config_file_and_the_command_line),
        cmocka_unit_test(every_option_is_in_the_man_page_and_the_help),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
