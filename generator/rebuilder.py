"""Rebuilds for `build --serve` from a warm process: Python started and the generator imported once.

`build --serve` never builds in its own process (it has threads, and a build forks its
workers), and starting Python and importing the generator was most of a small site's rebuild.
So one process (`python -m generator.rebuilder ARGS`) imports everything, starts no thread,
and for each line it reads forks a child that builds as `build ARGS` would, its output
captured; it answers with one line of JSON: the exit code, standard output and standard error.
Then, until the next line comes, it reads the archive's cache entries into memory
(diskcache.keep_resident: the articles' and the stories'), so that the next build finds them
read: at 10,000 articles reading them was 4 to 6 s of each rebuild. If the generator's own code changes, that process stops (its modules would be stale), and
Rebuilder starts a new one; if it cannot, the build runs as a process of its own.
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
from typing import IO

from generator import diskcache


@dataclass(frozen=True, slots=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


class Rebuilder:
    """Builds with ARGS (as `build ARGS`), each in a child of the warm process."""

    def __init__(self, args: Sequence[str]) -> None:
        self.args = list(args)
        self.process: subprocess.Popen | None = None

    def build(self) -> Outcome:
        for _ in range(2):  # a warm process that stopped (its code changed) is started again once
            process = self.process if self.process and self.process.poll() is None else self._start()
            try:
                process.stdin.write("build\n")
                process.stdin.flush()
                reply = process.stdout.readline()
            except OSError:
                reply = ""
            if reply:
                return Outcome(**json.loads(reply))
            self.close()
        child = subprocess.run([sys.executable, "-m", "generator", *self.args], capture_output=True, text=True,
                               check=False)
        return Outcome(child.returncode, child.stdout, child.stderr)

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def _start(self) -> subprocess.Popen:
        self.process = subprocess.Popen([sys.executable, "-m", "generator.rebuilder", *self.args],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self.process


def main(args: Sequence[str]) -> int:
    """The warm process: a build of ARGS for each line of standard input, until it ends."""
    from generator import cli, pipeline  # noqa: F401 - imported once, before any fork
    from generator.archive.story_memo import MEMO_DIR
    from generator.perarticle import CACHE_DIR

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which then stops this
    code_at_start = _code_digest()
    source = cli.build_parser().parse_args(args).source
    for _ in sys.stdin:
        if _code_digest() != code_at_start:
            return 0
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            code = _build_in_child(cli.main, args, out, err)
            out.seek(0)
            err.seek(0)
            reply = {"code": code, "stdout": out.read().decode("utf-8", "replace"),
                     "stderr": err.read().decode("utf-8", "replace")}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
        diskcache.keep_resident([source / CACHE_DIR, source / MEMO_DIR], stop=_asked)
    return 0


def _asked() -> bool:
    """Whether the next line (a build) is waiting on standard input."""
    return bool(select.select([sys.stdin], [], [], 0)[0])


def _build_in_child(build, args: Sequence[str], out: IO[bytes], err: IO[bytes]) -> int:
    pid = os.fork()
    if pid == 0:  # the child: standard output and error into the files, then exit with the build's code
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            code = build(list(args))
        except BaseException:  # noqa: BLE001 - reported to the server, which shows it
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _code_digest() -> bytes:
    """The generator's code as it is on disk now (package_digest remembers it as it was)."""
    return diskcache.package_digest.__wrapped__()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
