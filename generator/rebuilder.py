"""Rebuilds for `build --serve` from a warm process: Python started and the generator imported once.

`build --serve` never builds in its own process (it has threads, and a build forks its
workers), and starting Python and importing the generator was most of a small site's rebuild.
So one process (`python -m generator.rebuilder ARGS`) imports everything, starts no thread,
and for each `build` line it reads forks a child that builds as `build ARGS` would, its output
captured; it answers with one line of JSON: the exit code, standard output and standard error.
Then, until the next line comes, it reads the archive's cache entries into memory
(diskcache.keep_resident: the articles' and the stories'), so that the next build finds them
read: at 10,000 articles reading them was 4 to 6 s of each rebuild. If the generator's own code
changes, that process stops (its modules would be stale), and Rebuilder starts a new one; if it
cannot, the build runs as a process of its own.

The child of a build that wrote build/ does not exit: it keeps the site it built (the keeper,
generator.keeper), and answers each `preview PATHS` line with the pages of the articles edited at
PATHS, rendered against that site (generator.preview). The next build that writes build/ replaces
it; one that finds nothing changed leaves it (or, if there is none, as when the server starts,
its child makes the site again from the caches and keeps it); one that fails stops it.
"""
from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, NoReturn

from generator import diskcache
from generator.keeper import Child, keep, room_beside


