/*
 * test_config_precedence: where settings come from (app/settings.c) with real
 * files in a temporary directory: defaults < /etc file < user file, or the
 * --config file alone, then the command line; errors name file, line and key;
 * the token comes from a file or the environment and never shows in the
 * config log line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "okr_format.h"
#include "settings.h"

static char dir[256];
static char sys_path[300], user_dir[300], user_path[400], other_path[300];
static char err[1024];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/okr-conf-XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    snprintf(sys_path, sizeof(sys_path), "%s/okr-kiosk.conf", dir);
    snprintf(user_dir, sizeof(user_dir), "%s/xdg/okr-kiosk", dir);
    snprintf(other_path, sizeof(other_path), "%s/other.conf", dir);
    char xdg[300];
    snprintf(xdg, sizeof(xdg), "%s/xdg", dir);
    mkdir(xdg, 0700);
    mkdir(user_dir, 0700);
    snprintf(user_path, sizeof(user_path), "%s/config", user_dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(sys_path);
    unlink(user_path);
    unlink(other_path);
    rmdir(user_dir);
    char p[400];
    snprintf(p, sizeof(p), "%s/xdg", dir);
    rmdir(p);
    snprintf(p, sizeof(p), "%s/token", dir);
    unlink(p);
    rmdir(dir);
    return 0;
}

static void clean_files(void)
{
    unlink(sys_path);
    unlink(user_path);
    unlink(other_path);
}

/* settings_load with the temporary tree as the environment. */
static int load(AppOptions *o, ConfFileList *files, const char *token_env, const char *const *args)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = "okr-kiosk";
    for (int i = 0; args != NULL && args[i] != NULL && argc < 31; i++)
        argv[argc++] = (char *)args[i];
    argv[argc] = NULL;
    char xdg[300];
    snprintf(xdg, sizeof(xdg), "%s/xdg", dir);
    SettingsEnv env = {sys_path, xdg, "/nonexistent-home", token_env};
    err[0] = '\0';
    return settings_load(o, argc, argv, &env, files, err, sizeof(err));
}

static AppOptions o;
static ConfFileList files;

static void without_files_the_defaults_hold(void **state)
{
    (void)state;
    clean_files();
    assert_int_equal(load(&o, &files, NULL, NULL), 0);
    assert_int_equal(files.count, 0);
    assert_float_equal(o.rotate_s, 15.0, 0);
    assert_int_equal(o.stale_after_s, 24 * 3600);
    assert_int_equal(o.schedule.count, 0);
    assert_false(o.dim.enabled);
    assert_true(o.burnin);
    assert_int_equal(o.orientation, 0);
}

static void the_user_file_overrides_the_system_file_and_the_command_line_both(void **state)
{
    (void)state;
    clean_files();
    write_file(sys_path, "rotate = 20\npoll = 120\nlang = de\n# a comment\n\nsafe-area = 0.1\n");
    write_file(user_path, "rotate = 30\nstale-after = 3h\n");
    const char *args[] = {"--poll", "90", NULL};
    assert_int_equal(load(&o, &files, NULL, args), 0);
    assert_int_equal(files.count, 2);
    assert_string_equal(files.paths[0], sys_path);
    assert_string_equal(files.paths[1], user_path);
    assert_float_equal(o.rotate_s, 30.0, 0);     /* user file over system file */
    assert_float_equal(o.poll_s, 90.0, 0);       /* command line over both */
    assert_float_equal(o.safe_area, 0.1, 1e-12); /* only in the system file */
    assert_string_equal(o.lang, "de");
    assert_int_equal(o.stale_after_s, 3 * 3600);
}

static void a_config_option_replaces_both_default_files(void **state)
{
    (void)state;
    clean_files();
    write_file(sys_path, "rotate = 20\n");
    write_file(user_path, "poll = 300\n");
    write_file(other_path, "orientation = 90\n");
    const char *args[] = {"--config", other_path, NULL};
    assert_int_equal(load(&o, &files, NULL, args), 0);
    assert_int_equal(files.count, 1);
    assert_string_equal(files.paths[0], other_path);
    assert_int_equal(o.orientation, 90);
    assert_float_equal(o.rotate_s, 15.0, 0);
    assert_float_equal(o.poll_s, 60.0, 0);

    const char *abbreviated[] = {"--conf", other_path, NULL};
    assert_int_equal(load(&o, &files, NULL, abbreviated), -1);
    assert_non_null(strstr(err, "--config"));

    const char *missing[] = {"--config", "/nonexistent/okr.conf", NULL};
    assert_int_equal(load(&o, &files, NULL, missing), -1);
    assert_non_null(strstr(err, "/nonexistent/okr.conf"));
}

