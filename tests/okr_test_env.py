"""Keeps a test that runs okr-kiosk away from the machine's home.

The wall reads and writes $XDG_STATE_HOME/okr-kiosk/history.db (else
~/.local/state/...), caches feeds under $XDG_CACHE_HOME and reads
$XDG_CONFIG_HOME/okr-kiosk/config: a history, cache or config left on the
machine by a real wall or an earlier run would change what a test sees, and
a test would leave its feeds in the machine's history. isolate_home() points
all three at a fresh temporary folder for this process and every child that
inherits its environment, and removes the folder at exit. Call it before
starting the binary; a test that sets its own folders per run still may."""
import atexit
import os
import shutil
import tempfile


def isolate_home():
    root = tempfile.mkdtemp(prefix="okr-test-home-")
    for var, sub in (("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_CONFIG_HOME", "config")):
        os.environ[var] = os.path.join(root, sub)
    atexit.register(shutil.rmtree, root, True)
    return root


def display_taken(n):
    """Display :n is taken when its lock names a live process, or its socket
    exists without a lock. A lock left by a server killed with SIGKILL is not:
    the X server removes such a stale lock itself when it starts."""
    try:
        with open("/tmp/.X%d-lock" % n) as f:
            pid = int(f.read().strip() or "0")
    except (OSError, ValueError):
        return os.path.exists("/tmp/.X11-unix/X%d" % n)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def free_display(first, last):
    """The first display number in [first, last) that is not taken, or None."""
    for n in range(first, last):
        if not display_taken(n):
            return n
    return None
