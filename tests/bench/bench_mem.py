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

Each run also reports the peak of anonymous memory (heap, texture pixels,
stacks): it is the kiosk's own and does not move with what other processes
map, so it compares builds even on a busy machine.

With --same-libraries the bare window is also run with every shared library
the kiosk links and it does not (libcurl and its TLS, LDAP, SSH and Kerberos
libraries, SQLite, SDL_ttf with HarfBuzz and FreeType, fontconfig...) loaded
into it (LD_PRELOAD): their code, relocations and start-up run, nothing of
them used. The kiosk's difference to that window is what the kiosk itself
holds (textures, fonts, feed, history, heap); the rest of the difference to
the plain window is the price of those libraries on this machine.

With --history-compare the kiosk runs with --history off and with a history
file holding a quarter of hourly samples of every element of the feed (made
with --check --record, then filled in with SQLite): target on <= off + 4 MiB.

usage: bench_mem.py [--kiosk PATH] [--bare PATH] [--feed FEED] [--renderer gpu|software|both]
                    [--rotate S [--watch SECONDS]] [--runs N] [--same-libraries] [--history-compare]"""
import statistics
import argparse
import os
import sqlite3
import subprocess
import tempfile
import time

from bench_app_common import DEMO, Program, Xvfb, default_binary, kiosk_env


def pss_of(argv, env, watch=0.0, anon=None):
    """Highest PSS (KiB) from 3 s after the first frame over watch seconds;
    the highest anonymous memory is appended to anon when given."""
    p = Program(argv, env)
    try:
        p.wait_for("first frame presented")
        time.sleep(3.0)
        peak, peak_anon = p.pss_kib(), p.anon_kib()
        end = time.monotonic() + watch
        while time.monotonic() < end:
            time.sleep(0.5)
            peak = max(peak, p.pss_kib())
            peak_anon = max(peak_anon, p.anon_kib())
        if anon is not None:
            anon.append(peak_anon)
        return peak
    finally:
        p.stop()


def linked_libraries(binary):
    """Paths of the shared libraries binary loads (ldd), in load order."""
    out = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True).stdout
    libs = []
    for line in out.splitlines():
        parts = line.split("=>")
        if len(parts) == 2 and parts[1].strip().startswith("/"):
            libs.append(parts[1].split("(")[0].strip())
    return libs


def quarter_history(kiosk, feed, env):
    """A history file with 92 days of hourly samples of every element."""
    path = os.path.join(tempfile.mkdtemp(prefix="okr-bench-hist-"), "history.db")
    now = int(time.time())
    subprocess.run([kiosk, "--check", feed, "--record", "--history", path], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    db = sqlite3.connect(path)
    feed_id, = db.execute("SELECT id FROM feed").fetchone()
    elements = [e for e, in db.execute("SELECT id FROM element")]
    rows = []
    for h in range(92 * 24):
        at = now - (92 * 24 - h) * 3600
        for i, e in enumerate(elements):
            rows.append((feed_id, at, e, (h + i) % 100 / 100.0, h + i, None, 2, at))
    db.executemany("INSERT OR IGNORE INTO sample VALUES (?,?,?,?,?,?,?,?)", rows)
    db.commit()
    db.close()
    return path, len(rows)


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
    ap.add_argument("--same-libraries", action="store_true",
                    help="also against a bare window with the kiosk's libraries loaded")
    ap.add_argument("--history-compare", action="store_true",
                    help="PSS with --history off against a quarter of hourly history")
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
                if a.history_compare:
                    path, n = quarter_history(kiosk, a.feed, env)
                    offs, ons = [], []
                    base = [kiosk, "--feed", a.feed, "--windowed", size, "-v", "--renderer", renderer]
                    for _ in range(a.runs):
                        offs.append(pss_of(base + ["--history", "off"], env))
                        ons.append(pss_of(base + ["--history", path], env))
                    diffs = sorted((on - off) / 1024 for on, off in zip(ons, offs))
                    print("PSS at %s, %s renderer: history off %.1f MiB, on (%d samples) %.1f MiB, "
                          "difference %.2f MiB (medians of %d runs; differences %s)"
                          % (size, renderer, statistics.median(offs) / 1024, n, statistics.median(ons) / 1024,
                             statistics.median(diffs), a.runs, " ".join("%+.2f" % d for d in diffs)))
                    continue
                ks, bs, ls, k_anon, b_anon = [], [], [], [], []
                libs_env = dict(bare_env)
                own = set(linked_libraries(bare))
                libs_env["LD_PRELOAD"] = ":".join(l for l in linked_libraries(kiosk) if l not in own)
                for _ in range(a.runs):
                    bs.append(pss_of([bare, size], bare_env, anon=b_anon))
                    if a.same_libraries:
                        ls.append(pss_of([bare, size], libs_env))
                    ks.append(pss_of([kiosk, "--feed", a.feed, "--windowed", size, "--rotate", "%g" % a.rotate,
                                      "-v", "--renderer", renderer], env, watch, anon=k_anon))
                k, b = statistics.median(ks), statistics.median(bs)
                diffs = sorted((kk - bb) / 1024 for kk, bb in zip(ks, bs))
                diff = statistics.median(diffs)
                what = "rotating every %g s, peak over %.0f s" % (a.rotate, watch) if a.rotate > 0 else "settled"
                print("PSS at %s, %s renderer, %s: kiosk %.1f MiB, bare window %.1f MiB, difference %.1f MiB"
                      " (medians of %d runs; differences %s)" % (size, renderer, what, k / 1024, b / 1024, diff,
                                                    a.runs, " ".join("%+.1f" % d for d in diffs)))
                anon_diffs = sorted((kk - bb) / 1024 for kk, bb in zip(k_anon, b_anon))
                print("  anonymous memory (heap, textures, stacks; not moved by other processes): kiosk %.1f MiB, "
                      "bare window %.1f MiB, difference %.1f MiB (differences %s)"
                      % (statistics.median(k_anon) / 1024, statistics.median(b_anon) / 1024,
                         statistics.median(anon_diffs), " ".join("%+.1f" % d for d in anon_diffs)))
                if ls:
                    own_diffs = sorted((kk - ll) / 1024 for kk, ll in zip(ks, ls))
                    print("  against the bare window with the kiosk's %d libraries loaded (%.1f MiB): difference "
                          "%.1f MiB (differences %s); the libraries alone: %+.1f MiB"
                          % (len(libs_env["LD_PRELOAD"].split(":")), statistics.median(ls) / 1024,
                             statistics.median(own_diffs), " ".join("%+.1f" % d for d in own_diffs),
                             (statistics.median(ls) - b) / 1024))
        finally:
            x.close()

if __name__ == "__main__":
    main()
