"""Serving a built site on 127.0.0.1 and driving Debian's Chromium with Playwright."""
from __future__ import annotations

import contextlib
import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve FOLDER at http://127.0.0.1:PORT/ (loopback only); yields that URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator:
    """A headless Chromium page (Playwright) that records console errors and dialogs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.console_errors = []
            page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
            page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
            yield page
        finally:
            browser.close()


def search(page, query: str) -> list[str]:
    """Type QUERY into the open search page and press Enter: the hrefs of the article results drawn."""
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    done = f"#search-results[data-state=done][data-query={json.dumps(query.strip(), ensure_ascii=False)}]"
    page.locator(done).wait_for(state="attached")
    return page.locator("#search-results a.search-result-title").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
