"""`build --serve`: the site on 127.0.0.1, rebuilt when site.yaml, corrections.yaml, content/ or
templates/ change, and reloaded in every open page.

A rebuild reuses the per-article cache, so an edit to one article re-annotates only that one.
Before it, an edit to an article is previewed: the pages of that article and its story are made
against the last build (generator.preview), served from memory and reloaded in the open pages;
the rebuild then replaces them.
A failed rebuild leaves build/ as it was (the build writes nothing then): the server keeps
serving the last good site, the terminal prints the error, and the open pages show it above
their content until a rebuild succeeds. Pages learn of rebuilds through server-sent events from
a small script the server adds to every HTML page it serves (never to the files in build/); it
comes from the site's own origin, so the site's Content-Security-Policy lets it run.
"""
from __future__ import annotations

import functools
import json
import os
import stat
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

EVENTS = "/__reload/events"
CLIENT = "/__reload/client.js"
POLL_SECONDS = 0.3
SETTLE_SECONDS = 0.1
KEEPALIVE_SECONDS = 10.0
PREVIEW_MOST = 20
"""More files changed at once than this (a checkout, say) are not previewed: the rebuild is sooner."""

CLIENT_JS = b"""/* build --serve: reload on each rebuild; show a failed one's error. Not part of the site. */
(function () {
  "use strict";
  var events = new EventSource("/__reload/events");
  events.addEventListener("reload", function () { window.location.reload(); });
  var preview = document.currentScript && document.currentScript.hasAttribute("data-preview");
  events.addEventListener("failed", function (event) {
    if (preview) { window.location.reload(); return; }  /* a preview's rebuild failed: the last good page */
    var box = document.getElementById("build-error") || document.createElement("pre");
    box.id = "build-error";
    box.setAttribute("role", "alert");
    box.textContent = "The last rebuild failed; you are seeing the last good build.\\n\\n" + JSON.parse(event.data);
    box.style.whiteSpace = "pre-wrap";
    box.style.margin = "0";
    box.style.padding = "1rem";
    box.style.background = "#8b0000";
    box.style.color = "#fff";
    box.style.font = "14px/1.4 monospace";
    document.body.insertBefore(box, document.body.firstChild);
  });
})();
"""


