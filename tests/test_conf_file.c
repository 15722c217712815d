/*
 * Tests for app/conf_file.c: the key = value format, error messages with file,
 * line and key, the order in which files are found and override each other,
 * and secrets read from files (with their permission warning) and the
 * environment. Files are real files in a fresh temporary directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf_file.h"

typedef struct Seen {
    int count;
    char keys[16][64];
    char values[16][256];
    long rotate;
    char feed[256];
} Seen;

static const char *const known_keys[] = {"feed", "rotate", "schedule", "title", "lang"};

/* A setter like the app's: five keys, rotate must be 0..3600 seconds. */
static int record(void *ud, const char *key, const char *value, char *err, size_t errlen)
{
    Seen *s = ud;
    size_t i;
    for (i = 0; i < sizeof known_keys / sizeof known_keys[0]; i++)
        if (strcmp(key, known_keys[i]) == 0)
            break;
    if (i == sizeof known_keys / sizeof known_keys[0]) {
        const char *hint = conf_file_suggest(key, known_keys, 5);
        if (hint)
            snprintf(err, errlen, "(did you mean '%s'?)", hint);
        return CONF_UNKNOWN_KEY;
    }
    if (strcmp(key, "rotate") == 0 && conf_parse_long(value, 0, 3600, &s->rotate) != 0) {
        snprintf(err, errlen, "expected seconds from 0 to 3600, got '%s'", value);
        return CONF_BAD_VALUE;
    }
    if (strcmp(key, "feed") == 0)
        snprintf(s->feed, sizeof s->feed, "%s", value);
    if (s->count < 16) {
        snprintf(s->keys[s->count], 64, "%s", key);
        snprintf(s->values[s->count], 256, "%s", value);
        s->count++;
    }
    return CONF_OK;
}

static char tmpdir[256];

static int make_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/okr-conf-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(path, mode), 0);
}

static void make_dirs(const char *path)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
    assert_int_equal(system(cmd), 0);
}

static void parser_trims_skips_comments_and_unquotes(void **state)
{
    (void)state;
    Seen s = {0};
    char err[256] = "";
    const char *text = "# okr-kiosk\n"
                       "\n"
                       "   feed   =   https://okr.example.com/feed.json#latest   \n"
                       "rotate=20 # seconds\n"
                       "\t# indented comment\n"
                       "title = \"  Team # 1 \"  # trailing comment\n"
                       "lang = 'de'\r\n"
                       "schedule =\n";
    assert_int_equal(conf_file_parse_string(text, "t.conf", record, &s, err, sizeof err), 0);
    assert_int_equal(s.count, 5);
    assert_string_equal(s.keys[0], "feed");
    assert_string_equal(s.values[0], "https://okr.example.com/feed.json#latest");
    assert_string_equal(s.keys[1], "rotate");
    assert_string_equal(s.values[1], "20");
    assert_int_equal(s.rotate, 20);
    assert_string_equal(s.values[2], "  Team # 1 ");
    assert_string_equal(s.keys[3], "lang");
    assert_string_equal(s.values[3], "de");
    assert_string_equal(s.keys[4], "schedule");
    assert_string_equal(s.values[4], "");
}

static void parser_names_file_line_and_unknown_key(void **state)
{
    (void)state;
    Seen s = {0};
    char err[256] = "";
    const char *text = "feed = a.json\n# comment\n\nrotat = 20\nlang = en\n";
    assert_int_equal(
        conf_file_parse_string(text, "/etc/okr-kiosk.conf", record, &s, err, sizeof err), -1);
    assert_string_equal(err, "/etc/okr-kiosk.conf:4: unknown key 'rotat' "
                             "(did you mean 'rotate'?)");
    /* Parsing stopped at the bad line. */
    assert_int_equal(s.count, 1);
}

static void parser_names_key_of_a_bad_value(void **state)
{
    (void)state;
    Seen s = {0};
    char err[256] = "";
    assert_int_equal(
        conf_file_parse_string("lang = de\nrotate = soon\n", "k.conf", record, &s, err, sizeof err),
        -1);
    assert_string_equal(err, "k.conf:2: bad value for 'rotate': expected seconds from 0 "
                             "to 3600, got 'soon'");
}

