"""What a test that runs okr-kiosk needs around it: a home and an X server of its own.

The wall reads and writes $XDG_STATE_HOME/okr-kiosk/history.db (else
~/.local/state/...), caches feeds under $XDG_CACHE_HOME and reads
$XDG_CONFIG_HOME/okr-kiosk/config: a history, cache or config left on the
machine by a real wall or an earlier run would change what a test sees, and
a test would leave its feeds in the machine's history. isolate_home() points
all three at a fresh temporary folder for this process and every child that
inherits its environment, and removes the folder at exit. Call it before
starting the binary; a test that sets its own folders per run still may.

start_xvfb() is the one way the tests and the app benchmarks start an X
server of their own: Xvfb chooses its display and says when it is ready."""
import atexit
import os
import select
import shutil
import subprocess
import tempfile
import time


def isolate_home():
    root = tempfile.mkdtemp(prefix="okr-test-home-")
    for var, sub in (("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_CONFIG_HOME", "config")):
        os.environ[var] = os.path.join(root, sub)
    atexit.register(shutil.rmtree, root, True)
    return root


def start_xvfb(width, height, extra=(), timeout=30.0):
    """Start an Xvfb of width x height (24-bit) and return (process, ":N").

    Xvfb picks a free display number itself and writes it, then a newline, to
    the -displayfd pipe once it accepts clients: no other process can take the
    number between a check and the start, and nobody connects before the
    server listens (a socket file in /tmp/.X11-unix can exist earlier, or be
    left by a dead server). extra: more arguments, e.g. ["-fbdir", DIR, "-br"].
    Raises RuntimeError saying why when Xvfb is missing, exits or does not
    report within timeout seconds. The caller ends it with terminate() and
    wait() (not kill: SIGKILL leaves its socket file behind)."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is not installed (scripts/deps.sh test installs it)")
    rfd, wfd = os.pipe()
    argv = ["Xvfb", "-displayfd", str(wfd), "-screen", "0", "%dx%dx24" % (width, height),
            "-nolisten", "tcp"] + list(extra)
    log = tempfile.TemporaryFile()  # what Xvfb says, for the error (a pipe could fill up)
    try:
        proc = subprocess.Popen(argv, pass_fds=(wfd,), stdout=subprocess.DEVNULL, stderr=log)
    except OSError:
        os.close(rfd)
        raise
    finally:
        os.close(wfd)  # Xvfb has its own copy: the read end sees the end when it exits
    got, why = b"", None
    deadline = time.monotonic() + timeout
    while b"\n" not in got and why is None:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([rfd], [], [], left)[0]:
            why = "did not report a display within %g s" % timeout
        else:
            chunk = os.read(rfd, 64)
            if not chunk:
                why = "exited at start"
            got += chunk
    os.close(rfd)  # after the newline: Xvfb has nothing more to write
    if why is None and not got.strip().isdigit():
        why = "reported %r instead of a display number" % got.decode(errors="replace")
    if why is None:
        log.close()
        return proc, ":" + got.strip().decode()
    if why != "exited at start":
        proc.terminate()
    try:
        rc = proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = proc.wait()
    log.seek(0)
    said = log.read().decode(errors="replace").strip()
    log.close()
    if len(said) > 2000:  # an unknown option is named above its usage text, a fatal error below it
        said = said[:1000] + "\n[...]\n" + said[-1000:]
    end = "killed by signal %d" % -rc if rc < 0 else "exit %d" % rc
    raise RuntimeError("Xvfb %s (%s; %s)%s" % (why, " ".join(argv), end, ":\n" + said if said else ""))
