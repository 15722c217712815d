#!/usr/bin/env python3
"""okr-kiosk --diagnose on this machine, as it is: under a real Xvfb (the x11
driver, Mesa's GL) and with no desktop at all (kmsdrm, which finds no DRM
card here). Checks the structure of the JSON, that the text and the JSON
agree, that the exit status follows the problems, and that each problem
carries what to do. Usage: diagnose_test.py OKR_KIOSK_BINARY"""
import json
import os
import subprocess
import sys
import tempfile
import okr_test_env

SECTIONS = ["okr-kiosk", "video", "drm", "input", "cec", "user", "config", "feed", "paths"]


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(binary, env, *args):
    p = subprocess.run([binary, "--diagnose"] + list(args), env=env, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def items(report, section):
    for s in report["sections"]:
        if s["name"] == section:
            return {i["label"]: i for i in s["items"]}
    fail("no section %s in %s" % (section, [s["name"] for s in report["sections"]]))


def check_report(binary, env, what):
    rc, out, err = run(binary, env, "--json")
    try:
        report = json.loads(out)
    except ValueError as e:
        fail("%s: --json is not JSON (%s): %s %s" % (what, e, out[:300], err[:300]))
    names = [s["name"] for s in report["sections"]]
    if names != SECTIONS:
        fail("%s: sections %s, want %s" % (what, names, SECTIONS))
    problems = 0
    for s in report["sections"]:
        for i in s["items"]:
            if set(i) != {"label", "value", "ok", "advice"}:
                fail("%s: item keys %s" % (what, sorted(i)))
            if i["ok"] != (i["advice"] is None):
                fail("%s: %s/%s: ok and advice disagree" % (what, s["name"], i["label"]))
            if not i["ok"]:
                problems += 1
                if len(i["advice"]) < 10:
                    fail("%s: %s has no real advice" % (what, i["label"]))
    if problems != report["problems"]:
        fail("%s: %d problem items, \"problems\": %d" % (what, problems, report["problems"]))
    if rc != (1 if problems else 0):
        fail("%s: exit %d with %d problems" % (what, rc, problems))
    rc_text, text, _ = run(binary, env)
    if rc_text != rc or text.count("PROBLEM ") != problems:
        fail("%s: the text disagrees with the JSON:\n%s" % (what, text))
    for s in SECTIONS:
        if ("\n%s\n" % s) not in ("\n" + text):
            fail("%s: the text has no heading %s" % (what, s))
    return report


def main():
    binary = sys.argv[1]
    okr_test_env.isolate_home()
    home = tempfile.mkdtemp(prefix="okr-diag-home-")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SDL_", "WAYLAND", "DISPLAY"))}
    base.update(HOME=home, XDG_CONFIG_HOME=home + "/config", XDG_CACHE_HOME=home + "/cache")

    # A desktop: an Xvfb of its own (not the DISPLAY this may run under), SDL's
    # x11 driver, a GL renderer.
    try:
        xvfb, display = okr_test_env.start_xvfb(1920, 1080)
    except RuntimeError as e:
        fail(str(e))
    try:
        env = dict(base, DISPLAY=display)
        r = check_report(binary, env, "x11")
        video = items(r, "video")
        if not video["driver"]["value"].startswith("x11 (DISPLAY=%s is set" % display):
            fail("x11: driver line %r" % video["driver"]["value"])
        if "started the x11 driver" not in video["SDL"]["value"]:
            fail("x11: SDL line %r" % video["SDL"]["value"])
        if "largest texture" not in video["renderer"]["value"]:
            fail("x11: renderer line %r" % video["renderer"]["value"])
        if "GL" in video and "version" not in video["GL"]["value"]:
            fail("x11: GL line %r" % video["GL"]["value"])
        if not items(r, "feed")["feed"]["value"].startswith("the demo feed"):
            fail("x11: feed line")
    finally:
        xvfb.terminate()  # not kill: SIGKILL leaves its socket file behind
        xvfb.wait()

    # No desktop: SDL would use kmsdrm; this machine has no DRM card, which
    # is a problem with advice; the feed is a file that does not exist.
    env = dict(base)
    env.pop("DISPLAY", None)
    rc, out, _ = run(binary, env, "--json", "--feed", home + "/missing.json")
    r = json.loads(out)
    video = items(r, "video")
    if not video["driver"]["value"].startswith("kmsdrm (no DISPLAY or WAYLAND_DISPLAY"):
        fail("console: driver line %r" % video["driver"]["value"])
    drm = items(r, "drm")
    if os.path.isdir("/sys/class/drm") and os.listdir("/sys/class/drm"):
        print("skipped the no-DRM check: this machine has DRM devices")
    elif drm["cards"]["ok"] or "vc4-kms-v3d" not in drm["cards"]["advice"]:
        fail("console: no card must be a problem naming vc4-kms-v3d: %r" % drm["cards"])
    feed = list(items(r, "feed").values())[0]
    if feed["ok"] or "cannot read it" not in feed["value"]:
        fail("console: a missing feed file must be a problem: %r" % feed)
    if rc != 1:
        fail("console: exit %d with problems" % rc)
    print("ok: --diagnose under Xvfb and on a machine without DRM")


if __name__ == "__main__":
    main()
