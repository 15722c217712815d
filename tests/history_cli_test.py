#!/usr/bin/env python3
"""The history from the command line: --check --record at --now, --check
--json's deltas since the last standup (TZ=Europe/Berlin, standup mon-fri
09:30 = 08:30 UTC in November), --history-export, --history off.

usage: history_cli_test.py OKR_KIOSK"""
import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import okr_test_env

KIOSK = sys.argv[1]
okr_test_env.isolate_home()
failed = 0


def check(ok, what):
    global failed
    print("%s %s" % ("ok  " if ok else "FAIL", what))
    failed += 0 if ok else 1


def feed(path, current, updated):
    with open(path, "w") as f:
        json.dump({"version": 1, "title": "T",
                   "period": {"label": "Q4", "start": "2026-10-01", "end": "2026-12-31"},
                   "objectives": [{"id": "o1", "title": "Grow", "key_results": [
                       {"id": "a", "title": "Signups", "start": 0, "current": current, "target": 100,
                        "updated_at": updated}]}]}, f)


def run(*args, cwd=None):
    env = dict(os.environ, TZ="Europe/Berlin")
    return subprocess.run([KIOSK] + list(args), env=env, capture_output=True, text=True, timeout=60,
                          cwd=cwd)


with tempfile.TemporaryDirectory() as d:
    f, db = os.path.join(d, "feed.json"), os.path.join(d, "h.db")
    common = ["--history", db, "--standup", "mon-fri 09:30"]
    # Before any history: --json has no deltas and creates no file.
    feed(f, 40, "2026-11-23T08:00:00Z")
    p = run("--check", f, "--json", "--now", "2026-11-24T07:00:00Z", *common)
    check(p.returncode == 0 and "since" not in json.loads(p.stdout), "--json without a history has no deltas")
    check(not os.path.exists(db), "--json does not create the history")
    # Tue 08:00 local: 40 %. Tue 13:00 local: 48 %, updated that day.
    p = run("--check", f, "--record", "--now", "2026-11-24T07:00:00Z", *common)
    check(p.returncode == 0 and "recorded 2 samples" in p.stderr, "first --record writes the objective and the KR")
    feed(f, 48, "2026-11-24T11:00:00Z")
    p = run("--check", f, "--record", "--now", "2026-11-24T12:00:00Z", *common)
    check(p.returncode == 0 and "recorded 2 samples" in p.stderr, "a change writes both again")
    p = run("--check", f, "--record", "--now", "2026-11-24T13:00:00Z", *common)
    check(p.returncode == 0 and "recorded 0 samples" in p.stderr, "the same values write nothing")
    # Wed 11:00 local: since Tue 09:30 (08:30 UTC), when 40 % was in force: +8.
    p = run("--check", f, "--json", "--now", "2026-11-25T10:00:00Z", *common)
    j = json.loads(p.stdout)
    check(j.get("since", {}).get("reference") == "2026-11-24T08:30:00Z", "reference is Tuesday's standup")
    kr = j["objectives"][0]["key_results"][0]
    check(kr["delta"]["points"] == 8 and kr["delta"]["has_before"], "the KR moved +8 points")
    check(kr["delta"]["no_update"] is False, "updated after the standup: not 'no update since'")
    check(j["objectives"][0]["delta"]["points"] == 8, "the objective moved +8 points too")
    # Tue 11:00 local: since Mon 09:30, before anything was recorded.
    p = run("--check", f, "--json", "--now", "2026-11-24T10:00:00Z", *common)
    kr = json.loads(p.stdout)["objectives"][0]["key_results"][0]
    check(kr["delta"]["has_before"] is False and kr["delta"]["points"] is None,
          "nothing recorded before Monday's standup: no points")
    check(kr["delta"]["no_update"] is False, "updated Tuesday, after Monday's standup: updated")
    # Thu 11:00 local: since Wed 09:30; nothing moved since, updated Tue.
    p = run("--check", f, "--json", "--now", "2026-11-26T10:00:00Z", *common)
    kr = json.loads(p.stdout)["objectives"][0]["key_results"][0]
    check(kr["delta"]["points"] == 0 and kr["delta"]["no_update"] is True, "Thursday: 0 points, no update since Wed")
    # Export: one row per sample.
    out = os.path.join(d, "out.csv")
    p = run("--history-export", out, "--history", db)
    rows = list(csv.DictReader(open(out))) if p.returncode == 0 else []
    check(len(rows) == 4, "--history-export writes 4 rows (got %d)" % len(rows))
    check(rows and rows[0]["element"] == "k:a" and rows[0]["progress_pct"] == "40"
          and rows[0]["at"] == "2026-11-24T07:00:00Z", "rows carry element, time and progress")
    # --history off.
    p = run("--check", f, "--record", "--history", "off")
    check(p.returncode == 2 and "no history" in p.stderr, "--record with --history off says why")
    p = run("--history-export", out, "--history", os.path.join(d, "none.db"))
    check(p.returncode == 2 and "no history at" in p.stderr, "--history-export without a file says so")

