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