static void parser_rejects_malformed_lines(void **state)
{
    (void)state;
    Seen s = {0};
    char err[256] = "";
    assert_int_equal(conf_file_parse_string("feed a.json\n", "m.conf", record, &s, err, sizeof err),
                     -1);
    assert_string_equal(err, "m.conf:1: expected 'key = value'");
    assert_int_equal(conf_file_parse_string("\n = 3\n", "m.conf", record, &s, err, sizeof err), -1);
    assert_string_equal(err, "m.conf:2: missing key before '='");
    assert_int_equal(
        conf_file_parse_string("title = \"open\n", "m.conf", record, &s, err, sizeof err), -1);
    assert_string_equal(err, "m.conf:1: unterminated quote");
    assert_int_equal(
        conf_file_parse_string("title = \"a\" b\n", "m.conf", record, &s, err, sizeof err), -1);
    assert_string_equal(err, "m.conf:1: text after the closing quote");
    assert_int_equal(conf_file_parse_string("ti tle = x\n", "m.conf", record, &s, err, sizeof err),
                     -1);
    assert_string_equal(err, "m.conf:1: a key holds only letters, digits, '-' and '_'");
}

static void loading_a_file_reports_its_path(void **state)
{
    (void)state;
    char path[512], err[512] = "";
    Seen s = {0};
    snprintf(path, sizeof path, "%s/kiosk.conf", tmpdir);
    write_file(path, "feed = /srv/feed.json\nrotate = -5\n", 0644);
    assert_int_equal(conf_file_load(path, record, &s, err, sizeof err), -1);
    char want[600];
    snprintf(want, sizeof want,
             "%s:2: bad value for 'rotate': expected seconds from 0 "
             "to 3600, got '-5'",
             path);
    assert_string_equal(err, want);
    assert_string_equal(s.feed, "/srv/feed.json");

    snprintf(path, sizeof path, "%s/missing.conf", tmpdir);
    assert_int_equal(conf_file_load(path, record, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "missing.conf: cannot open"));
}

static void user_file_overrides_system_file(void **state)
{
    (void)state;
    char sys[512], xdg[512], user[600], err[512] = "";
    snprintf(sys, sizeof sys, "%s/etc-okr-kiosk.conf", tmpdir);
    snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
    snprintf(user, sizeof user, "%s/okr-kiosk", xdg);
    make_dirs(user);
    snprintf(user, sizeof user, "%s/okr-kiosk/config", xdg);
    write_file(sys, "feed = system.json\nrotate = 30\n", 0644);
    write_file(user, "rotate = 45\n", 0644);

    ConfFileList list;
    assert_int_equal(conf_file_find(NULL, sys, xdg, "/nonexistent", &list, err, sizeof err), 0);
    assert_int_equal(list.count, 2);
    assert_string_equal(list.paths[0], sys);
    assert_string_equal(list.paths[1], user);

    Seen s = {0};
    assert_int_equal(conf_file_load_all(&list, record, &s, err, sizeof err), 0);
    assert_string_equal(s.feed, "system.json"); /* only the system file sets it */
    assert_int_equal(s.rotate, 45);             /* the user file wins */
}

static void home_config_is_used_without_xdg_config_home(void **state)
{
    (void)state;
    char home[512], user[600], err[512] = "";
    snprintf(home, sizeof home, "%s/home", tmpdir);
    snprintf(user, sizeof user, "%s/.config/okr-kiosk", home);
    make_dirs(user);
    snprintf(user, sizeof user, "%s/.config/okr-kiosk/config", home);
    write_file(user, "rotate = 5\n", 0600);
    ConfFileList list;
    assert_int_equal(
        conf_file_find(NULL, "/nonexistent/okr.conf", "", home, &list, err, sizeof err), 0);
    assert_int_equal(list.count, 1);
    assert_string_equal(list.paths[0], user);
    /* No file anywhere is fine: defaults and the command line. */
    assert_int_equal(conf_file_find(NULL, "/nonexistent/a", NULL, NULL, &list, err, sizeof err), 0);
    assert_int_equal(list.count, 0);
}