# Samples from the future: a history that holds a later sample (recorded at a
# later --now, or by a clock that ran ahead) shows at an earlier "now" exactly
# what a history without it shows: the feed's own status and values, and
# deltas from what was in force at the reference. Thu 11:00 local, since Wed
# 09:30: 40 % recorded Monday is in force then, the feed says 48 %: +8.
with tempfile.TemporaryDirectory() as d:
    f = os.path.join(d, "feed.json")
    db, db_past = os.path.join(d, "with-future.db"), os.path.join(d, "past-only.db")
    common = ["--standup", "mon-fri 09:30"]
    NOW, LATER = "2026-11-26T10:00:00Z", "2026-12-20T10:00:00Z"
    feed(f, 40, "2026-11-23T07:00:00Z")
    for path in (db, db_past):
        run("--check", f, "--record", "--now", "2026-11-23T07:00:00Z", "--history", path, *common)
    feed(f, 10, "2026-12-20T09:00:00Z")
    p = run("--check", f, "--record", "--now", LATER, "--history", db, *common)
    check(p.returncode == 0 and "recorded 2 samples" in p.stderr, "a sample recorded on Dec 20")
    later = json.loads(run("--check", f, "--json", "--now", LATER, "--history", "off").stdout)
    feed(f, 48, "2026-11-25T11:00:00Z")
    plain = json.loads(run("--check", f, "--json", "--now", NOW, "--history", "off").stdout)
    status_now = plain["objectives"][0]["key_results"][0]["status"]
    check(status_now != later["objectives"][0]["key_results"][0]["status"],
          "the Dec 20 sample's status (%s) differs from the feed's now (%s)"
          % (later["objectives"][0]["key_results"][0]["status"], status_now))
    a = json.loads(run("--check", f, "--json", "--now", NOW, "--history", db, *common).stdout)
    b = json.loads(run("--check", f, "--json", "--now", NOW, "--history", db_past, *common).stdout)
    kr = a["objectives"][0]["key_results"][0]
    check(kr["status"] == status_now and kr["percent"] == 48,
          "--json shows the feed's status and value now, not Dec 20's (%s, %s)" % (kr["status"], kr["percent"]))
    check(kr["delta"]["has_before"] and kr["delta"]["points"] == 8, "the delta is +8 from Monday's 40 %")
    check(a == b, "--json is the same as from a history without the later sample")
    for view in ("overview", "changes", "objective:1"):
        shots = []
        for path in (db, db_past, "off"):
            out = os.path.join(d, "%s-%s.png" % (view.replace(":", ""), os.path.basename(path)))
            env = dict(os.environ, TZ="Europe/Berlin")
            env.pop("DISPLAY", None)
            p = subprocess.run([KIOSK, "--feed", f, "--screenshot", out, "--size", "1280x720", "--view", view,
                                "--now", NOW, "--history", path] + common, env=env, capture_output=True,
                               text=True, timeout=60)
            shots.append(open(out, "rb").read() if p.returncode == 0 and os.path.exists(out) else None)
        check(shots[0] is not None and shots[0] == shots[1],
              "--screenshot --view %s is the same picture as without the later sample" % view)
        check(shots[0] != shots[2], "and it shows the history (it differs from --history off)")
    # A --record at an earlier --now is a backfill (an old export): the Dec 20
    # sample stays and Tuesday's 44 % goes in its place in time.
    feed(f, 44, "2026-11-24T07:00:00Z")
    p = run("--check", f, "--record", "--now", "2026-11-24T07:00:00Z", "--history", db, *common)
    check(p.returncode == 0 and "recorded 2 samples" in p.stderr, "the backfill writes the objective and the KR")
    out = os.path.join(d, "out.csv")
    run("--history-export", out, "--history", db)
    rows = [(r["at"], r["progress_pct"]) for r in csv.DictReader(open(out)) if r["element"] == "k:a"]
    check(rows == [("2026-11-23T07:00:00Z", "40"), ("2026-11-24T07:00:00Z", "44"), ("2026-12-20T10:00:00Z", "10")],
          "the KR's samples: Mon 40, Tue 44 (backfilled), Dec 20 10 (kept) (got %s)" % rows)