static void an_unknown_key_names_file_line_and_key_with_a_hint(void **state)
{
    (void)state;
    clean_files();
    write_file(sys_path, "# wall\nrotate = 20\n\nrotat = 30\n");
    assert_int_equal(load(&o, &files, NULL, NULL), -1);
    char want[1200];
    snprintf(want, sizeof(want), "%s:4: unknown key 'rotat' (did you mean 'rotate'?)", sys_path);
    assert_string_equal(err, want);
}

static void a_bad_value_names_file_line_and_key(void **state)
{
    (void)state;
    clean_files();
    write_file(user_path, "schedule = mon-fri 07:30-19:00\nschedule = mon-fri 25:00-26:00\n");
    assert_int_equal(load(&o, &files, NULL, NULL), -1);
    char want[1200];
    snprintf(want, sizeof(want), "%s:2: bad value for 'schedule': ", user_path);
    assert_memory_equal(err, want, strlen(want));

    write_file(user_path, "orientation = 45\n");
    assert_int_equal(load(&o, &files, NULL, NULL), -1);
    snprintf(want, sizeof(want), "%s:1: bad value for 'orientation': ", user_path);
    assert_memory_equal(err, want, strlen(want));

    write_file(user_path, "stale-after = soon\n");
    assert_int_equal(load(&o, &files, NULL, NULL), -1);
    assert_non_null(strstr(err, ":1: bad value for 'stale-after'"));
}

static void program_modes_are_refused_in_a_file(void **state)
{
    (void)state;
    const char *modes[] = {"help = yes",         "version = yes",        "check = feed.json",
                           "screenshot = a.png", "config = /etc/x.conf", "json = yes"};
    for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
        clean_files();
        write_file(sys_path, modes[i]);
        assert_int_equal(load(&o, &files, NULL, NULL), -1);
        assert_non_null(strstr(err, "command line only"));
    }
}

static void a_repeated_key_adds_up_within_a_source_and_a_later_source_replaces_it(void **state)
{
    (void)state;
    clean_files();
    write_file(sys_path, "schedule = mon-fri 07:30-12:00\nschedule = mon-fri 13:00-19:00\n");
    assert_int_equal(load(&o, &files, NULL, NULL), 0);
    assert_int_equal(o.schedule.count, 2);

    write_file(user_path, "schedule = sat 09:00-13:00\n");
    assert_int_equal(load(&o, &files, NULL, NULL), 0);
    assert_int_equal(o.schedule.count, 1);
    assert_int_equal(o.schedule.ranges[0].days, 1 << 6);

    const char *args[] = {"--schedule", "daily 08:00-18:00", "--schedule", "sun 10:00-11:00", NULL};
    assert_int_equal(load(&o, &files, NULL, args), 0);
    assert_int_equal(o.schedule.count, 2);
    assert_int_equal(o.schedule.ranges[0].start_min, 8 * 60);
}

