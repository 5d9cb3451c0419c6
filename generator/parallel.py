"""Independent parts of the build at once, one forked process per core.

The parts are closures over the site, which a forked worker inherits as it is: nothing is
copied in, only the files each part makes come back. Where fork is unavailable, or other
threads run (build --serve: forking a threaded process is unsafe), the parts run one by one.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

Part = tuple[str, Callable[[], dict[str, bytes]]]
_PARTS: Sequence[Part] = ()


def run_parts(parts: Sequence[Part], workers: int | None = None) -> tuple[dict[str, bytes], list[tuple[str, float]]]:
    """Every part's files, merged in the order of PARTS, and each part's (name, seconds)."""
    global _PARTS
    workers = min(workers or os.cpu_count() or 1, len(parts))
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if workers < 2 or not forkable:
        outcomes = [_run(i, parts) for i in range(len(parts))]
    else:
        _PARTS = parts
        gc.freeze()  # the collector of a worker then leaves the inherited objects (and their pages) alone
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                outcomes = list(pool.map(_run_inherited, range(len(parts))))
        finally:
            gc.unfreeze()
            _PARTS = ()
    files: dict[str, bytes] = {}
    for made, _ in outcomes:
        files.update(made)
    return files, [(name, seconds) for (name, _), (_, seconds) in zip(parts, outcomes)]


def _run(index: int, parts: Sequence[Part]) -> tuple[dict[str, bytes], float]:
    started = time.perf_counter()
    made = parts[index][1]()
    return made, time.perf_counter() - started


def _run_inherited(index: int) -> tuple[dict[str, bytes], float]:
    return _run(index, _PARTS)
