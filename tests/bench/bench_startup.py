#!/usr/bin/env python3
"""bench_startup: time from process start to the first presented frame with a
local feed, under Xvfb at 1920x1080. Reports the median over runs of both the
kiosk's own figure (logged at the first present, measured from main) and the
time from spawning the process to that log line. Target: <= 150 ms.

usage: bench_startup.py [--kiosk PATH] [--runs 11] [--feed FEED] [--driver dummy]"""
import argparse
import re
import statistics

from bench_app_common import DEMO, Program, Xvfb, default_binary, kiosk_env


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kiosk", default=None)
    ap.add_argument("--feed", default=DEMO)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--driver", default=None, help="SDL video driver instead of Xvfb (e.g. dummy)")
    ap.add_argument("--renderer", default="auto", choices=["auto", "gpu", "software"])
    a = ap.parse_args()
    kiosk = a.kiosk or default_binary("okr-kiosk")
    x = None if a.driver else Xvfb(1920, 1080)
    inside, outside = [], []
    try:
        for run in range(a.runs + 1):  # run 0 warms the shader and font caches
            env = kiosk_env(display=x.display if x else None, driver=a.driver)
            p = Program([kiosk, "--feed", a.feed, "--windowed", "1920x1080", "--rotate", "0", "-v",
                         "--renderer", a.renderer], env)
            try:
                spawn_ms = p.wait_for("first frame presented") * 1000.0
                m = re.search(r"first frame presented after ([0-9.]+) ms", p.text())
                if run > 0:
                    outside.append(spawn_ms)
                    inside.append(float(m.group(1)))
            finally:
                p.stop()
    finally:
        if x:
            x.close()
    where = "%s, renderer %s" % (a.driver or "x11 (Xvfb)", a.renderer)
    print("start-up to first frame, %s, median of %d: %.1f ms from main, %.1f ms from spawn "
          "(min %.1f, max %.1f)" % (where, a.runs, statistics.median(inside), statistics.median(outside),
                                   min(outside), max(outside)))


if __name__ == "__main__":
    main()
