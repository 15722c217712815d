#!/usr/bin/env python3
"""The feed's bearer token never leaves the request.

Runs the real okr-kiosk against tests/http_server.py on 127.0.0.1 with the
token from the environment and from a token file, and greps everything the
program writes for it: --check (text and JSON) output, --screenshot logs and
the cache directory, the log of a running kiosk, and what it prints when it
is killed by a crash signal. The /auth route answers 401 without the right
Authorization header, so a run that passes also proves the token was sent.

usage: secrets_test.py OKR_KIOSK_BINARY
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
import okr_test_env

HERE = os.path.dirname(os.path.abspath(__file__))
SECRET = "s3cret-token-xyz"  # tests/http_server.py expects "Bearer " + this
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (": " + detail if detail and not ok else ""))
    if not ok:
        failures.append(name)


def no_secret(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    check(name + " does not contain the token", SECRET.encode() not in data)


def run(kiosk, args, env, timeout=60):
    p = subprocess.run([kiosk] + args, env=env, capture_output=True, timeout=timeout)
    return p.returncode, p.stdout + p.stderr


def main():
    okr_test_env.isolate_home()
    kiosk = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="okr-secrets.")
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "http_server.py")],
                              stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        base = "http://127.0.0.1:%d" % port
        env = dict(os.environ, OKR_KIOSK_TOKEN=SECRET, XDG_CACHE_HOME=os.path.join(tmp, "cache"),
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"))
        env.pop("DISPLAY", None)

        rc, out = run(kiosk, ["--check", base + "/auth", "-v"], env)
        check("--check with the token from the environment is authorised", rc == 0, out.decode(errors="replace")[-400:])
        no_secret("--check output", out)
        rc, out = run(kiosk, ["--check", base + "/auth", "--json", "-v"], env)
        check("--check --json is authorised", rc == 0)
        no_secret("--check --json output", out)

        token_file = os.path.join(tmp, "token")
        with open(token_file, "w") as f:
            f.write(SECRET + "\n")
        os.chmod(token_file, 0o600)
        env_file = dict(env)
        env_file.pop("OKR_KIOSK_TOKEN")
        rc, out = run(kiosk, ["--check", base + "/auth", "--token-file", token_file, "-v"], env_file)
        check("--check with a token file is authorised", rc == 0, out.decode(errors="replace")[-400:])
        no_secret("--check output with a token file", out)

        # credentials in the URL itself, and a failing server: error paths print reasons
        rc, out = run(kiosk, ["--check", "http://user:%s@127.0.0.1:%d/500" % (SECRET, port), "-v"], env)
        check("--check of a failing URL with credentials exits 2", rc == 2, "rc=%d" % rc)
        no_secret("--check error output", out)

        shot = os.path.join(tmp, "shot.png")
        rc, out = run(kiosk, ["--feed", base + "/auth", "--screenshot", shot, "--size", "1280x720", "-v"], env)
        check("--screenshot of the authorised feed works", rc == 0 and os.path.getsize(shot) > 0)
        no_secret("--screenshot log", out)
        for root, _dirs, files in os.walk(tmp):
            for fn in files:
                if fn == "token":
                    continue
                with open(os.path.join(root, fn), "rb") as f:
                    no_secret("file " + os.path.relpath(os.path.join(root, fn), tmp), f.read())

        rc, out = run(kiosk, ["--feed", "http://user:%s@127.0.0.1:%d/500" % (SECRET, port),
                              "--screenshot", shot, "-v"], env)
        check("--screenshot of a failing URL with credentials fails", rc != 0, "rc=%d" % rc)
        no_secret("--screenshot error output", out)

        # a running kiosk (headless driver), then a crash signal
        log = os.path.join(tmp, "kiosk.log")
        env_run = dict(env, SDL_VIDEODRIVER="dummy")
        with open(log, "wb") as lf:
            k = subprocess.Popen([kiosk, "--feed", "http://user:%s@127.0.0.1:%d/auth" % (SECRET, port),
                                  "--windowed", "640x360", "-vv"], env=env_run, stdout=lf, stderr=lf)
            time.sleep(3.0)
            k.send_signal(signal.SIGABRT)
            k.wait(timeout=20)
        with open(log, "rb") as f:
            data = f.read()
        check("the kiosk logged a fetch", b"127.0.0.1" in data, data.decode(errors="replace")[-400:])
        no_secret("the running kiosk's log and crash output", data)
    finally:
        server.kill()
        server.wait()
    print("%d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
