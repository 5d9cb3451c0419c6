"""Entries of a cache on disk, one pickled value per file named by its key.

An entry is written aside and renamed into place, so an interrupted build never leaves a
half-written one; an entry that cannot be read, or holds what the caller does not expect,
counts as missing and is computed again, never trusted. A cache that cannot be written (a
read-only checkout) only costs the next build the same work again.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def load(entry: Path, valid: Callable[[Any], bool]) -> Any | None:
    """The value ENTRY holds if VALID says it is one, else None."""
    try:
        with entry.open("rb") as stream:
            value = pickle.load(stream)
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: any failure means recompute
        return None
    return value if valid(value) else None


def load_all(entries: Iterable[Path], valid: Callable[[Any], bool]) -> list[Any | None]:
    """load() of each of ENTRIES, with the cyclic garbage collector paused: unpickling an archive's
    entries makes millions of objects and no cycle, and the collector's passes over them took a
    third of the time."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return [load(entry, valid) for entry in entries]
    finally:
        if paused:
            gc.enable()


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
