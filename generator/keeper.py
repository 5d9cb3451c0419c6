"""The children of the warm process of `build --serve` (generator.rebuilder), and the one among
them that keeps the last site for previews.

A child and its parent talk over two pipes, a line of JSON at a time. The parent also holds a
pidfd of the child: a child that dies without a word is noticed even when processes it forked
(a build's workers) still hold its end of the pipe open.
"""
from __future__ import annotations

import json
import os
import select
import signal
import traceback
from typing import IO, Any


class Child:
    """A forked child, seen from its parent: COMMANDS and REPORTS, the parent's ends of its pipes."""

    def __init__(self, pid: int, commands: int, reports: int) -> None:
        self.pid = pid
        self.pidfd = os.pidfd_open(pid)
        self.commands = commands  # unbuffered: a line that cannot be sent is not left to send at close
        self.reports = os.fdopen(reports, "r", encoding="utf-8")
        self.code: int | None = None

    def fds(self) -> tuple[int, ...]:
        """The parent's descriptors of this child: for another child to close."""
        return self.pidfd, self.commands, self.reports.fileno()

    def tell(self, message: Any) -> bool:
        try:
            os.write(self.commands, (json.dumps(message) + "\n").encode("utf-8"))  # a pipe takes a line whole
            return True
        except OSError:
            return False  # it is gone

    def report(self) -> Any:
        """Its next line of JSON; None once it has exited without one."""
        select.select([self.reports, self.pidfd], [], [])
        if not select.select([self.reports], [], [], 0)[0]:
            return None
        line = self.reports.readline()
        try:
            return json.loads(line) if line else None
        except ValueError:
            return None

    def ask(self, message: Any) -> Any:
        return self.report() if self.tell(message) else None

    def wait(self) -> int:
        """Its exit code, once it has exited (told to: it reads no more commands)."""
        if self.code is None:
            os.close(self.commands)
            self.code = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
            self.reports.close()
            os.close(self.pidfd)
        return self.code

    def memory(self) -> int:
        """Its resident memory, in kB (0 if it cannot be read)."""
        return _kilobytes(f"/proc/{self.pid}/status", "VmRSS:")

    def kill(self) -> int:
        """Stop it at once (a keeper may still be making its site ready)."""
        if self.code is None:
            try:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it has exited: wait() reaps it
        return self.wait()


def room_beside(keeper: Child) -> bool:
    """Whether a build can run while KEEPER lives: a build takes about twice the memory of the site
    it makes (its parts share it while they render), so twice the keeper's must be available.
    At 10,000 articles a keeper holds about 1.2 GB; at 100,000, ten times that, which a build
    beside it could not have on a machine of 24 GB."""
    return 2 * keeper.memory() < _kilobytes("/proc/meminfo", "MemAvailable:")


def _kilobytes(path: str, field: str) -> int:
    try:
        with open(path, encoding="ascii") as lines:
            return next((int(line.split()[1]) for line in lines if line.startswith(field)), 0)
    except (OSError, ValueError):
        return 0


def keep(config, site, commands: IO[str], reports: IO[str]) -> None:
    """In the child that built SITE: make it ready for previews, then answer each list of changed
    paths read from COMMANDS with the pages of a preview on REPORTS (generator.preview), until
    COMMANDS ends."""
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
        reports.write(json.dumps(reply) + "\n")
        reports.flush()