/* Every option a file may hold, with a valid value: none is unknown. */
static void every_setting_is_accepted_as_a_key(void **state)
{
    (void)state;
    clean_files();
    write_file(sys_path, "feed = https://okr.example/feed.json\n"
                         "poll = 120\n"
                         "ca-file = /etc/ssl/ca.pem\n"
                         "header = \"X-Team: platform\"\n"
                         "token-file = \n"
                         "stale-after = 6h\n"
                         "format = csv\n"
                         "csv-delimiter = semicolon\n"
                         "csv-decimal = comma\n"
                         "csv-date-order = dmy\n"
                         "csv-columns = Summary=key_result, Epic=objective\n"
                         "title = Team Nord\n"
                         "period = Q4 2026, 2026-10-01, 2026-12-31\n"
                         "display = 1\n"
                         "mode = 1920x1080\n"
                         "windowed = 1280x720\n"
                         "safe-area = 0\n"
                         "rotate = 0\n"
                         "view = objective:2\n"
                         "reduce-motion = yes\n"
                         "renderer = software\n"
                         "font = /usr/share/fonts/x.ttf\n"
                         "lang = de\n"
                         "schedule = mon-fri 07:30-19:00\n"
                         "dim = 22:00-06:00 40%\n"
                         "burn-in-shift = no\n"
                         "dpms = off\n"
                         "cec = on\n"
                         "history = /var/lib/okr/history.db\n"
                         "standup = mon-fri 09:30\n"
                         "history-keep = 4\n"
                         "orientation = 270\n"
                         "now = 2026-11-26T09:30:00Z\n"
                         "size = 1280x720\n"
                         "log-level = debug\n"
                         "verbose = 2\n");
    int rc = load(&o, &files, NULL, NULL);
    /* token-file with an empty value is a bad value: take it out and retry. */
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err, ":5: bad value for 'token-file'"));
    FILE *f = fopen(sys_path, "r");
    char text[2048];
    size_t n = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[n] = '\0';
    char *line = strstr(text, "token-file = \n");
    memmove(line, line + 14, strlen(line + 14) + 1);
    write_file(sys_path, text);
    assert_int_equal(load(&o, &files, NULL, NULL), 0);
    assert_true(o.has_mode);
    assert_int_equal(o.mode_w, 1920);
    assert_true(o.dim.enabled);
    assert_float_equal(o.dim.level, 0.4f, 1e-6);
    assert_false(o.burnin);
    assert_int_equal(o.dpms, 2); /* PowerSetting off */
    assert_int_equal(o.cec, 1);  /* on */
    assert_string_equal(o.history, "/var/lib/okr/history.db");
    assert_int_equal(o.standup.count, 1);
    assert_int_equal(o.standup.ranges[0].start_min, 9 * 60 + 30);
    assert_int_equal(o.history_keep, 4);
    assert_int_equal(o.orientation, 270);
    assert_int_equal(o.verbose, 2);
    assert_int_equal(o.n_headers, 1);
    assert_int_equal(o.format, OKR_FORMAT_CSV);
    assert_int_equal(o.csv_delimiter, ';');
    assert_int_equal(o.csv_decimal, OKR_CSV_DECIMAL_COMMA);
    assert_int_equal(o.csv_date_order, OKR_CSV_DATE_DMY);
    assert_string_equal(o.csv_columns, "Summary=key_result, Epic=objective");
    assert_string_equal(o.title, "Team Nord");
    assert_string_equal(o.period, "Q4 2026, 2026-10-01, 2026-12-31");

    /* Every long option is either in that file or a command-line mode. */
    const char *names[128];
    size_t count = options_names(names, 128);
    const char *modes[] = {"check",  "json",       "screenshot", "help",   "version",
                           "config", "token-file", "diagnose",   "record", "history-export"};
    for (size_t i = 0; i < count; i++) {
        char key[80];
        snprintf(key, sizeof(key), "\n%s = ", names[i]);
        bool is_mode = false;
        for (size_t j = 0; j < sizeof(modes) / sizeof(modes[0]); j++)
            is_mode |= strcmp(names[i], modes[j]) == 0;
        if (!is_mode && strstr(text, key) == NULL && strncmp(text, key + 1, strlen(key + 1)) != 0)
            fail_msg("no config line tests the key %s", names[i]);
    }
}

static void the_token_comes_from_its_file_or_the_environment_and_is_never_described(void **state)
{
    (void)state;
    clean_files();
    char tok[400];
    snprintf(tok, sizeof(tok), "%s/token", dir);
    write_file(tok, "file-s3cret\n");
    chmod(tok, 0644);
    char line[1200];
    snprintf(line, sizeof(line),
             "feed = https://user:pw@okr.example/feed.json?key=abc\ntoken-file = %s\n", tok);
    write_file(sys_path, line);
    assert_int_equal(load(&o, &files, "env-s3cret", NULL), 0);
    assert_string_equal(o.headers[o.n_headers - 1], "Authorization: Bearer file-s3cret");
    assert_non_null(strstr(o.token_warning, tok)); /* readable by others */
    assert_null(strstr(o.token_warning, "s3cret"));

    char desc[2048];
    settings_describe(&o, &files, desc, sizeof(desc));
    assert_null(strstr(desc, "s3cret"));
    assert_null(strstr(desc, "pw@"));
    assert_null(strstr(desc, "key=abc"));
    assert_non_null(strstr(desc, sys_path));
    assert_non_null(strstr(desc, "okr.example/feed.json"));
    assert_non_null(strstr(desc, "token from the token file"));

    chmod(tok, 0600);
    assert_int_equal(load(&o, &files, "env-s3cret", NULL), 0);
    assert_string_equal(o.token_warning, "");

    write_file(sys_path, "poll = 120\n");
    assert_int_equal(load(&o, &files, "env-s3cret", NULL), 0);
    assert_string_equal(o.headers[o.n_headers - 1], "Authorization: Bearer env-s3cret");
    settings_describe(&o, &files, desc, sizeof(desc));
    assert_null(strstr(desc, "s3cret"));
    assert_non_null(strstr(desc, "poll 120"));
}

/* The shipped example with every setting switched on (minus the token file,
 * which does not exist here) is a valid configuration: docs and program
 * agree on every key. */
