#!/usr/bin/env python3
"""Tests of the real okr-kiosk binary.

window BIN [ARGS]   : runs the kiosk (with extra ARGS) on a feed file written here, in a real X
                       server (Xvfb, started here when DISPLAY is not set),
                       sends keys with xdotool and checks the logged view
                       changes, checks that nothing is redrawn while idle, that
                       rewriting the feed wakes the loop and clamps the view,
                       and that Q quits.
screenshot BIN FEED DIR : renders --screenshot at 1920x1080 with DISPLAY unset
                       and checks the PNG's size and that it is not blank.
fullscreen BIN [ARGS] : X11 without a window manager (xinit on a kiosk PC;
                       always an Xvfb of its own): F in a 1280x720 window
                       covers the 1920x1080 screen and F again goes back, and
                       after each the kiosk lays out for the size the window
                       really has (as X reports it) and draws a frame at it.
always-on BIN       : runs the kiosk on SDL's dummy video driver (the KMSDRM
                       code path: semaphore waits) with a config file: the
                       screen schedule blanks it once and then draws nothing,
                       SIGHUP reloads the file (a good one applies, a bad one
                       is logged and the wall keeps running), the token never
                       reaches the log, and SIGTERM exits 0 at once.
"""
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import json
import zlib
import okr_test_env

NOW = "2026-11-26T09:30:05Z"  # far from a minute change during the test


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


# ---- X server ----

def start_xvfb(fbdir=None):
    """fbdir: a server of our own (no window manager) whose screen can be read
    from fbdir/Xvfb_screen0 (see screen_pixel)."""
    if os.environ.get("DISPLAY") and fbdir is None:
        return None, os.environ["DISPLAY"]
    try:
        return okr_test_env.start_xvfb(1920, 1080, ["-fbdir", fbdir, "-br"] if fbdir else [])
    except RuntimeError as e:
        fail(str(e))


# ---- the kiosk's log ----

class Log:
    def __init__(self, path):
        self.path = path

    def lines(self):
        """The log's lines without their level prefix ("debug: view: ...")."""
        with open(self.path, encoding="utf-8", errors="replace") as f:
            out = []
            for l in f.read().splitlines():
                for level in ("error: ", "warn: ", "info: ", "debug: ", "trace: "):
                    if l.startswith(level):
                        l = l[len(level):]
                        break
                out.append(l)
            return out

    def views(self):
        return [l[len("view: "):] for l in self.lines() if l.startswith("view: ")]

    def frames(self):
        return sum(1 for l in self.lines() if l.startswith("frame "))

    def wait_for(self, pred, timeout, what):
        end = time.time() + timeout
        while time.time() < end:
            if pred(self):
                return
            time.sleep(0.05)
        fail("timed out waiting for %s; log:\n%s" % (what, "\n".join(self.lines()[-30:])))


def settle(log, quiet_s=1.0, timeout=10.0):
    """Wait until no frame was drawn for quiet_s seconds."""
    end = time.time() + timeout
    last = log.frames()
    last_change = time.time()
    while time.time() < end:
        time.sleep(0.1)
        n = log.frames()
        if n != last:
            last, last_change = n, time.time()
        elif time.time() - last_change >= quiet_s:
            return n
    fail("the kiosk kept drawing for %.0f s" % timeout)


def write_feed(path, n_objectives):
    """n objectives, teams Sales and Ops alternating, two key results each."""
    objectives = []
    for i in range(n_objectives):
        objectives.append({
            "title": "Objective %d" % (i + 1),
            "team": "Sales" if i % 2 == 0 else "Ops",
            "owner": "Owner %d" % (i + 1),
            "key_results": [
                {"title": "Key result A", "start": 0, "current": 3 + i, "target": 10},
                {"title": "Key result B", "progress": 0.5},
            ],
        })
    feed = {"version": 1, "title": "Window test",
            "period": {"label": "Q4 2026", "start": "2026-10-01", "end": "2026-12-31"},
            "updated_at": "2026-11-26T09:00:00Z", "objectives": objectives}
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(feed, f)
    os.rename(tmp, path)


