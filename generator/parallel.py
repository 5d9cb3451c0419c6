"""Independent work at once, one forked process per core; or one piece beside the rest.

The work is closures over the site, which a forked worker inherits as it is: nothing is
copied in, only what each piece of work returns comes back (pickled). Where fork is
unavailable, or other threads run (build --serve: forking a threaded process is unsafe),
the work runs one piece after another in this process.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise
from typing import Any, TypeVar

from . import collector
from .errors import BuildError
from .write import Kept

T = TypeVar("T")
R = TypeVar("R")
Part = tuple[str, Callable[[], dict[str, bytes | Kept]]]
_CALLS: Sequence[Callable[[], Any]] = ()
SHARES_PER_WORKER = 4
"""map_forked cuts its items into this many shares per worker, so that a slow share is not the last."""


def run_parts(parts: Sequence[Part], workers: int | None = None) -> tuple[dict[str, bytes | Kept], list[tuple[str, float]]]:
    """Every part's files, merged in the order of PARTS, and each part's (name, seconds)."""
    outcomes = _at_once([timed(lambda make=make: _shipped(make())) for _, make in parts], workers)
    files: dict[str, bytes | Kept] = {}
    for (paths, values, kept), _ in outcomes:
        for n in kept:
            values[n] = Kept(values[n])
        files.update(zip(paths, values, strict=True))
    return files, [(name, seconds) for (name, _), (_, seconds) in zip(parts, outcomes)]


def _shipped(files: dict[str, bytes | Kept]) -> tuple[list[str], list[Any], list[int]]:
    """FILES as a worker sends them back: their paths, each one's bytes or, if Kept, its digest, and
    the positions of those Kept (quick to pickle and load: 50,000 Kept objects took 0.3 s, at
    10,000 articles)."""
    values = list(files.values())
    kept = [n for n, value in enumerate(values) if isinstance(value, Kept)]
    for n in kept:
        values[n] = values[n].digest
    return list(files), values, kept


def map_forked(compute: Callable[[T], R], items: Sequence[T], workers: int | None = None) -> list[R]:
    """COMPUTE of each item, in the order of ITEMS, the items shared out among the workers."""
    workers = workers or os.cpu_count() or 1
    count = min(len(items), workers * SHARES_PER_WORKER)
    bounds = [len(items) * n // count for n in range(count + 1)] if count else [0]
    shares = [items[start:end] for start, end in pairwise(bounds)]
    done = _at_once([lambda share=share: [compute(item) for item in share] for share in shares], workers)
    return [result for share in done for result in share]


class Beside:
    """CALL, started in a forked process that works while this one goes on: beside(CALL)."""

    def __init__(self, call: Callable[[], T]) -> None:
        self.call = call
        self.answer: tuple[str, Any] | None = None
        self.process: multiprocessing.process.BaseProcess | None = None
        if _forkable():
            collector.freeze()  # the objects the process inherits: neither collector goes over them
            self.receiving, sending = multiprocessing.Pipe(duplex=False)
            self.process = multiprocessing.get_context("fork").Process(
                target=_send, args=(call, sending, self.receiving), daemon=True)
            self.process.start()
            sending.close()

    def value(self) -> T:
        """What CALL returned (or raise what it raised), the same each time it is asked for. CALL
        runs here, now, if it could not be started beside, or if its process died or its answer
        cannot be read here."""
        if self.answer is None:
            self.answer = self._answer()
        outcome, value = self.answer
        if outcome == "raised":
            raise value
        return value

    def _answer(self) -> tuple[str, Any]:
        if self.process is not None:
            try:
                return self.receiving.recv()
            except Exception:  # noqa: BLE001, S110 - gone, or an exception that cannot be made again here
                pass
            finally:
                self.stop()
        try:
            return "returned", self.call()
        except Exception as raised:  # noqa: BLE001 - kept, to raise again if asked again
            return "raised", raised

    def stop(self) -> None:
        """End the process (if it still works, its value is not wanted)."""
        process, self.process = self.process, None
        if process is not None:
            self.receiving.close()
            process.terminate()
            process.join()


def _send(call: Callable[[], Any], sending: Any, receiving: Any) -> None:
    receiving.close()  # so that the send fails, and this process ends, if the one that waits is gone
    try:
        answer = ("returned", call())
    except Exception as raised:  # noqa: BLE001 - raised again in the process that waits for it
        if not isinstance(raised, BuildError):  # a bug: where it happened, for its report
            raised.add_note("raised in a process beside the build:\n" + traceback.format_exc())
        answer = ("raised", raised)
    with contextlib.suppress(Exception):  # not picklable: the waiting process, finding none, runs CALL itself
        sending.send(answer)


def _at_once(calls: Sequence[Callable[[], R]], workers: int | None) -> list[R]:
    global _CALLS
    workers = min(workers or os.cpu_count() or 1, len(calls))
    if workers < 2 or not _forkable():
        return [call() for call in calls]
    _CALLS = calls
    try:
        with collector.frozen_until_done():
            collector.freeze()  # the collector of a worker then leaves the inherited objects (and their pages) alone
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                return list(pool.map(_call_inherited, range(len(calls))))
    finally:
        _CALLS = ()


def _forkable() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def timed(make: Callable[[], T]) -> Callable[[], tuple[T, float]]:
    """MAKE, made to return what it returns and the seconds it took."""
    def run() -> tuple[T, float]:
        started = time.perf_counter()
        return make(), time.perf_counter() - started
    return run


def _call_inherited(index: int) -> Any:
    return _CALLS[index]()