static void the_shipped_example_is_valid_with_every_setting_on(void **state)
{
    (void)state;
    clean_files();
    FILE *in = fopen(OKR_SOURCE_DIR "/assets/okr-kiosk.conf.example", "r");
    assert_non_null(in);
    FILE *out = fopen(sys_path, "w");
    assert_non_null(out);
    char line[1024];
    int settings = 0;
    while (fgets(line, sizeof(line), in) != NULL) {
        /* "#key = value" is a setting; "# text" is a comment */
        if (line[0] == '#' && line[1] != ' ' && line[1] != '\n' && line[1] != '#' &&
            strchr(line, '=') != NULL && strncmp(line, "#token-file", 11) != 0) {
            fputs(line + 1, out);
            settings++;
        }
    }
    fclose(in);
    fclose(out);
    assert_true(settings >= 20);
    if (load(&o, &files, NULL, NULL) != 0)
        fail_msg("the example does not load: %s", err);
    assert_true(o.schedule.count == 2);
    assert_true(o.dim.enabled);
}

static void a_reload_needs_a_restart_only_for_the_window_settings(void **state)
{
    (void)state;
    AppOptions a, b;
    options_default(&a);
    options_default(&b);
    char buf[256];
    b.rotate_s = 30;
    b.poll_s = 10;
    settings_restart_needed(&a, &b, buf, sizeof(buf));
    assert_string_equal(buf, "");
    b.display = 1;
    b.renderer = OPT_RENDER_GPU;
    settings_restart_needed(&a, &b, buf, sizeof(buf));
    assert_string_equal(buf, "display, renderer");
}

/* A reload keeps what needs a restart at its running value and takes the
 * rest: the kiosk applies next as a whole. */
static void a_reload_keeps_the_running_window_settings_and_takes_the_rest(void **state)
{
    (void)state;
    AppOptions running, next;
    options_default(&running);
    options_default(&next);
    char err2[256], buf[256];
    assert_int_equal(options_set(&running, "font", "/usr/share/fonts/a.ttf", err2, sizeof(err2)),
                     0);
    assert_int_equal(options_set(&next, "font", "/b.ttf", err2, sizeof(err2)), 0);
    assert_int_equal(options_set(&next, "windowed", "800x600", err2, sizeof(err2)), 0);
    assert_int_equal(options_set(&next, "rotate", "40", err2, sizeof(err2)), 0);
    assert_int_equal(options_set(&next, "lang", "de", err2, sizeof(err2)), 0);
    settings_keep_restart(&running, &next, buf, sizeof(buf));
    assert_string_equal(buf, "windowed, font");
    assert_false(next.windowed);
    assert_int_equal(next.win_w, 1280);
    assert_int_equal(next.win_h, 720);
    assert_string_equal(next.font, "/usr/share/fonts/a.ttf");
    assert_float_equal(next.rotate_s, 40.0, 0);
    assert_string_equal(next.lang, "de");
    settings_restart_needed(&running, &next, buf, sizeof(buf));
    assert_string_equal(buf, "");
}

/* The log line names each changed setting as a config file would write it,
 * and a header only by name. */
static void the_log_line_writes_each_changed_setting_as_its_option(void **state)
{
    (void)state;
    clean_files();
    write_file(sys_path, "stale-after = 3h\nheader = \"X-Key: hidden-value\"\nwindowed = 800x600\n"
                         "log-level = debug\nview = team:Sales\n");
    assert_int_equal(load(&o, &files, NULL, NULL), 0);
    char desc[2048];
    settings_describe(&o, &files, desc, sizeof(desc));
    assert_non_null(strstr(desc, "stale-after 3h"));
    assert_non_null(strstr(desc, "windowed 800x600"));
    assert_non_null(strstr(desc, "log-level debug"));
    assert_non_null(strstr(desc, "view team:Sales"));
    assert_non_null(strstr(desc, "header (not shown)"));
    assert_null(strstr(desc, "hidden-value"));
    assert_null(strstr(desc, "verbose"));
    assert_null(strstr(desc, "poll")); /* at its default */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(without_files_the_defaults_hold),
        cmocka_unit_test(the_user_file_overrides_the_system_file_and_the_command_line_both),
        cmocka_unit_test(a_config_option_replaces_both_default_files),
        cmocka_unit_test(an_unknown_key_names_file_line_and_key_with_a_hint),
        cmocka_unit_test(a_bad_value_names_file_line_and_key),
        cmocka_unit_test(program_modes_are_refused_in_a_file),
        cmocka_unit_test(a_repeated_key_adds_up_within_a_source_and_a_later_source_replaces_it),
        cmocka_unit_test(every_setting_is_accepted_as_a_key),
        cmocka_unit_test(the_token_comes_from_its_file_or_the_environment_and_is_never_described),
        cmocka_unit_test(the_shipped_example_is_valid_with_every_setting_on),
        cmocka_unit_test(a_reload_needs_a_restart_only_for_the_window_settings),
        cmocka_unit_test(a_reload_keeps_the_running_window_settings_and_takes_the_rest),
        cmocka_unit_test(the_log_line_writes_each_changed_setting_as_its_option),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
