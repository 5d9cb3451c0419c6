"""A progress line on standard error for long work, only when it is a terminal.

Piped or redirected output stays quiet and parseable: nothing is written then.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

REFRESH_SECONDS = 0.1


class Progress:
    """`label  done/total  percent`, redrawn in place at most ten times a second, erased at the end."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.label, self.total, self.done = label, total, 0
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty() and total > 0
        self.drawn = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.shown and (now - self.drawn >= REFRESH_SECONDS or self.done == self.total):
            self.drawn = now
            self.stream.write(f"\r{self.label}  {self.done}/{self.total}  {100 * self.done // self.total}%")
            self.stream.flush()

    def close(self) -> None:
        if self.shown and self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