def window_test(binary, extra_args):
    xvfb, display = start_xvfb()
    env = dict(os.environ, DISPLAY=display)
    env.pop("SDL_VIDEODRIVER", None)
    tmp = tempfile.mkdtemp(prefix="okr-window-")
    env["XDG_CACHE_HOME"] = tmp
    logpath = os.path.join(tmp, "kiosk.log")
    feed = os.path.join(tmp, "feed.json")
    write_feed(feed, 5)
    kiosk = None
    try:
        with open(logpath, "w") as logf:
            kiosk = subprocess.Popen([binary, "--feed", feed, "--windowed", "1280x720", "-vv", "--rotate", "0",
                                      "--now", NOW] + extra_args, stdout=logf, stderr=logf, env=env)
        log = Log(logpath)
        log.wait_for(lambda l: any(x.startswith("first frame presented") for x in l.lines()), 15,
                     "the first frame")
        wid = subprocess.run(["xdotool", "search", "--sync", "--name", "^okr-kiosk$"], env=env,
                             capture_output=True, text=True, timeout=10).stdout.split()
        if not wid:
            fail("no okr-kiosk window found")
        subprocess.run(["xdotool", "windowfocus", "--sync", wid[0]], env=env, timeout=10)
        settle(log)
        if "no schedule: the screen stays on" not in log.lines() or \
                any(x.startswith("screen off outside the schedule") for x in log.lines()):
            fail("without a schedule the log should say the screen stays on:\n" + "\n".join(log.lines()))

        steps = [
            ("Right", "overview page 1 selected 1"),
            ("Return", "objective 1"),
            ("Right", "objective 2"),
            ("Escape", "overview page 1 selected 2"),
            ("BackSpace", "overview page 1"),
            ("Down", "objective 1"),
            ("Up", "overview page 1 selected 1"),
            ("t", "team Sales page 1"),
            ("t", "team Ops page 1"),
            ("h", "team Ops page 1 + help"),
            ("Left", "team Ops page 1"),
            ("Right", "team Ops page 1 selected 2"),
            ("Return", "objective 2"),
            ("Right", "objective 4"),
            ("5", "objective 5"),
        ]
        for key, expected in steps:
            before = len(log.views())
            subprocess.run(["xdotool", "key", key], env=env, timeout=10)
            log.wait_for(lambda l: len(l.views()) > before, 5, "a view change after %s" % key)
            got = log.views()[before]
            if got != expected:
                fail("after %s expected view '%s', got '%s'" % (key, expected, got))

        # Idle: once the slide and sweeps settle, no frame for 3 s, and the
        # last frame drawn shows the settled values, not a mid-sweep picture.
        idle_start = settle(log)
        last = [l for l in log.lines() if l.startswith("frame ")][-1]
        if "animating" in last:
            fail("the last frame before idle was drawn mid-animation: " + last)
        time.sleep(3.0)
        idle_end = log.frames()
        if idle_end != idle_start:
            fail("redrew while idle: %d frames in 3 s" % (idle_end - idle_start))

        # New data wakes the loop at once; the focused objective 5 is gone.
        before = len(log.views())
        write_feed(feed, 3)
        log.wait_for(lambda l: "data: 3 objectives" in l.lines(), 5, "the rewritten feed")
        log.wait_for(lambda l: len(l.views()) > before, 5, "the view to be clamped")
        if log.views()[before] != "objective 3":
            fail("after the feed shrank expected objective 3, got '%s'" % log.views()[before])
        settle(log)

        subprocess.run(["xdotool", "key", "q"], env=env, timeout=10)
        try:
            rc = kiosk.wait(timeout=5)
        except subprocess.TimeoutExpired:
            fail("Q did not quit")
        if rc != 0:
            fail("exit code %d after Q" % rc)
        print("views: %s" % ", ".join(log.views()))
        print("frames drawn: %d, none while idle" % log.frames())
    finally:
        if kiosk is not None and kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
        if os.environ.get("OKR_KEEP_LOG"):
            print(open(logpath).read())
        shutil.rmtree(tmp, ignore_errors=True)


