#!/usr/bin/env python3
"""bench_mem: PSS of the running kiosk at 1920x1080 and 3840x2160 under Xvfb,
next to a bare SDL window of the same size that draws nothing
(bench_app_bare_window), same run, same renderer: OpenGL (Mesa's llvmpipe
where there is no GPU) and SDL's software renderer without GL.
Target: kiosk <= bare + 16 MiB.

usage: bench_mem.py [--kiosk PATH] [--bare PATH] [--feed FEED] [--renderer gpu|software|both]"""
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
    ap.add_argument("--renderer", default="both", choices=["gpu", "software", "both"])
    a = ap.parse_args()
    kiosk = a.kiosk or default_binary("okr-kiosk")
    bare = a.bare or default_binary("bench_app_bare_window")
    renderers = ["gpu", "software"] if a.renderer == "both" else [a.renderer]
    for w, h in ((1920, 1080), (3840, 2160)):
        x = Xvfb(w, h)
        try:
            for renderer in renderers:
                env = kiosk_env(display=x.display)
                bare_env = dict(env)
                if renderer == "software":
                    # what okr-kiosk --renderer software sets
                    bare_env["SDL_RENDER_DRIVER"] = "software"
                    bare_env["SDL_FRAMEBUFFER_ACCELERATION"] = "0"
                size = "%dx%d" % (w, h)
                b = pss_of([bare, size], bare_env)
                k = pss_of([kiosk, "--feed", a.feed, "--windowed", size, "--rotate", "0", "-v",
                            "--renderer", renderer], env)
                print("PSS at %s, %s renderer: kiosk %.1f MiB, bare window %.1f MiB, difference %.1f MiB"
                      % (size, renderer, k / 1024, b / 1024, (k - b) / 1024))
        finally:
            x.close()


if __name__ == "__main__":
    main()
