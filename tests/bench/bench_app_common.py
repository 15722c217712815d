"""Shared helpers of the app benchmarks (bench_idle, bench_mem, bench_startup):
an Xvfb of a given size on the display it picks itself, starting the kiosk and
waiting for its first frame, and reading CPU time and PSS from /proc."""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
DEMO = os.path.join(SOURCE, "assets", "demo-feed.json")

sys.path.insert(0, os.path.dirname(HERE))  # tests/, for the Xvfb start the tests use
import okr_test_env  # noqa: E402


def default_binary(name):
    for build in sorted(os.listdir(SOURCE)):
        for rel in (os.path.join(build, "app", name), os.path.join(build, "tests", name)):
            path = os.path.join(SOURCE, rel)
            if build.startswith("build") and os.access(path, os.X_OK):
                return path
    sys.exit("cannot find %s; pass it as an option" % name)


class Xvfb:
    """An X server of width x height for one benchmark (see okr_test_env.start_xvfb)."""

    def __init__(self, width, height):
        self.proc, self.display = okr_test_env.start_xvfb(width, height)

    def close(self):
        self.proc.terminate()
        self.proc.wait()


class Program:
    """A process whose stderr goes to a file we can wait on."""

    def __init__(self, argv, env):
        self.log = tempfile.NamedTemporaryFile(prefix="okr-bench-", suffix=".log", delete=False)
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=self.log, env=env)

    def text(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def wait_for(self, needle, timeout=20):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if needle in self.text():
                return time.monotonic() - self.t0
            if self.proc.poll() is not None:
                raise RuntimeError("exited early:\n" + self.text())
            time.sleep(0.002)
        raise RuntimeError("timed out waiting for %r:\n%s" % (needle, self.text()))

    def cpu_ticks(self):
        with open("/proc/%d/stat" % self.proc.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime

    def rollup_kib(self, field):
        """A field of /proc/PID/smaps_rollup (KiB), -1 when it is missing."""
        with open("/proc/%d/smaps_rollup" % self.proc.pid) as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return -1

    def pss_kib(self):
        return self.rollup_kib("Pss")

    def anon_kib(self):
        """Anonymous memory: heap, texture pixels, stacks. Unlike PSS it does
        not move when other processes map the same libraries."""
        return self.rollup_kib("Anonymous")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        os.unlink(self.log.name)


_CACHE = None


def kiosk_env(display=None, driver=None):
    """One cache directory per benchmark run, shared by its processes: Mesa
    keeps its shader cache there, as it does on a real machine between starts.
    The history goes beside it, never into the machine's home (a benchmark
    with --history off or its own --history PATH keeps that)."""
    global _CACHE
    if _CACHE is None:
        _CACHE = tempfile.mkdtemp(prefix="okr-bench-cache-")
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("SDL_VIDEODRIVER", None)
    env["XDG_CACHE_HOME"] = _CACHE
    env["XDG_STATE_HOME"] = os.path.join(_CACHE, "state")
    if display:
        env["DISPLAY"] = display
    if driver:
        env["SDL_VIDEODRIVER"] = driver
    return env