# ---- F without a window manager ----

def window_geometry(env, wid):
    out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid], env=env, capture_output=True,
                         text=True, timeout=10).stdout
    vals = dict(l.split("=", 1) for l in out.split() if "=" in l)
    return int(vals["WIDTH"]), int(vals["HEIGHT"])


def screen_pixel(fbdir, x, y):
    """(r, g, b) at x, y of the screen Xvfb keeps in fbdir as an XWD file."""
    with open(os.path.join(fbdir, "Xvfb_screen0"), "rb") as f:
        head = f.read(100)
        fields = struct.unpack(">25I", head)
        header_size, byte_order, bpp, bytes_per_line, ncolors = fields[0], fields[7], fields[11], fields[12], fields[19]
        if bpp != 32:
            fail("unexpected XWD depth %d" % bpp)
        f.seek(header_size + ncolors * 12 + y * bytes_per_line + x * 4)
        p = f.read(4)
    return (p[2], p[1], p[0]) if byte_order == 0 else (p[1], p[2], p[3])


def laid_out_size(log):
    """The size the kiosk lays out for: the start line's, then each "screen: WxH"."""
    size = None
    for l in log.lines():
        if l.startswith("start: "):
            for part in l.split(", "):
                if part.startswith("screen "):
                    w, h = part[len("screen "):].split()[0].split("x")
                    size = (int(w), int(h))
        elif l.startswith("screen: "):
            w, h = l[len("screen: "):].split("x")
            size = (int(w), int(h))
    return size