static void config_option_replaces_both_files_and_must_exist(void **state)
{
    (void)state;
    char sys[512], own[512], err[512] = "";
    snprintf(sys, sizeof sys, "%s/sys.conf", tmpdir);
    snprintf(own, sizeof own, "%s/own.conf", tmpdir);
    write_file(sys, "rotate = 1\n", 0644);
    write_file(own, "rotate = 2\n", 0644);
    ConfFileList list;
    assert_int_equal(conf_file_find(own, sys, tmpdir, NULL, &list, err, sizeof err), 0);
    assert_int_equal(list.count, 1);
    assert_string_equal(list.paths[0], own);

    char missing[512];
    snprintf(missing, sizeof missing, "%s/nope.conf", tmpdir);
    assert_int_equal(conf_file_find(missing, sys, NULL, NULL, &list, err, sizeof err), -1);
    assert_non_null(strstr(err, "nope.conf: configuration file not found"));
}

static void command_line_config_path_is_found(void **state)
{
    (void)state;
    char *a1[] = {"okr-kiosk", "--rotate", "5", "--config", "/a.conf", NULL};
    assert_string_equal(conf_file_cli_path(5, a1), "/a.conf");
    char *a2[] = {"okr-kiosk", "--config=/b.conf", "--lang", "de", NULL};
    assert_string_equal(conf_file_cli_path(4, a2), "/b.conf");
    char *a3[] = {"okr-kiosk", "--", "--config", "/c.conf", NULL};
    assert_null(conf_file_cli_path(4, a3));
    char *a4[] = {"okr-kiosk", "--config", NULL};
    assert_null(conf_file_cli_path(2, a4));
}

static void command_line_overrides_every_file(void **state)
{
    (void)state;
    /* The documented order: files first, then the command line through the
     * same setter, so the last value wins. */
    Seen s = {0};
    char err[256];
    assert_int_equal(conf_file_parse_string("rotate = 30\n", "sys", record, &s, err, sizeof err),
                     0);
    assert_int_equal(conf_file_parse_string("rotate = 45\n", "user", record, &s, err, sizeof err),
                     0);
    assert_int_equal(record(&s, "rotate", "0", err, sizeof err), CONF_OK);
    assert_int_equal(s.rotate, 0);
}

static void value_helpers_accept_and_reject(void **state)
{
    (void)state;
    int b = -1, w = 0, h = 0;
    long l = 0;
    assert_int_equal(conf_parse_bool("Yes", &b), 0);
    assert_int_equal(b, 1);
    assert_int_equal(conf_parse_bool("off", &b), 0);
    assert_int_equal(b, 0);
    assert_int_equal(conf_parse_bool("maybe", &b), -1);
    assert_int_equal(conf_parse_long("15", 0, 60, &l), 0);
    assert_int_equal(l, 15);
    assert_int_equal(conf_parse_long("61", 0, 60, &l), -1);
    assert_int_equal(conf_parse_long("1x", 0, 60, &l), -1);
    assert_int_equal(conf_parse_size("1920x1080", &w, &h), 0);
    assert_int_equal(w, 1920);
    assert_int_equal(h, 1080);
    assert_int_equal(conf_parse_size("1920x", &w, &h), -1);
    assert_int_equal(conf_parse_size("0x10", &w, &h), -1);
}

static void secret_file_is_trimmed_and_private_file_gives_no_warning(void **state)
{
    (void)state;
    char path[512], tok[128], warn[256], err[256];
    snprintf(path, sizeof path, "%s/token", tmpdir);
    write_file(path, "s3cr3t-T0ken \r\nsecond line ignored\n", 0600);
    assert_int_equal(
        conf_secret_from_file(path, tok, sizeof tok, warn, sizeof warn, err, sizeof err), 0);
    assert_string_equal(tok, "s3cr3t-T0ken");
    assert_string_equal(warn, "");
}