# A file is one feed by its absolute path: recorded as "feed.json" from its
# folder, it is the same feed as "/.../feed.json" and as a link to it, and a
# "feed.json" in another folder is another feed.
with tempfile.TemporaryDirectory() as d:
    real = os.path.realpath(d)
    f, db, other = os.path.join(real, "feed.json"), os.path.join(real, "h.db"), os.path.join(real, "other")
    os.mkdir(other)
    os.symlink(f, os.path.join(real, "link.json"))
    common = ["--history", db, "--standup", "mon-fri 09:30"]
    feed(f, 40, "2026-11-23T08:00:00Z")
    run("--check", "feed.json", "--record", "--now", "2026-11-24T07:00:00Z", *common, cwd=real)
    feed(f, 48, "2026-11-24T11:00:00Z")
    for name, where in ((f, None), ("link.json", real)):
        j = json.loads(run("--check", name, "--json", "--now", "2026-11-25T10:00:00Z", *common, cwd=where).stdout)
        kr = j["objectives"][0]["key_results"][0]
        check(kr["delta"]["has_before"] and kr["delta"]["points"] == 8,
              "recorded as feed.json, checked as %s: +8" % name)
    feed(os.path.join(other, "feed.json"), 48, "2026-11-24T11:00:00Z")
    j = json.loads(run("--check", "feed.json", "--json", "--now", "2026-11-25T10:00:00Z", *common, cwd=other).stdout)
    check(j["objectives"][0]["key_results"][0]["delta"]["has_before"] is False,
          "another folder's feed.json has no history")
    out = os.path.join(real, "out.csv")
    run("--history-export", out, "--history", db)
    feeds = {r["feed"] for r in csv.DictReader(open(out))}
    check(feeds == {f}, "the history names the file by its absolute path (got %s)" % feeds)

# The wall itself (SDL's dummy video driver): it records the feed it shows,
# and again when the file changes.
with tempfile.TemporaryDirectory() as d:
    f, db = os.path.join(d, "feed.json"), os.path.join(d, "wall.db")
    feed(f, 40, "2026-11-23T08:00:00Z")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", XDG_CACHE_HOME=d)
    env.pop("DISPLAY", None)
    wall = subprocess.Popen([KIOSK, "--feed", f, "--history", db, "--windowed", "640x360"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def rows():
        try:
            con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
            n, = con.execute("SELECT count(*) FROM sample").fetchone()
            con.close()
            return n
        except sqlite3.Error:
            return -1

    def wait_rows(n):
        end = time.monotonic() + 60  # a loaded machine; the file source stats every 10 s at the latest
        while time.monotonic() < end and rows() < n:
            time.sleep(0.2)
        return rows()

    check(wait_rows(2) == 2, "the wall records the objective and the KR of the feed it shows")
    time.sleep(1.1)  # a new modification time even on a coarse clock, and a new size
    feed(f, 55.5, "2026-11-24T11:00:00Z")
    check(wait_rows(4) == 4, "and both again when the file changes")
    wall.send_signal(signal.SIGTERM)
    wall.wait(timeout=20)
    check(wall.returncode == 0, "the wall exits cleanly with its history open")

print("%d failed" % failed if failed else "all passed")
sys.exit(1 if failed else 0)