class Reloader:
    """The generation of the last good build (or preview) and the error of the last failed one,
    for the pages."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.generation = 0
        self.error = ""

    def built(self) -> None:
        self.failed("")

    def failed(self, message: str) -> None:
        with self.changed:
            self.generation, self.error = self.generation + 1, message
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, str]:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen, timeout)
            return self.generation, self.error


def snapshot(root: Path) -> dict[str, tuple]:
    """Path -> (mtime, size, ctime, inode) of every file a build of ROOT reads: site.yaml,
    corrections.yaml, content/ as scan.py reads it (hidden names skipped) and templates/ as the
    theme does (hidden names read); linked folders followed unless they lead back into their own
    folder. Each link is there itself too (its target), so that one added or removed, dangling or
    looping, is a change, and so is a folder that cannot be listed. By os.scandir: at 10,000
    articles, Path.rglob and a Path.stat a file took 0.34-0.44 s of every poll; this, 0.14 s."""
    found: dict[str, tuple] = {}
    for name in ("site.yaml", "corrections.yaml", "content", "templates"):
        path = str(root / name)
        if os.path.islink(path):
            found[path + " ->"] = (os.readlink(path),)
        _visit(path, (), name == "content", found)
    return found


def _visit(path: str, ancestors: tuple[str, ...], hidden_skipped: bool, found: dict[str, tuple]) -> None:
    try:
        status = os.stat(path)
    except OSError:
        return  # missing, or a dangling link (there as a link)
    if not stat.S_ISDIR(status.st_mode):
        found[path] = (status.st_mtime_ns, status.st_size, status.st_ctime_ns, status.st_ino)
        return
    real = os.path.realpath(path)
    if real in ancestors:
        return  # a loop, which the build reports (there as a link)
    try:
        with os.scandir(path) as entries:
            listed = sorted((entry.name, entry.is_symlink()) for entry in entries
                            if not (hidden_skipped and entry.name.startswith(".")))
    except OSError as err:
        found[path + "/"] = ("cannot be listed", err.errno)
        return
    for name, is_link in listed:
        child = os.path.join(path, name)
        if is_link:
            try:
                found[child + " ->"] = (os.readlink(child),)
            except OSError:
                pass
        _visit(child, (*ancestors, real), hidden_skipped, found)


def watch(root: Path, rebuild: Callable[[list[str]], None], stop: threading.Event,
          ready: Callable[[], None] = lambda: None, last: dict[str, tuple] | None = None) -> None:
    """Call REBUILD with the paths of the watched files that changed, whenever some did, once the
    changes have settled: no change in the SETTLE_SECONDS after the last one seen (an editor may
    write a file in several steps). READY: called before watching; LAST: the snapshot() changes
    are seen from (default: one taken first)."""
    last = snapshot(root) if last is None else last
    ready()
    while not stop.wait(POLL_SECONDS):
        now = snapshot(root)
        if now == last:
            continue
        while not stop.wait(SETTLE_SECONDS):
            settled = snapshot(root)
            if settled == now:
                break
            now = settled
        changed = sorted(path for path in last.keys() | now.keys() if last.get(path) != now.get(path))
        last = now
        rebuild(changed)


def handler(output: Path, site: dict[str, str], reloader: Reloader, previews: Mapping[str, bytes]):
    """SITE["base"]: the path the site lives under (base_url's), read again after every rebuild;
    PREVIEWS: output file (as under OUTPUT) -> the page to serve instead, until the rebuild."""
    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args) -> None:
            pass

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == EVENTS:
                return self.stream_events()
            if path == CLIENT:
                return self.send_bytes(CLIENT_JS, "text/javascript; charset=utf-8")
            if not path.startswith(site["base"]):
                self.send_response(302)
                self.send_header("Location", site["base"])
                self.end_headers()
                return None
            file = Path(self.translate_path(path))
            if file.is_dir():
                file = file / "index.html"
            shown = previews.get(file.relative_to(output).as_posix()) if file.is_relative_to(output) else None
            if shown is not None or (file.suffix == ".html" and file.is_file()):
                head, body_end, tail = (shown or file.read_bytes()).rpartition(b"</body>")
                marked = " data-preview" if shown is not None else ""  # it reloads if the rebuild fails
                script = f'<script src="{CLIENT}"{marked}></script>'.encode()
                html = head + script + body_end + tail if body_end else tail + script
                return self.send_bytes(html, "text/html; charset=utf-8")
            return super().do_GET()

        def translate_path(self, path: str) -> str:
            rest = urlsplit(path).path.removeprefix(site["base"].rstrip("/"))
            return super().translate_path(rest or "/")

        def send_bytes(self, data: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def stream_events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen, error = reloader.generation, reloader.error
            try:
                if error:
                    self.send_event("failed", error)
                while True:
                    generation, error = reloader.wait(seen, KEEPALIVE_SECONDS)
                    if generation == seen:
                        self.wfile.write(b": still here\n\n")
                    else:
                        seen = generation
                        self.send_event("failed" if error else "reload", error)
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

        def send_event(self, name: str, data: str) -> None:
            self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
            self.wfile.flush()

    return functools.partial(Handler, directory=str(output))


def serve(root: Path, output: Path, port: int, rebuild: Callable[[], str], base: Callable[[], str],
          preview: Callable[[Sequence[str]], dict[str, bytes] | None] = lambda changed: None) -> int:
    """Build, then serve OUTPUT at http://127.0.0.1:PORT<base> until interrupted. REBUILD builds and
    writes the site and returns "" or the error that kept it from being written; BASE gives the
    path the site lives under (site.yaml's base_url, "/" while site.yaml is broken); PREVIEW gives
    the pages an edit to the files at its paths changes, ahead of the rebuild, or None (and with
    no paths, returns once it is ready)."""
    reloader = Reloader()
    site = {"base": "/"}
    previews: dict[str, bytes] = {}
    seen = snapshot(root)  # before the first build: an edit made during it is rebuilt

    content = os.path.join(root, "content", "")

    def again(changed: Sequence[str] = ()) -> None:
        started = time.monotonic()
        pages = None
        try:
            if 0 < len(changed) <= PREVIEW_MOST and all(path.startswith(content) for path in changed):
                pages = preview(changed)
            if pages:
                previews.update(pages)
                reloader.built()
                print(f"previewed {len(pages)} page(s) in {time.monotonic() - started:.1f} s; rebuilding the site",
                      flush=True)
            error = rebuild()
            site["base"] = base()
        except Exception as err:  # noqa: BLE001 - the watcher must go on watching
            error = f"the rebuild stopped: {type(err).__name__}: {err}"
        finally:
            previews.clear()  # (before the pages hear of it: one showing a preview reloads if it failed)
        if error:
            reloader.failed(error)
            print(f"rebuild failed; still serving the last good site ({time.monotonic() - started:.1f} s)",
                  file=sys.stderr, flush=True)
        else:
            reloader.built()

    def ready() -> None:
        started = time.monotonic()
        preview(())
        print(f"watching for changes (ready for previews in {time.monotonic() - started:.1f} s)", flush=True)

    again()
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler(output, site, reloader, previews))
    except OSError as err:
        print(f"error: cannot listen on 127.0.0.1:{port} ({err.strerror}): give another --port", file=sys.stderr)
        return 1
    server.daemon_threads = True
    stop = threading.Event()
    print(f"serving http://127.0.0.1:{server.server_address[1]}{site['base']} (Ctrl-C to stop)", flush=True)
    watcher = threading.Thread(target=watch, args=(root, again, stop, ready, seen), daemon=True)
    watcher.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
