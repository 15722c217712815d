#!/usr/bin/env python3
"""bench_mem: PSS of the running kiosk at 1920x1080 and 3840x2160 under Xvfb,
next to a bare SDL window of the same size that draws nothing
(bench_app_bare_window), same run, same renderer: OpenGL (Mesa's llvmpipe
where there is no GPU) and SDL's software renderer without GL.
Target: kiosk <= bare + 16 MiB, also while auto-rotating.

With --rotate S the kiosk rotates through its views every S seconds and its
PSS is sampled every half second for --watch seconds (two rounds of the demo
feed's five views by default): the highest sample is reported, the caches
then hold what rotation makes them hold.

usage: bench_mem.py [--kiosk PATH] [--bare PATH] [--feed FEED] [--renderer gpu|software|both]
                    [--rotate S [--watch SECONDS]] [--runs N]"""
import statistics
import argparse
import time

from bench_app_common import DEMO, Program, Xvfb, default_binary, kiosk_env


def pss_of(argv, env, watch=0.0):
    p = Program(argv, env)
    try:
        p.wait_for("first frame presented")
        time.sleep(3.0)
        peak = p.pss_kib()
        end = time.monotonic() + watch
        while time.monotonic() < end:
            time.sleep(0.5)
            peak = max(peak, p.pss_kib())
        return peak
    finally:
        p.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kiosk", default=None)
    ap.add_argument("--bare", default=None)
    ap.add_argument("--feed", default=DEMO)
    ap.add_argument("--renderer", default="both", choices=["gpu", "software", "both"])
    ap.add_argument("--rotate", type=float, default=0.0)
    ap.add_argument("--watch", type=float, default=None)
    ap.add_argument("--runs", type=int, default=1, help="report the median of this many runs")
    ap.add_argument("--sizes", default="1920x1080,3840x2160")
    a = ap.parse_args()
    watch = a.watch if a.watch is not None else (a.rotate * 10 + 2 if a.rotate > 0 else 0.0)
    kiosk = a.kiosk or default_binary("okr-kiosk")
    bare = a.bare or default_binary("bench_app_bare_window")
    renderers = ["gpu", "software"] if a.renderer == "both" else [a.renderer]
    for size in a.sizes.split(","):
        w, h = (int(v) for v in size.split("x"))
        x = Xvfb(w, h)
        try:
            for renderer in renderers:
                env = kiosk_env(display=x.display)
                bare_env = dict(env)
                if renderer == "software":
                    # what okr-kiosk --renderer software sets
                    bare_env["SDL_RENDER_DRIVER"] = "software"
                    bare_env["SDL_FRAMEBUFFER_ACCELERATION"] = "0"
                ks, bs = [], []
                for _ in range(a.runs):
                    bs.append(pss_of([bare, size], bare_env))
                    ks.append(pss_of([kiosk, "--feed", a.feed, "--windowed", size, "--rotate", "%g" % a.rotate,
                                      "-v", "--renderer", renderer], env, watch))
                k, b = statistics.median(ks), statistics.median(bs)
                diffs = sorted((kk - bb) / 1024 for kk, bb in zip(ks, bs))
                diff = statistics.median(diffs)
                what = "rotating every %g s, peak over %.0f s" % (a.rotate, watch) if a.rotate > 0 else "settled"
                print("PSS at %s, %s renderer, %s: kiosk %.1f MiB, bare window %.1f MiB, difference %.1f MiB"
                      " (medians of %d runs; differences %s)" % (size, renderer, what, k / 1024, b / 1024, diff,
                                                    a.runs, " ".join("%+.1f" % d for d in diffs)))
        finally:
            x.close()

if __name__ == "__main__":
    main()