def fullscreen_test(binary, extra_args):
    tmp = tempfile.mkdtemp(prefix="okr-fullscreen-")
    xvfb, display = start_xvfb(fbdir=tmp)  # an X server of our own: no window manager, black root
    env = dict(os.environ, DISPLAY=display)
    env.pop("SDL_VIDEODRIVER", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["XDG_CACHE_HOME"] = tmp
    logpath = os.path.join(tmp, "kiosk.log")
    feed = os.path.join(tmp, "feed.json")
    write_feed(feed, 5)
    kiosk = None
    try:
        with open(logpath, "w") as logf:
            kiosk = subprocess.Popen([binary, "--feed", feed, "--windowed", "1280x720", "-vv", "--rotate", "0",
                                      "--now", NOW] + extra_args, stdout=logf, stderr=logf, env=env)
        log = Log(logpath)
        log.wait_for(lambda l: any(x.startswith("first frame presented") for x in l.lines()), 15,
                     "the first frame")
        wid = subprocess.run(["xdotool", "search", "--sync", "--name", "^okr-kiosk$"], env=env,
                             capture_output=True, text=True, timeout=10).stdout.split()
        if not wid:
            fail("no okr-kiosk window found")
        wid = wid[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", wid], env=env, timeout=10)
        settle(log)

        # The wall's background, inside the window's overscan margin (the
        # window starts centred: 320,180).
        bg = screen_pixel(tmp, 322, 182)
        if bg == (0, 0, 0):
            fail("the window's background is black like the root window: the pixel checks below prove nothing")

        def check(after, want):
            real = window_geometry(env, wid)
            laid = laid_out_size(log)
            if laid != real:
                fail("after %s the window is %dx%d but the kiosk lays out for %s" %
                     (after, real[0], real[1], "%dx%d" % laid if laid else "nothing"))
            if real != want:
                fail("after %s the window is %dx%d, expected %dx%d" % (after, real[0], real[1], want[0], want[1]))
            # On the screen: the wall's margin reaches the corners it should
            # (the screen's, or the centred window's), and no further.
            covering = want == (1920, 1080)
            inside = [(2, 2), (1917, 2), (2, 1077), (1917, 1077)]
            window = [(322, 182), (1597, 182), (322, 897), (1597, 897)]
            for x, y in inside if covering else window:
                if screen_pixel(tmp, x, y) != bg:
                    fail("after %s the screen at %d,%d is not the wall's margin" % (after, x, y))
            if not covering:
                for x, y in inside + [(1602, 902)]:
                    if screen_pixel(tmp, x, y) != (0, 0, 0):
                        fail("after %s the wall shows at %d,%d, outside its window" % (after, x, y))
            print("after %s: window %dx%d, laid out %dx%d" % (after, real[0], real[1], laid[0], laid[1]))

        check("start", (1280, 720))
        for n, want in ((1, (1920, 1080)), (2, (1280, 720)), (3, (1920, 1080)), (4, (1280, 720))):
            before = log.frames()
            subprocess.run(["xdotool", "key", "f"], env=env, timeout=10)
            log.wait_for(lambda l: l.frames() > before, 5, "a frame after F number %d" % n)
            settle(log)
            check("F number %d" % n, want)

        subprocess.run(["xdotool", "key", "q"], env=env, timeout=10)
        try:
            rc = kiosk.wait(timeout=5)
        except subprocess.TimeoutExpired:
            fail("Q did not quit")
        if rc != 0:
            fail("exit code %d after Q" % rc)
    finally:
        if kiosk is not None and kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
        if os.environ.get("OKR_KEEP_LOG"):
            print(open(logpath).read())
        shutil.rmtree(tmp, ignore_errors=True)


# ---- PNG reading (8-bit RGB/RGBA, not interlaced), enough for the checks ----

def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s is not a PNG" % path)
    pos, idat = 8, b""
    width = height = depth = ctype = None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace != 0:
                fail("unexpected PNG format depth %d type %d" % (depth, ctype))
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        ftype, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def screenshot_test(binary, feed, outdir):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, "app-screenshot-1080p.png")
    if os.path.exists(out):
        os.unlink(out)
    r = subprocess.run([binary, "--feed", feed, "--screenshot", out, "--size", "1920x1080", "--now", NOW],
                       env=env, capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        fail("--screenshot exited %d: %s" % (r.returncode, r.stderr))
    width, height, bpp, rows = read_png(out)
    if (width, height) != (1920, 1080):
        fail("PNG is %dx%d, expected 1920x1080" % (width, height))
    # The background is the top-left pixel (inside the overscan margin).
    bg = bytes(rows[0][0:3])
    differing = 0
    for y in range(0, height, 4):
        row = rows[y]
        for x in range(0, width * bpp, 4 * bpp):
            if bytes(row[x:x + 3]) != bg:
                differing += 1
    sampled = (height // 4) * (width // 4)
    share = differing / sampled
    # Cards cover most of the screen: well over a tenth differs from the background.
    if share < 0.10:
        fail("only %.1f %% of the pixels differ from the background" % (share * 100))
    # Nothing is drawn in the 5 % overscan margin at the left edge.
    for y in range(0, height, 8):
        if bytes(rows[y][0:3]) != bg or bytes(rows[y][(int(width * 0.04)) * bpp:(int(width * 0.04)) * bpp + 3]) != bg:
            fail("something was drawn in the left safe-area margin at y=%d" % y)
    print("screenshot %dx%d, %.0f %% of pixels drawn" % (width, height, share * 100))

    # An unreadable feed is a clear error (exit 1, the reason on stderr) and
    # the picture the wall would show: what is wrong, not a blank screen.
    bad = os.path.join(outdir, "app-screenshot-missing.png")
    if os.path.exists(bad):
        os.unlink(bad)
    missing = os.path.join(outdir, "no-such-feed.json")
    r = subprocess.run([binary, "--feed", missing, "--screenshot", bad, "--now", NOW],
                       env=env, capture_output=True, text=True, timeout=60)
    if r.returncode != 1 or "file not found" not in r.stderr:
        fail("a missing feed: exit %d, %r (want 1 and the reason)" % (r.returncode, r.stderr))
    width, height, bpp, rows = read_png(bad)
    drawn = sum(1 for y in range(0, height, 4) for x in range(0, width * bpp, 4 * bpp)
                if bytes(rows[y][x:x + 3]) != bg)
    # big text in the middle: more than a clock, far less than cards
    if not 0.005 < drawn / sampled < 0.10:
        fail("the missing-feed screen draws %.2f %% of the pixels" % (drawn / sampled * 100))

    # A picture that cannot be written is an error (exit 2) that says why.
    r = subprocess.run([binary, "--feed", feed, "--screenshot", "/dev/full", "--now", NOW],
                       env=env, capture_output=True, text=True, timeout=60)
    if r.returncode != 2 or "/dev/full" not in r.stderr or "No space left" not in r.stderr:
        fail("--screenshot /dev/full: exit %d, %r (want 2 and the reason)" % (r.returncode, r.stderr))


def orientation_test(binary, feed, outdir):
    """--orientation turns the same picture: 180 is the upright frame turned
    over, 90 is the portrait frame turned clockwise onto a landscape screen."""
    env = dict(os.environ)
    env.pop("DISPLAY", None)

    def shot(name, size, degrees):
        out = os.path.join(outdir, "orient-%s.png" % name)
        r = subprocess.run([binary, "--feed", feed, "--screenshot", out, "--size", size, "--now", NOW,
                            "--orientation", str(degrees)], env=env, capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            fail("--orientation %d exited %d: %s" % (degrees, r.returncode, r.stderr))
        return read_png(out)

    def compare(what, a, b_at):
        w, h, bpp, rows = a
        bad = 0
        for y in range(0, h, 2):
            for x in range(0, w, 2):
                p = rows[y][x * bpp:x * bpp + 3]
                q = b_at(x, y)
                if max(abs(p[i] - q[i]) for i in range(3)) > 24:
                    bad += 1
        share = bad / ((h // 2) * (w // 2))
        if share > 0.01:
            fail("%s: %.1f %% of the pixels differ" % (what, share * 100))

    up = shot("0", "640x360", 0)
    over = shot("180", "640x360", 180)
    _, _, ubpp, urows = up
    compare("180", over, lambda x, y: urows[359 - y][(639 - x) * ubpp:(639 - x) * ubpp + 3])
    portrait = shot("portrait", "360x640", 0)
    turned = shot("90", "640x360", 90)
    _, _, pbpp, prows = portrait
    # clockwise: the portrait's top-left lands at the top-right
    compare("90", turned, lambda x, y: prows[639 - x][y * pbpp:y * pbpp + 3])


def always_on_test(binary):
    tmp = tempfile.mkdtemp(prefix="okr-always-on-")
    conf = os.path.join(tmp, "okr.conf")
    logpath = os.path.join(tmp, "kiosk.log")
    secret = "tok-3f9a-never-logged"
    # 2026-11-26 is a Thursday: a weekend-only schedule keeps the screen off.
    with open(conf, "w") as f:
        f.write("rotate = 0\nschedule = sat-sun 10:00-11:00\nlog-level = trace\n")
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", OKR_KIOSK_TOKEN=secret, XDG_CACHE_HOME=tmp)
    env.pop("DISPLAY", None)
    with open(logpath, "w") as logf:
        kiosk = subprocess.Popen([binary, "--config", conf, "--now", NOW], stdout=logf, stderr=logf, env=env)
    log = Log(logpath)
    try:
        log.wait_for(lambda l: any(x.startswith("screen off (schedule)") for x in l.lines()), 10, "screen off")
        time.sleep(1.0)
        if log.frames() != 0:
            fail("frames drawn while the schedule keeps the screen off:\n" + "\n".join(log.lines()))
        if sum(1 for x in log.lines() if x.startswith("screen off: black frame")) != 1:
            fail("expected exactly one black frame")
        if not any(x.startswith("screen off outside the schedule: ") for x in log.lines()):
            fail("with a schedule the log should say what happens outside it")

        # A bad file on reload: logged with file:line:key, the kiosk keeps running.
        with open(conf, "w") as f:
            f.write("rotate = 0\nrotat = 5\n")
        kiosk.send_signal(signal.SIGHUP)
        log.wait_for(lambda l: any("reload: " in x and ":2: unknown key 'rotat'" in x for x in l.lines()), 10,
                     "the reload error")
        if kiosk.poll() is not None:
            fail("a bad config file on reload stopped the kiosk")

        # A good file: always on, German; the wall draws again.
        with open(conf, "w") as f:
            f.write("rotate = 0\nlang = de\nlog-level = trace\n")
        kiosk.send_signal(signal.SIGHUP)
        log.wait_for(lambda l: "reloaded" in l.lines(), 10, "reloaded")
        log.wait_for(lambda l: "screen on" in l.lines() and l.frames() > 0, 10, "frames after the reload")
        if not any(x.startswith("config: ") and "lang de" in x for x in log.lines()):
            fail("the reloaded settings were not logged")

        t0 = time.time()
        kiosk.send_signal(signal.SIGTERM)
        rc = kiosk.wait(timeout=5)
        if rc != 0:
            fail("SIGTERM: exit %d" % rc)
        if time.time() - t0 > 2.0:
            fail("SIGTERM took %.1f s" % (time.time() - t0))
        with open(logpath, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if secret in text:
            fail("the token reached the log")
        for line in text.splitlines():
            if not line.split(":")[0] in ("error", "warn", "info", "debug", "trace"):
                fail("log line without a level: " + line)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
    kmsdrm_wait_test(binary, tmp)
    shutil.rmtree(tmp, ignore_errors=True)
    print("always-on: ok")


def kmsdrm_wait_test(binary, tmp):
    """On kmsdrm without a display the kiosk says so and waits (no restart
    loop), and SIGTERM still ends it at once. Needs a machine without DRM
    cards (else SDL would really open one)."""
    if os.path.exists("/dev/dri") or os.path.exists("/sys/class/drm/card0"):
        print("kmsdrm wait: skipped (this machine has DRM cards)")
        return
    logpath = os.path.join(tmp, "kms.log")
    env = dict(os.environ, SDL_VIDEODRIVER="kmsdrm", XDG_CACHE_HOME=tmp)
    with open(logpath, "w") as logf:
        kiosk = subprocess.Popen([binary], stdout=logf, stderr=logf, env=env)
    log = Log(logpath)
    try:
        log.wait_for(lambda l: any("checking again every 10 s" in x for x in l.lines()), 10,
                     "the no-display message")
        time.sleep(0.5)
        if kiosk.poll() is not None:
            fail("the kiosk exited instead of waiting for a display")
        t0 = time.time()
        kiosk.send_signal(signal.SIGTERM)
        rc = kiosk.wait(timeout=5)
        if rc != 0 or time.time() - t0 > 2.0:
            fail("SIGTERM while waiting for a display: exit %d after %.1f s" % (rc, time.time() - t0))
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()


def main():
    okr_test_env.isolate_home()
    if len(sys.argv) < 3:
        fail("usage: window_test.py window BIN [ARGS] | screenshot BIN FEED [DIR]")
    mode, binary = sys.argv[1], sys.argv[2]
    if mode == "window":
        window_test(binary, sys.argv[3:])
    elif mode == "fullscreen":
        fullscreen_test(binary, sys.argv[3:])
    elif mode == "always-on":
        always_on_test(binary)
    elif mode == "screenshot" and len(sys.argv) > 3:
        outdir = sys.argv[4] if len(sys.argv) > 4 else tempfile.mkdtemp()
        screenshot_test(binary, sys.argv[3], outdir)
        orientation_test(binary, sys.argv[3], outdir)
    else:
        fail("unknown mode " + mode)


if __name__ == "__main__":
    main()
