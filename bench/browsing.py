"""A built site served on 127.0.0.1 and Debian's Chromium, for the benchmarks and scripts/.

(The tests have their own, tests/browser.py: the test suite does not import the benchmarks.)
"""
from __future__ import annotations

import functools
import http.server
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync"]


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """FOLDER at http://127.0.0.1:PORT/ (loopback only) until the block ends; yields that URL. The
    server is a process of its own, as a static host is: in this one, its threads would wait on
    Playwright's (the interpreter runs one thread at a time), and time the page spends on each
    fetch would be this script's, not the site's."""
    server = subprocess.Popen([sys.executable, __file__, str(folder)], stdout=subprocess.PIPE, text=True)
    try:
        port = server.stdout.readline().strip()
        if not port.isdigit():
            raise RuntimeError(f"the server for {folder} did not start")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()


def serve_forever(folder: Path) -> None:
    """Serve FOLDER on 127.0.0.1 at a free port, printed first, until stopped."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # connections kept alive, as a static host keeps them
        disable_nagle_algorithm = True

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    print(server.server_address[1], flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server.serve_forever()


@contextmanager
def chromium():
    """A headless Chromium browser (Playwright), closed when the block ends."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


if __name__ == "__main__":
    serve_forever(Path(sys.argv[1]))
