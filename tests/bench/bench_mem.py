#!/usr/bin/env python3
"""bench_mem: PSS of the running kiosk at 1920x1080 and 3840x2160 under Xvfb,
next to a bare SDL window of the same size that draws nothing
(bench_app_bare_window), same run. Target: kiosk <= bare + 16 MiB.

usage: bench_mem.py [--kiosk PATH] [--bare PATH] [--feed FEED]"""
import argparse
import time

from bench_app_common import DEMO, Program, Xvfb, default_binary, kiosk_env


def pss_of(argv, env):
    p = Program(argv, env)
    try:
        p.wait_for("first frame presented")
        time.sleep(3.0)
        return p.pss_kib()
    finally:
        p.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kiosk", default=None)
    ap.add_argument("--bare", default=None)
    ap.add_argument("--feed", default=DEMO)
    ap.add_argument("--render-driver", default=None,
                    help="SDL_RENDER_DRIVER for both programs, e.g. software (no llvmpipe JIT)")
    a = ap.parse_args()
    kiosk = a.kiosk or default_binary("okr-kiosk")
    bare = a.bare or default_binary("bench_app_bare_window")
    for w, h in ((1920, 1080), (3840, 2160)):
        x = Xvfb(w, h)
        try:
            env = kiosk_env(display=x.display)
            if a.render_driver:
                env["SDL_RENDER_DRIVER"] = a.render_driver
            size = "%dx%d" % (w, h)
            b = pss_of([bare, size], env)
            k = pss_of([kiosk, "--feed", a.feed, "--windowed", size, "--rotate", "0", "-v"], env)
            print("PSS at %s (%s): kiosk %.1f MiB, bare window %.1f MiB, difference %.1f MiB"
                  % (size, a.render_driver or "default renderer", k / 1024, b / 1024, (k - b) / 1024))
        finally:
            x.close()


if __name__ == "__main__":
    main()
