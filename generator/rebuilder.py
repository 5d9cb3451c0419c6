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

The child of a build that wrote build/ does not exit: it keeps the site it built (the keeper),
and answers each `preview PATHS` line with the pages of the articles edited at PATHS, rendered
against that site (generator.preview), until the next build replaces it.
"""
from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, NoReturn

from generator import diskcache


@dataclass(frozen=True, slots=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


class Rebuilder:
    """Builds with ARGS (as `build ARGS`), each in a child of the warm process; previews by the
    child of the last build."""

    def __init__(self, args: Sequence[str]) -> None:
        self.args = list(args)
        self.process: subprocess.Popen | None = None

    def build(self) -> Outcome:
        for _ in range(2):  # a warm process that stopped (its code changed) is started again once
            process = self.process if self.process and self.process.poll() is None else self._start()
            reply = self._ask(process, "build")
            if reply:
                return Outcome(**json.loads(reply))
            self.close()
        child = subprocess.run([sys.executable, "-m", "generator", *self.args], capture_output=True, text=True,
                               check=False)
        return Outcome(child.returncode, child.stdout, child.stderr)

    def preview(self, changed: Sequence[str]) -> tuple[dict[str, bytes] | None, str]:
        """The pages (output file -> bytes) of the articles at CHANGED, the paths of the files that
        changed, or None (see generator.preview); and the error of a preview that failed. Returns
        once the last build's site is ready for previews, so CHANGED=() waits for that."""
        process = self.process
        reply = self._ask(process, "preview " + json.dumps(list(changed))) if process and process.poll() is None else ""
        if not reply:
            return None, ""
        found = json.loads(reply)
        pages = found["pages"]
        return ({name: html.encode("utf-8") for name, html in pages.items()} if pages is not None else None,
                found["error"])

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def _ask(self, process: subprocess.Popen, line: str) -> str:
        try:
            process.stdin.write(line + "\n")
            process.stdin.flush()
            return process.stdout.readline()
        except OSError:
            return ""

    def _start(self) -> subprocess.Popen:
        self.process = subprocess.Popen([sys.executable, "-m", "generator.rebuilder", *self.args],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self.process


class Keeper:
    """The child of the last build that wrote build/, holding its site for previews."""

    def __init__(self, pid: int, commands: IO[str], reports: IO[str]) -> None:
        self.pid, self.commands, self.reports = pid, commands, reports

    def preview(self, changed: list[str]) -> dict[str, object]:
        try:
            self.commands.write(json.dumps(changed) + "\n")
            self.commands.flush()
            reply = self.reports.readline()
        except OSError:
            reply = ""
        return json.loads(reply) if reply else {"pages": None, "error": ""}

    def close(self) -> None:
        """Stop it at once, even while it is still making its site ready."""
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        for pipe in (self.commands, self.reports):
            try:
                pipe.close()
            except OSError:
                pass  # a keeper that died: its pipe was broken


def main(args: Sequence[str]) -> int:
    """The warm process: a build of ARGS for each `build` line of standard input, a preview for
    each `preview` line, until it ends."""
    from generator import cli, pipeline, preview  # noqa: F401 - imported once, before any fork
    from generator.archive.story_memo import MEMO_DIR
    from generator.perarticle import CACHE_DIR

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which then stops this
    code_at_start = _code_digest()
    source = cli.build_parser().parse_args(args).source
    keeper: Keeper | None = None
    for line in sys.stdin:
        if _code_digest() != code_at_start:
            return 0
        if line.startswith("preview "):
            reply = keeper.preview(json.loads(line[len("preview "):])) if keeper else {"pages": None, "error": ""}
        else:
            if keeper:
                keeper.close()
            reply, keeper = _build_in_child(cli.main, args)
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
        diskcache.keep_resident([source / CACHE_DIR, source / MEMO_DIR], stop=_asked)
    return 0


def _asked() -> bool:
    """Whether the next line (a build) is waiting on standard input."""
    return bool(select.select([sys.stdin], [], [], 0)[0])


def _build_in_child(build, args: Sequence[str]) -> tuple[dict[str, object], Keeper | None]:
    """The outcome of BUILD(ARGS, built) in a child (exit code, standard output and error), and
    the child, if it stays to keep the site it built."""
    commands_read, commands_write = os.pipe()
    reports_read, reports_write = os.pipe()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:
            os.close(commands_write)
            os.close(reports_read)
            _child(build, args, out, err, commands_read, reports_write)
        os.close(commands_read)
        os.close(reports_write)
        reports = os.fdopen(reports_read, "r", encoding="utf-8")
        report = json.loads(reports.readline() or "{}")
        keeper = None
        if report.get("keeps"):
            keeper, code = Keeper(pid, os.fdopen(commands_write, "w", encoding="utf-8"), reports), report["code"]
        else:  # it exits (or died: no report)
            reports.close()
            os.close(commands_write)
            code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        out.seek(0)
        err.seek(0)
        return {"code": code, "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace")}, keeper


def _child(build, args: Sequence[str], out: IO[bytes], err: IO[bytes], commands: int, reports: int) -> NoReturn:
    """Build (standard output and error into OUT and ERR), report, and keep the site if it was
    written: answer previews from COMMANDS on REPORTS until COMMANDS ends."""
    code, kept = 1, []
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
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
        with os.fdopen(reports, "w", encoding="utf-8") as report:
            report.write(json.dumps({"code": code, "keeps": bool(kept)}) + "\n")
            report.flush()
            if kept:
                _keep(*kept[0], os.fdopen(commands, "r", encoding="utf-8"), report)
    finally:
        os._exit(code)


def _keep(config, site, commands: IO[str], report: IO[str]) -> None:
    from generator import preview

    quiet = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # the server's pipes and the build's output are not this one's to hold
        os.dup2(quiet, fd)
    try:
        warm, error = preview.warm_up(config, site), ""
    except Exception:  # noqa: BLE001 - no previews then, and the server says why
        warm, error = None, traceback.format_exc()
    for line in commands:
        reply: dict[str, object] = {"pages": None, "error": error}
        if warm is not None:
            try:
                pages = preview.preview(warm, json.loads(line))
                reply["pages"] = {name: html.decode("utf-8") for name, html in pages.items()} if pages else None
            except Exception:  # noqa: BLE001 - a bug in previews must not stop the server
                reply["error"] = traceback.format_exc()
        report.write(json.dumps(reply) + "\n")
        report.flush()


def _code_digest() -> bytes:
    """The generator's code as it is on disk now (package_digest remembers it as it was)."""
    return diskcache.package_digest.__wrapped__()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
