/*
 * bench_parse: how long parse + validate + score takes for feeds of about
 * 1, 2 and 4 MB (100, 200 and 400 objectives of 20 key results, ~500 bytes
 * each) and for the bundled demo feed. Prints the median of 21 runs each, as
 * wall-clock time and as this thread's CPU time (steadier on a busy machine).
 *
 * The 1 MB feed stays within the default limits (100 objectives, 25 key
 * results each); the 2 and 4 MB feeds raise the objective limit so every
 * size does the same work per key result and linearity is visible.
 * Target: <= 10 ms for 1 MB on a Raspberry-Pi-class or better machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "okr_parse.h"

#define RUNS 21
#define KRS_PER_OBJECTIVE 20

static BenchBuf generate(int objectives)
{
    BenchBuf b = {0};
    bench_put(
        &b,
        "{\"version\": 1, \"title\": \"Generated OKRs\", "
        "\"period\": {\"label\": \"Q4 2026\", \"start\": \"2026-10-01\", \"end\": \"2026-12-31\"}, "
        "\"updated_at\": \"2026-11-26T08:30:00Z\", \"objectives\": [\n");
    for (int o = 0; o < objectives; o++) {
        bench_put(
            &b,
            "%s{\"id\": \"obj-%04d\", \"title\": \"Build a new demand generation channel number %d\", "
            "\"owner\": \"Anna Lindqvist\", \"team\": \"Team %d\", \"weight\": 1, \"progress\": null, "
            "\"status\": null, \"key_results\": [\n",
            o ? ",\n" : "", o, o, o % 7);
        for (int k = 0; k < KRS_PER_OBJECTIVE; k++) {
            int falling = k % 5 == 4;
            bench_put(
                &b,
                "%s  {\"id\": \"kr-%04d-%02d\", \"title\": \"Increase MQLs attributed to inbound "
                "marketing from %d to %d in the partner channel\", \"start\": %d, \"current\": %.2f, "
                "\"target\": %d, \"unit\": \"MQLs\", \"direction\": \"%s\", \"weight\": %d, "
                "\"owner\": \"Ben Okafor\", \"confidence\": 0.%d, \"status\": null, "
                "\"updated_at\": \"2026-11-%02dT10:15:00Z\", \"note\": \"Weekly numbers come from "
                "the CRM export every Monday morning; see the funnel dashboard for the breakdown by source, "
                "campaign and region, and ask Ben before changing the target.\"}",
                k ? ",\n" : "", o, k, 20 + k, 30 + k, falling ? 30 + k : 20 + k,
                25 + k + (k % 13) * 0.37, falling ? 20 + k : 30 + k,
                falling ? "decrease" : "increase", 1 + k % 3, k % 10, 1 + (k % 26));
        }
        bench_put(
            &b,
            "],\n \"actions\": [{\"title\": \"Clean up CRM data\", \"done\": true, \"owner\": "
            "\"Cara Mendes\", \"due\": \"2026-10-15\"}, {\"title\": \"Build funnel dashboard\", "
            "\"done\": false, \"due\": \"2026-12-01\"}]}");
    }
    bench_put(&b, "\n]}\n");
    return b;
}


int main(int argc, char **argv)
{
    int rc = 0;
    const char *demo = argc > 1 ? argv[1] : OKR_SOURCE_DIR "/assets/demo-feed.json";
    BenchBuf d = bench_read_file(demo);
    if (d.data)
        rc |= bench_feed_run("demo feed", d.data, d.len, okr_feed_parse, RUNS, false);
    else
        fprintf(stderr, "cannot read %s\n", demo);
    free(d.data);
    const int sizes[] = {100, 200, 400};
    const char *names[] = {"~1 MB", "~2 MB", "~4 MB"};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        BenchBuf b = generate(sizes[i]);
        rc |= bench_feed_run(names[i], b.data, b.len, okr_feed_parse, RUNS, false);
        free(b.data);
    }
    return rc ? 1 : 0;
}
