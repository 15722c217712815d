#!/usr/bin/env python3
"""A feed server for the feed source tests.

Binds 127.0.0.1 on a free port, prints the port on stdout, and serves until
killed. The path selects the behaviour (see ROUTES); it is threaded so a slow
handler never blocks the next request.

With --tls DIR it serves HTTPS with a self-signed certificate for 127.0.0.1
that it creates as DIR/cert.pem (the CA a client must be told about).
With --port N it binds that port instead of a free one (to bring a refused
port back to life).

/feed behaves as the last GET /control?mode=...&feed=N&code=...&retry_after=...
asked (the fault tests switch a fault on and off with it):
  ok                   feed variant N (title "Server feed vN"), ETag "vN"
  status               an empty answer with HTTP `code`
  retry                HTTP `code` with Retry-After: `retry_after` seconds, or
                       with retry_date=UNIX an HTTP-date for that instant
  hang                 accept and never answer
  signin               a Google sign-in page with status 200 (a sheet that is
                       not published)
  any route name       what that route does (trickle, truncated, huge, ...)
With kind=csv, mode ok serves sheet variant N as text/csv (ETag "sN") instead
of JSON. /spreadsheets/d/e/KEY/pub and /spreadsheets/d/KEY/export answer with
redirects to /feed like Google Sheets' publish and export links (307, then
302 for the publish link).
"""
import email.utils
import gzip
import os
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FEED = (b'{"version": 1, "title": "Server feed", "objectives": ['
        b'{"title": "Ship it", "key_results": [{"title": "Half done", "progress": 0.5}]}]}')
ETAG = '"v1"'
LAST_MODIFIED = "Wed, 25 Nov 2026 10:00:00 GMT"
HTML = (b"<!DOCTYPE html>\n<html><head><title>Guest Wi-Fi</title></head>"
        b"<body><form>Accept the terms to continue</form></body></html>\n")
TOKEN = "Bearer s3cret-token-xyz"

CONTROL = {"mode": "ok", "feed": "1", "code": "500", "retry_after": "", "retry_date": "",
           "kind": "json"}
SIGNIN = (b'<!doctype html><html lang="en-US" dir="ltr"><head><base '
          b'href="https://accounts.google.com/v3/signin/"><title>Google Sheets: Sign-in</title>'
          b'</head><body><div>Sign in to continue to Sheets</div></body></html>')
CONTROL_LOCK = threading.Lock()
BOMB = []


def gzip_bomb():
    """100 MiB of spaces after a feed's opening, about 100 KB on the wire.
    Made once (it takes most of a second)."""
    if not BOMB:
        z = zlib.compressobj(9, zlib.DEFLATED, 31)
        parts = [z.compress(b'{"objectives": [')]
        chunk = b" " * (1 << 20)
        for _ in range(100):
            parts.append(z.compress(chunk))
        parts.append(z.flush())
        BOMB.append(b"".join(parts))
    return BOMB[0]


def feed_variant(n):
    """Feed number n: its titles and progress change with n."""
    return ('{"version": 1, "title": "Server feed v%s", "objectives": ['
            '{"title": "Ship it v%s", "key_results": [{"title": "Half done", "progress": 0.5}]},'
            '{"title": "Grow it", "key_results": [{"title": "Count", "start": 0, "current": %s,'
            ' "target": 100}]}]}' % (n, n, n)).encode()