static void readable_secret_file_warns_without_revealing_it(void **state)
{
    (void)state;
    char path[512], tok[128], warn[256], err[256];
    snprintf(path, sizeof path, "%s/token-open", tmpdir);
    write_file(path, "abcdef123\n", 0644);
    assert_int_equal(
        conf_secret_from_file(path, tok, sizeof tok, warn, sizeof warn, err, sizeof err), 0);
    assert_string_equal(tok, "abcdef123");
    assert_non_null(strstr(warn, "token-open can be read by other users (mode 644)"));
    assert_null(strstr(warn, "abcdef123"));

    write_file(path, "abcdef123\n", 0640);
    assert_int_equal(
        conf_secret_from_file(path, tok, sizeof tok, warn, sizeof warn, err, sizeof err), 0);
    assert_non_null(strstr(warn, "(mode 640)"));
}

static void empty_or_missing_secret_file_is_an_error(void **state)
{
    (void)state;
    char path[512], tok[128], warn[256], err[256];
    snprintf(path, sizeof path, "%s/token-empty", tmpdir);
    write_file(path, "\n", 0600);
    assert_int_equal(
        conf_secret_from_file(path, tok, sizeof tok, warn, sizeof warn, err, sizeof err), -1);
    assert_non_null(strstr(err, "token-empty is empty: write the token on its first line"));
    snprintf(path, sizeof path, "%s/token-missing", tmpdir);
    assert_int_equal(
        conf_secret_from_file(path, tok, sizeof tok, warn, sizeof warn, err, sizeof err), -1);
    assert_non_null(strstr(err, "token-missing: No such file"));
    /* Too small a buffer fails instead of truncating the token. */
    snprintf(path, sizeof path, "%s/token-long", tmpdir);
    write_file(path, "0123456789abcdef\n", 0600);
    char small[8];
    assert_int_equal(
        conf_secret_from_file(path, small, sizeof small, warn, sizeof warn, err, sizeof err), -1);
    assert_null(strstr(err, "0123456789"));
}

/* Notepad saves "UTF-8" with a byte order mark: the first key still reads. */
static void a_byte_order_mark_before_the_first_key_is_skipped(void **state)
{
    (void)state;
    char path[512], err[512] = "";
    Seen s = {0};
    assert_int_equal(conf_file_parse_string("\xEF\xBB\xBF"
                                            "rotate = 20\r\nfeed = /srv/f.json\r\n",
                                            "bom.conf", record, &s, err, sizeof err),
                     0);
    assert_int_equal(s.rotate, 20);
    assert_string_equal(s.feed, "/srv/f.json");

    snprintf(path, sizeof path, "%s/notepad.conf", tmpdir);
    write_file(path, "\xEF\xBB\xBF# saved by Notepad\r\nrotate = 30\r\n", 0644);
    Seen t = {0};
    assert_int_equal(conf_file_load(path, record, &t, err, sizeof err), 0);
    assert_int_equal(t.rotate, 30);
    /* Only at the very start: inside a line it is still a bad key. */
    assert_int_equal(conf_file_parse_string("rotate = 1\n\xEF\xBB\xBF"
                                            "feed = x\n",
                                            "m.conf", record, &t, err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "m.conf:2:"));
}

static void a_directory_given_as_config_says_it_is_a_directory(void **state)
{
    (void)state;
    char err[512] = "";
    ConfFileList list;
    assert_int_equal(conf_file_find(tmpdir, NULL, NULL, NULL, &list, err, sizeof err), -1);
    assert_non_null(strstr(err, "is a directory"));
    assert_null(strstr(err, "not found"));
}

