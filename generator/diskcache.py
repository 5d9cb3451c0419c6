"""Entries of a cache on disk, one pickled value per file named by its key.

An entry is written aside and renamed into place, so an interrupted build never leaves a
half-written one; an entry that cannot be read, or holds what the caller does not expect,
counts as missing and is computed again, never trusted. A cache that cannot be written (a
read-only checkout) only costs the next build the same work again.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import collector

_resident: dict[str, tuple[tuple[int, int, int], Any]] = {}
"""Entries a warm process holds in memory (keep_resident): path -> (its file's signature when
read, its value). Empty in a build of its own."""


def load(entry: Path, valid: Callable[[Any], bool]) -> Any | None:
    """The value ENTRY holds if VALID says it is one, else None."""
    try:
        held = _resident.get(os.fspath(entry)) if _resident else None
        if held is not None and held[0] == _signature(os.stat(entry)):
            value = held[1]
        else:
            with entry.open("rb") as stream:
                value = pickle.load(stream)
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: any failure means recompute
        return None
    return value if valid(value) else None


def keep_resident(folders: Iterable[Path], stop: Callable[[], bool] = lambda: False) -> None:
    """Hold every entry of FOLDERS in memory, for the builds this process forks from now on (the
    warm process of build --serve: a child then finds the whole archive's entries read, and
    reads from disk only those written since). An entry is read again when its file changed;
    those gone are let go; STOP() is asked every few entries, and when it says so the rest are
    left for the next call (a build is asked for). The objects are then frozen: the collectors
    of this process and of its children leave them alone."""
    seen = set()
    try:
        with collector.paused():
            for folder in folders:
                for n, entry in enumerate(_entries(folder)):
                    if n % 64 == 0 and stop():
                        return
                    seen.add(entry.path)
                    _keep(entry)
            for path in set(_resident) - seen:
                del _resident[path]
    finally:
        collector.freeze()


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        return [entry for entry in os.scandir(folder) if not entry.name.startswith(".")]
    except OSError:
        return []


def _keep(entry: os.DirEntry) -> None:
    try:
        signature = _signature(entry.stat())
        if _resident.get(entry.path, (None,))[0] != signature:
            with open(entry.path, "rb") as stream:
                _resident[entry.path] = (signature, pickle.load(stream))
    except Exception:  # noqa: BLE001 - unreadable: a build reads it (and recomputes) itself
        _resident.pop(entry.path, None)


def _signature(status: os.stat_result) -> tuple[int, int, int]:
    """What changes when an entry's file is replaced (entries are written aside and renamed)."""
    return status.st_ino, status.st_size, status.st_mtime_ns


def load_all(entries: Iterable[Path], valid: Callable[[Any], bool]) -> list[Any | None]:
    """load() of each of ENTRIES, with the cyclic garbage collector paused: unpickling an archive's
    entries makes millions of objects and no cycle, and the collector's passes over them took a
    third of the time."""
    with collector.paused():
        return [load(entry, valid) for entry in entries]


def store(entry: Path, value: Any) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(f".{entry.name}.{os.getpid()}")
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, entry)
    except OSError:
        pass


def prune(folder: Path, keep: Iterable[str]) -> None:
    """Drop the entries whose keys are not in KEEP, so the cache does not grow without end."""
    keep = set(keep)
    try:
        for entry in folder.iterdir() if folder.is_dir() else ():
            if entry.name not in keep:
                entry.unlink(missing_ok=True)
    except OSError:
        pass  # an unwritable cache only grows


def key(*parts: object) -> str:
    """An entry's key: a digest of the repr() of each of PARTS (frozen dataclasses, tuples,
    strings and numbers: a repr that is the same in every process)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(repr(part).encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()


@functools.cache
def package_digest() -> bytes:
    """Every source file of the generator and the Python that runs it: a key part of every cache
    entry that code computed, so that a change to any of the code only costs misses."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(os.fsencode(path.relative_to(package)) + b"\0" + path.read_bytes())
    return digest.digest()