@dataclass(frozen=True, slots=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


STOPPING = Outcome(1, "", "the server is stopping: no build")
NO_PREVIEW = {"pages": None, "error": ""}


class Rebuilder:
    """Builds with ARGS (as `build ARGS`), each in a child of the warm process; previews by the
    child of the last build."""

    def __init__(self, args: Sequence[str]) -> None:
        self.args = list(args)
        self.process: subprocess.Popen | None = None
        self.closed = False
        self.starting = threading.Lock()  # close() and a start: one after the other

    def build(self) -> Outcome:
        for _ in range(2):  # a warm process that stopped (its code changed) is started again once
            process = self.process if self.process and self.process.poll() is None else self._start()
            if process is None:
                return STOPPING
            reply = self._ask(process, "build")
            if reply:
                return Outcome(**json.loads(reply))
            self._stop()
        if self.closed:
            return STOPPING
        child = subprocess.run([sys.executable, "-m", "generator", *self.args], capture_output=True, text=True,
                               check=False)
        return Outcome(child.returncode, child.stdout, child.stderr)

    def preview(self, changed: Sequence[str]) -> tuple[dict[str, bytes] | None, str]:
        """The pages (output file -> bytes) of the articles at CHANGED, the paths of the files that
        changed, or None (see generator.preview); and the error of a preview that failed. Returns
        once the last build's site is ready for previews, so CHANGED=() waits for that."""
        process = self.process
        alive = process is not None and process.poll() is None and not self.closed
        reply = self._ask(process, "preview " + json.dumps(list(changed))) if alive else ""
        try:
            found = json.loads(reply) if reply else NO_PREVIEW
        except ValueError:  # half a line: the warm process died writing it
            found = NO_PREVIEW
        pages = found["pages"]
        return ({name: html.encode("utf-8") for name, html in pages.items()} if pages is not None else None,
                found["error"])

    def close(self) -> None:
        """Stop the warm process, and with it the child that keeps the last site; no build after."""
        with self.starting:
            self.closed = True
        self._stop()

    def _stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        for stop in (process.stdin.close, process.terminate, process.kill):  # each stops its keeper but the last
            try:
                stop()
                process.wait(timeout=2)
                return
            except (OSError, ValueError, subprocess.TimeoutExpired):
                continue
        process.wait()

    def _ask(self, process: subprocess.Popen, line: str) -> str:
        try:
            process.stdin.write(line + "\n")
            process.stdin.flush()
            return process.stdout.readline()
        except (OSError, ValueError):  # gone, or closed meanwhile by close()
            return ""

    def _start(self) -> subprocess.Popen | None:
        with self.starting:
            if not self.closed:
                self.process = subprocess.Popen([sys.executable, "-m", "generator.rebuilder", *self.args],
                                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                return self.process
            return None


def main(args: Sequence[str]) -> int:
    """The warm process: a build of ARGS for each `build` line of standard input, a preview for
    each `preview` line, until it ends."""
    from generator import cli, pipeline, preview  # noqa: F401 - imported once, before any fork
    from generator.archive.story_memo import MEMO_DIR
    from generator.perarticle import CACHE_DIR

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which then stops this
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # and so is this, but its keeper goes too
    code_at_start = _code_digest()
    source = cli.build_parser().parse_args(args).source
    keeper: Child | None = None
    try:
        for line in sys.stdin:
            if _code_digest() != code_at_start:
                return 0
            if line.startswith("preview "):
                reply = (keeper.ask(json.loads(line[len("preview "):])) if keeper else None) or NO_PREVIEW
            else:
                reply, keeper = _build_in_child(cli.main, args, keeper)
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()
            diskcache.keep_resident([source / CACHE_DIR, source / MEMO_DIR], stop=_asked)
    finally:
        if keeper:
            keeper.kill()
    return 0


def _asked() -> bool:
    """Whether the next line (a build) is waiting on standard input."""
    return bool(select.select([sys.stdin], [], [], 0)[0])


def _build_in_child(build, args: Sequence[str], keeper: Child | None) -> tuple[dict[str, object], Child | None]:
    """The outcome of BUILD(ARGS, built) in a child (exit code, standard output and error), and
    the child that keeps the last site built: this one if it built one, or if nothing changed and
    KEEPER (the one before) is gone; KEEPER if nothing changed; none if the build failed."""
    if keeper and not room_beside(keeper):  # two sites at once would not fit: no keeper meanwhile
        keeper.kill()
        keeper = None
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = _fork(build, args, out, err, keeper.fds() if keeper else ())
        report = child.report() or {}
        made = report.get("site")  # "new", "same" (nothing changed, so not built) or None
        if made == "new" or (made == "same" and not _alive(keeper)):
            if keeper:
                keeper.kill()
            keeper, code = child, report["code"]
            child.tell("keep")
        else:
            if made is None and keeper:  # the build failed: no previews until one succeeds
                keeper.kill()
                keeper = None
            code = child.wait()
        out.seek(0)
        err.seek(0)
        return {"code": code, "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace")}, keeper


def _alive(child: Child | None) -> bool:
    return child is not None and not select.select([child.pidfd], [], [], 0)[0]


def _fork(build, args: Sequence[str], out: IO[bytes], err: IO[bytes], inherited: Sequence[int]) -> Child:
    commands_read, commands_write = os.pipe()
    reports_read, reports_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        for fd in (commands_write, reports_read, *inherited):  # the parent's, not this child's
            os.close(fd)
        _child(build, args, out, err, commands_read, reports_write)
    os.close(commands_read)
    os.close(reports_write)
    return Child(pid, commands_write, reports_read)


def _child(build, args: Sequence[str], out: IO[bytes], err: IO[bytes], commands: int, reports: int) -> NoReturn:
    """Build (standard output and error into OUT and ERR) and report; keep the site if told to."""
    code, kept = 1, []
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        code = build(list(args), lambda config, site: kept.append((config, site)))
    except BaseException:  # noqa: BLE001 - reported to the server, which shows it
        traceback.print_exc()
        kept.clear()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    try:
        with os.fdopen(reports, "w", encoding="utf-8") as report, os.fdopen(commands, "r", encoding="utf-8") as orders:
            made = ("same" if kept[0][1] is None else "new") if kept else None
            report.write(json.dumps({"code": code, "site": made}) + "\n")
            report.flush()
            if kept and orders.readline() == '"keep"\n':
                keep(*kept[0], orders, report)
    finally:
        os._exit(code)


def _code_digest() -> bytes:
    """The generator's code as it is on disk now (package_digest remembers it as it was)."""
    return diskcache.package_digest.__wrapped__()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
