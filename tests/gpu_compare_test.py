#!/usr/bin/env python3
"""The GPU path against the software path, picture by picture.

usage: gpu_compare_test.py BIN DEMO_FEED LONG_TITLES_FEED OUTDIR

Every view (overview, objective focus, team, help) of the demo feed at
1920x1080, its overview and focus at 3840x2160, and the overview and focus of
the feed with the longest titles the parser keeps at 3840x2160 are rendered
twice:
`--screenshot` with SDL's software renderer, and `--screenshot --renderer
gpu`, which draws through OpenGL in a hidden window (here Mesa's llvmpipe in
an Xvfb started for the test) with OKR_MAX_TEXTURE_SIZE=2048, a Raspberry Pi
3's texture limit, so the text cut into pieces and the turned frame drawn
smaller are the code paths CI runs. The pictures must be alike within the
tolerance of the arm64 comparison (tests/png_compare.py defaults). A turned
4K frame is over the limit: both renderers draw it at 1152x2048 and scale it
up when turning it, each with its own filter, so there edges may move by
2 pixels instead of 1. The PNGs stay in OUTDIR to look at. Last, the kiosk
itself, turned by 90 degrees in a 1280x720 window with a limit of 512, must
lay its frame out at 288x512 (720 x 512 / 1280) and present it.
"""
import concurrent.futures
import os
import re
import subprocess
import sys
import okr_test_env

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = "2026-11-26T09:30:05Z"
LIMIT = "2048"


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def start_xvfb():
    try:
        return okr_test_env.start_xvfb(3840, 2160)
    except RuntimeError as e:
        fail(str(e))


def shot(binary, feed, out, size, view, display, extra=()):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("SDL_VIDEODRIVER", None)
    env.pop("OKR_MAX_TEXTURE_SIZE", None)
    argv = [binary, "--feed", feed, "--now", NOW, "--screenshot", out, "--size", size, "--view", view]
    argv += list(extra)
    if display or extra:
        env["OKR_MAX_TEXTURE_SIZE"] = LIMIT  # turned: both draw the frame smaller
    if display:
        env["DISPLAY"] = display
        argv += ["--renderer", "gpu", "-v"]
    p = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    if p.returncode != 0 or not os.path.exists(out):
        fail("%s exited %d:\n%s" % (" ".join(argv), p.returncode, p.stderr))
    return p.stderr


def kiosk_turned(binary, feed, display):
    env = dict(os.environ)
    env.pop("SDL_VIDEODRIVER", None)
    env["DISPLAY"] = display
    env["OKR_MAX_TEXTURE_SIZE"] = "512"
    p = subprocess.Popen([binary, "--feed", feed, "--now", NOW, "--windowed", "1280x720", "--orientation", "90",
                          "--renderer", "gpu", "-v"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True)
    try:
        _, out = p.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        p.terminate()
        _, out = p.communicate(timeout=10)
    want = "turned frame 720x1280 is over the GPU's texture limit 512x512: drawn at 288x512 and scaled up"
    if want not in out or "first frame presented" not in out:
        fail("the turned kiosk did not draw a smaller frame; log:\n" + out)


def main():
    okr_test_env.isolate_home()
    if len(sys.argv) != 5:
        fail(__doc__)
    binary, demo, long_titles, outdir = sys.argv[1:]
    os.makedirs(outdir, exist_ok=True)
    cases = []
    for view in ("overview", "objective:1", "team:Web", "help"):
        cases.append(("demo", demo, "1920x1080", view, ()))
    for view in ("overview", "objective:1"):
        cases.append(("demo", demo, "3840x2160", view, ()))
    for view in ("overview", "objective:1"):
        cases.append(("long", long_titles, "3840x2160", view, ()))
    # turned: 2160 x 3840 is over the limit, drawn at 1152 x 2048 and scaled up
    cases.append(("demo", demo, "3840x2160", "overview", ("--orientation", "90")))
    xvfb, display = start_xvfb()
    bad = []

    def compare(tag, sw, gl, shift):
        cmp = subprocess.run([sys.executable, os.path.join(HERE, "png_compare.py"), "--shift", shift, sw, gl],
                             capture_output=True, text=True)
        return tag, cmp.returncode, cmp.stdout.strip() or cmp.stderr.strip()

    # the comparisons (pure Python, the slow part) run beside the next shots
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        jobs = []
        try:
            for name, feed, size, view, extra in cases:
                tag = "%s-%s-%s%s" % (name, view.replace(":", ""), size, "-turned" if extra else "")
                sw, gl = os.path.join(outdir, tag + "-software.png"), os.path.join(outdir, tag + "-gpu.png")
                shot(binary, feed, sw, size, view, None, extra)
                log = shot(binary, feed, gl, size, view, display, extra)
                if "renderer opengl" not in log or "max texture %sx%s" % (LIMIT, LIMIT) not in log:
                    fail("%s: not drawn by OpenGL with the %s limit:\n%s" % (tag, LIMIT, log))
                # what -v adds is an info line; an error line would tell the
                # journal (and anyone grepping ^error) that something failed
                info_line = re.search(r"^info: video \S+, renderer opengl", log, re.M)
                if not info_line or re.search(r"^error:", log, re.M):
                    fail("%s: -v's renderer line is not an info line, or an error was logged:\n%s" % (tag, log))
                jobs.append(pool.submit(compare, tag, sw, gl, "2" if extra else "1"))
            kiosk_turned(binary, demo, display)
        finally:
            xvfb.terminate()
            xvfb.wait()
        for job in jobs:
            tag, rc, line = job.result()
            print("%s: %s" % (tag, line))
            if rc != 0:
                bad.append(tag)
    if bad:
        fail("the GPU pictures differ from the software ones: %s (PNGs in %s)" % (", ".join(bad), outdir))
    print("ok: %d views alike through OpenGL with a %s texture limit" % (len(cases), LIMIT))


if __name__ == "__main__":
    main()