static void a_token_is_trimmed_on_both_sides_and_loses_a_byte_order_mark(void **state)
{
    (void)state;
    char path[512], tok[128], warn[256], err[256];
    snprintf(path, sizeof path, "%s/token-spaces", tmpdir);
    write_file(path, "  \tabc123 \r\n", 0600);
    assert_int_equal(
        conf_secret_from_file(path, tok, sizeof tok, warn, sizeof warn, err, sizeof err), 0);
    assert_string_equal(tok, "abc123");
    write_file(path,
               "\xEF\xBB\xBF"
               "abc123\n",
               0600);
    assert_int_equal(
        conf_secret_from_file(path, tok, sizeof tok, warn, sizeof warn, err, sizeof err), 0);
    assert_string_equal(tok, "abc123");
}

static void a_token_below_an_empty_first_line_is_named_as_such(void **state)
{
    (void)state;
    char path[512], tok[128], warn[256], err[256];
    snprintf(path, sizeof path, "%s/token-late", tmpdir);
    write_file(path, "\n  \nabc123\n", 0600);
    assert_int_equal(
        conf_secret_from_file(path, tok, sizeof tok, warn, sizeof warn, err, sizeof err), -1);
    assert_non_null(strstr(
        err, "token-late: the first line is empty, but the token must be on the first line"));
    assert_null(strstr(err, "abc123"));
    write_file(path, "", 0600);
    assert_int_equal(
        conf_secret_from_file(path, tok, sizeof tok, warn, sizeof warn, err, sizeof err), -1);
    assert_non_null(strstr(err, "token-late is empty"));
}

static void secret_comes_from_file_first_then_environment(void **state)
{
    (void)state;
    char path[512], tok[128], warn[256], err[256];
    snprintf(path, sizeof path, "%s/token-pref", tmpdir);
    write_file(path, "from-file\n", 0600);
    setenv("OKR_TEST_TOKEN", "from-env", 1);
    assert_int_equal(conf_secret_load(path, "OKR_TEST_TOKEN", tok, sizeof tok, warn, sizeof warn,
                                      err, sizeof err),
                     1);
    assert_string_equal(tok, "from-file");
    assert_int_equal(conf_secret_load(NULL, "OKR_TEST_TOKEN", tok, sizeof tok, warn, sizeof warn,
                                      err, sizeof err),
                     1);
    assert_string_equal(tok, "from-env");
    unsetenv("OKR_TEST_TOKEN");
    assert_int_equal(
        conf_secret_load("", "OKR_TEST_TOKEN", tok, sizeof tok, warn, sizeof warn, err, sizeof err),
        0);
    assert_int_equal(conf_secret_from_env("OKR_TEST_TOKEN", tok, sizeof tok, err, sizeof err), -1);
    assert_string_equal(err, "environment variable OKR_TEST_TOKEN is not set");
    conf_secret_wipe(tok, sizeof tok);
    assert_int_equal(tok[0], 0);
    assert_int_equal(tok[sizeof tok - 1], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parser_trims_skips_comments_and_unquotes),
        cmocka_unit_test(parser_names_file_line_and_unknown_key),
        cmocka_unit_test(parser_names_key_of_a_bad_value),
        cmocka_unit_test(parser_rejects_malformed_lines),
        cmocka_unit_test(loading_a_file_reports_its_path),
        cmocka_unit_test(user_file_overrides_system_file),
        cmocka_unit_test(home_config_is_used_without_xdg_config_home),
        cmocka_unit_test(config_option_replaces_both_files_and_must_exist),
        cmocka_unit_test(command_line_config_path_is_found),
        cmocka_unit_test(command_line_overrides_every_file),
        cmocka_unit_test(value_helpers_accept_and_reject),
        cmocka_unit_test(secret_file_is_trimmed_and_private_file_gives_no_warning),
        cmocka_unit_test(readable_secret_file_warns_without_revealing_it),
        cmocka_unit_test(empty_or_missing_secret_file_is_an_error),
        cmocka_unit_test(a_byte_order_mark_before_the_first_key_is_skipped),
        cmocka_unit_test(a_directory_given_as_config_says_it_is_a_directory),
        cmocka_unit_test(a_token_is_trimmed_on_both_sides_and_loses_a_byte_order_mark),
        cmocka_unit_test(a_token_below_an_empty_first_line_is_named_as_such),
        cmocka_unit_test(secret_comes_from_file_first_then_environment),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
