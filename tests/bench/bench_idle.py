#!/usr/bin/env python3
"""bench_idle: CPU used by an idle kiosk (nothing animating, rotation off)
over a window of seconds, under Xvfb (x11 driver, event waits) and with
SDL_VIDEODRIVER=dummy (the semaphore wait the kmsdrm path uses).
Target: <= 0.05 % of one core.

usage: bench_idle.py [--kiosk PATH] [--seconds 30] [--feed FEED]"""
import argparse
import os
import time

from bench_app_common import DEMO, Program, Xvfb, default_binary, kiosk_env


def measure(kiosk, feed, seconds, env, now, renderer):
    extra = (["--now", now] if now else []) + ["--renderer", renderer]
    p = Program([kiosk, "--feed", feed, "--windowed", "1920x1080", "--rotate", "0", "-v"] + extra, env)
    try:
        p.wait_for("first frame presented")
        time.sleep(3.0)  # the first sweep (800 ms) and any expose redraws settle
        t0, c0 = time.monotonic(), p.cpu_ticks()
        time.sleep(seconds)
        t1, c1 = time.monotonic(), p.cpu_ticks()
        return (c1 - c0) / os.sysconf("SC_CLK_TCK") / (t1 - t0) * 100.0, c1 - c0
    finally:
        p.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kiosk", default=None)
    ap.add_argument("--feed", default=DEMO)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--no-clock", action="store_true",
                    help="start the clock at hh:mm:05 (--now) so no minute change, and so no clock "
                         "redraw, falls inside a window of up to 50 s: the loop's own idle cost")
    ap.add_argument("--renderer", default="auto", choices=["auto", "gpu", "software"])
    a = ap.parse_args()
    now = "2026-11-26T09:30:05Z" if a.no_clock else None
    kiosk = a.kiosk or default_binary("okr-kiosk")
    note = ", no clock minute inside" if a.no_clock else ""
    x = Xvfb(1920, 1080)
    try:
        pct, ticks = measure(kiosk, a.feed, a.seconds, kiosk_env(display=x.display), now, a.renderer)
        print("idle CPU, x11 (Xvfb), renderer " + a.renderer + ", %.0f s%s: %.3f %% (%d ticks)" % (a.seconds, note, pct, ticks))
    finally:
        x.close()
    pct, ticks = measure(kiosk, a.feed, a.seconds, kiosk_env(driver="dummy"), now, a.renderer)
    print("idle CPU, dummy driver, %.0f s%s: %.3f %% (%d ticks)" % (a.seconds, note, pct, ticks))


if __name__ == "__main__":
    main()
