/*
 * burnin: the slow pixel orbit and night dimming (see burnin.h for why).
 *
 * The path is a Hamiltonian cycle on an n x n grid (n = 2A, even, so such a
 * cycle exists): along the bottom row, then a serpentine through columns
 * 1..n-1 upwards, then down column 0 back to the start. Consecutive positions
 * are one pixel apart, including the wrap from the last to the first.
 */
#include "burnin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int burnin_amplitude_px(int short_side_px)
{
    int a = (int)((int64_t)short_side_px * 4 / 1000);
    return a < 1 ? 1 : a;
}

int burnin_cycle_steps(int short_side_px)
{
    int n = 2 * burnin_amplitude_px(short_side_px);
    return n * n;
}

static void cycle_position(int64_t k, int n, int *x, int *y)
{
    int64_t body = (int64_t)(n - 1) * (n - 1);
    if (k < n) {
        *x = (int)k;
        *y = 0;
    } else if (k < n + body) {
        int64_t r = k - n;
        int row = 1 + (int)(r / (n - 1));
        int c = (int)(r % (n - 1));
        *x = (row % 2) ? n - 1 - c : 1 + c;
        *y = row;
    } else {
        int64_t r = k - n - body;
        *x = 0;
        *y = n - 1 - (int)r;
    }
}

void burnin_offset(int64_t now_s, int short_side_px, float *dx, float *dy)
{
    int a = burnin_amplitude_px(short_side_px);
    int n = 2 * a;
    int64_t steps = (int64_t)n * n;
    int64_t step = now_s / BURNIN_PERIOD_S - (now_s % BURNIN_PERIOD_S < 0);
    int64_t k = step % steps;
    if (k < 0)
        k += steps;
    int x, y;
    cycle_position(k, n, &x, &y);
    *dx = (float)(x - a);
    *dy = (float)(y - a);
}

int64_t burnin_next_change(int64_t now_s)
{
    int64_t step = now_s / BURNIN_PERIOD_S - (now_s % BURNIN_PERIOD_S < 0);
    return (step + 1) * BURNIN_PERIOD_S;
}

int burnin_dim_parse(const char *spec, BurninDim *out, char *err, size_t errlen)
{
    char buf[512];
    memset(out, 0, sizeof *out);
    out->level = 1.0f;
    schedule_init(&out->when);

    size_t len = strlen(spec);
    while (len && (spec[len - 1] == ' ' || spec[len - 1] == '\t'))
        len--;
    size_t lead = strspn(spec, " \t");
    if (len <= lead || (len - lead == 3 && strncasecmp(spec + lead, "off", 3) == 0))
        return 0;
    if (len >= sizeof buf) {
        snprintf(err, errlen, "dim: too long");
        return -1;
    }
    memcpy(buf, spec, len);
    buf[len] = '\0';

    /* The last word is the brightness: "40%" or "40 %". */
    char *pct = strrchr(buf, '%');
    if (!pct || pct[1] != '\0') {
        snprintf(err, errlen,
                 "dim: expected hours then a brightness, e.g. "
                 "'22:00-06:00 40%%'");
        return -1;
    }
    *pct = '\0';
    char *num = pct;
    while (num > buf && (num[-1] == ' ' || num[-1] == '\t'))
        *--num = '\0';
    while (num > buf && ((num[-1] >= '0' && num[-1] <= '9') || num[-1] == '.'))
        num--;
    char *end;
    double v = strtod(num, &end);
    if (num == end || *end != '\0' || v < 5 || v > 100) {
        snprintf(err, errlen, "dim: brightness must be 5%% to 100%%");
        return -1;
    }
    *num = '\0';
    if (strspn(buf, " \t,;") == strlen(buf)) {
        snprintf(err, errlen, "dim: no hours given, e.g. '22:00-06:00 40%%'");
        return -1;
    }
    char serr[256];
    if (schedule_add(&out->when, buf, serr, sizeof serr) != 0) {
        snprintf(err, errlen, "dim: %s", serr);
        return -1;
    }
    out->level = (float)(v / 100.0);
    out->enabled = out->when.count > 0;
    return 0;
}

float burnin_dim_factor(const BurninDim *d, const struct tm *local)
{
    if (!d->enabled || !schedule_is_on(&d->when, local))
        return 1.0f;
    return d->level;
}