def sheet_variant(n):
    """Sheet number n as Google's publish-to-web CSV writes it (CRLF, no final
    line break, padded rows): "Ship it vN" at 50 %, "Count" at N * 10 of 100."""
    rows = ["Objective,Key Result,Owner,Current,Target,Progress,",
            "Ship it v%s,Half done,Ann,,,50%%," % n,
            "Grow it,Count,Bo,%d,100,," % (int(n) * 10),
            ",,,,,,"]
    return "\r\n".join(rows).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, body=b"", ctype="application/json", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        handler = ROUTES.get(path)
        if handler is None:
            self.reply(404, b"not found", "text/plain")
            return
        try:
            handler(self)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def ok(self):
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.end_headers()
            return
        self.reply(200, FEED, headers=[("ETag", ETAG), ("Last-Modified", LAST_MODIFIED)])

    def ok_last_modified(self):
        if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            self.send_response(304)
            self.end_headers()
            return
        self.reply(200, FEED, headers=[("Last-Modified", LAST_MODIFIED)])

    def auth(self):
        if self.headers.get("Authorization") != TOKEN:
            self.reply(401, b"unauthorized", "text/plain")
            return
        self.reply(200, FEED)

    def user_agent(self):
        if not self.headers.get("User-Agent", "").startswith("okr-kiosk/"):
            self.reply(400, b"bad agent", "text/plain")
            return
        self.reply(200, FEED)

    def retry_seconds(self):
        self.reply(429, b"slow down", "text/plain", [("Retry-After", "7")])

    def retry_date(self):
        when = email.utils.formatdate(time.time() + 30, usegmt=True)
        self.reply(503, b"maintenance", "text/plain", [("Retry-After", when)])

    def slow(self):
        time.sleep(10)
        self.reply(200, FEED)

    def trickle(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        for _ in range(60):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(1)

    def truncated(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(FEED) + 500))
        self.end_headers()
        self.wfile.write(FEED)
        self.close_connection = True

    def huge(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        chunk = b" " * 65536
        self.wfile.write(b'{"objectives": [')
        for _ in range(100 * 16):  # 100 MiB
            self.wfile.write(chunk)

    def huge_with_length(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(100 * 1024 * 1024))
        self.end_headers()
        self.wfile.write(b'{"objectives": [')

    def redirect_loop(self):
        self.reply(302, b"", "text/plain", [("Location", "/redirect-loop")])

    def redirect_file(self):
        self.reply(302, b"", "text/plain", [("Location", "file:///etc/passwd")])

    def redirect_other_host(self):
        # Same address, another host name: credentials must not follow.
        where = "http://localhost:%d/no-auth" % self.server.server_address[1]
        self.reply(302, b"", "text/plain", [("Location", where)])

    def redirect_to(self):
        # /redirect-to?port=N: to https on that port of this address (a closed
        # one in the tests), with a user and a query that must not be shown.
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        where = "https://user:pw@127.0.0.1:%s/moved?key=secret" % query.get("port", ["1"])[0]
        self.reply(302, b"", "text/plain", [("Location", where)])

    def no_auth(self):
        if self.headers.get("Authorization") is not None:
            self.reply(400, b"credentials were forwarded", "text/plain")
            return
        self.reply(200, FEED)

    def gzip_bomb(self):
        self.reply(200, gzip_bomb(), headers=[("Content-Encoding", "gzip")])

    def html(self):
        self.reply(200, HTML, "text/html")

    def notfeed(self):
        self.reply(200, b'{"hello": "world", "items": [1, 2, 3]}')

    def control(self):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query,
                                     keep_blank_values=True)
        with CONTROL_LOCK:
            for key, values in query.items():
                CONTROL[key] = values[-1]
            if CONTROL["mode"] == "gzip-bomb":
                gzip_bomb()  # ready before the next request
        self.reply(200, b"ok", "text/plain")

    def switched(self):
        with CONTROL_LOCK:
            c = dict(CONTROL)
        mode = c["mode"]
        if mode == "ok" and c["kind"] == "csv":
            etag = '"s%s"' % c["feed"]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.reply(200, sheet_variant(c["feed"]), "text/csv; charset=utf-8",
                       [("ETag", etag)])
        elif mode == "ok":
            etag = '"v%s"' % c["feed"]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.reply(200, feed_variant(c["feed"]), headers=[("ETag", etag)])
        elif mode == "status":
            self.reply(int(c["code"]), b"", "text/plain")
        elif mode == "retry":
            if c["retry_date"]:
                value = email.utils.formatdate(float(c["retry_date"]), usegmt=True)
            else:
                value = c["retry_after"]
            self.reply(int(c["code"]), b"try later", "text/plain", [("Retry-After", value)])
        elif mode == "hang":
            time.sleep(3600)
        elif mode == "signin":
            self.reply(200, SIGNIN, "text/html; charset=utf-8")
        else:
            ROUTES["/" + mode](self)

    def sheet_publish(self):
        # docs.google.com/.../pub?output=csv -> 307 -> googleusercontent -> 302 -> the CSV
        where = "http://127.0.0.1:%d/pub-hop?gid=0" % self.server.server_address[1]
        self.reply(307, b"", "text/html", [("Location", where)])

    def sheet_hop(self):
        where = "http://127.0.0.1:%d/feed" % self.server.server_address[1]
        self.reply(302, b"", "text/html", [("Location", where)])

    def sheet_export(self):
        where = "http://127.0.0.1:%d/feed" % self.server.server_address[1]
        self.reply(307, b"", "text/html", [("Location", where)])

    def gzipped(self):
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            self.reply(406, b"gzip only", "text/plain")
            return
        self.reply(200, gzip.compress(FEED), headers=[("Content-Encoding", "gzip")])


ROUTES = {
    "/ok": Handler.ok,
    "/ok-last-modified": Handler.ok_last_modified,
    "/auth": Handler.auth,
    "/user-agent": Handler.user_agent,
    "/404": lambda h: h.reply(404, b"gone", "text/plain"),
    "/500": lambda h: h.reply(500, b"oops", "text/plain"),
    "/429": Handler.retry_seconds,
    "/503": Handler.retry_date,
    "/slow": Handler.slow,
    "/trickle": Handler.trickle,
    "/truncated": Handler.truncated,
    "/huge": Handler.huge,
    "/huge-length": Handler.huge_with_length,
    "/redirect-loop": Handler.redirect_loop,
    "/redirect-file": Handler.redirect_file,
    "/html": Handler.html,
    "/gzip-bomb": Handler.gzip_bomb,
    "/redirect-other-host": Handler.redirect_other_host,
    "/no-auth": Handler.no_auth,
    "/redirect-to": Handler.redirect_to,
    "/notfeed": Handler.notfeed,
    "/gzip": Handler.gzipped,
    "/control": Handler.control,
    "/feed": Handler.switched,
    "/spreadsheets/d/e/KEY/pub": Handler.sheet_publish,
    "/pub-hop": Handler.sheet_hop,
    "/spreadsheets/d/KEY/export": Handler.sheet_export,
}


def make_cert(directory):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


def main():
    args = sys.argv[1:]
    port = 0
    tls_dir = None
    while args:
        if args[0] == "--port" and len(args) > 1:
            port = int(args[1])
        elif args[0] == "--tls" and len(args) > 1:
            tls_dir = args[1]
        args = args[2:]
    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    if tls_dir:
        cert, key = make_cert(tls_dir)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    sys.stdout.write("%d\n" % server.server_address[1])
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
