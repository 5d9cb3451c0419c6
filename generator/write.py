"""Files -> build/: all of it written aside and swapped in whole, or only what changed, through
a journal. A build killed at any moment leaves every file whole, and build/ is the old site or
the new one once the next build has recovered (its first step).

When the caller knows what the last build wrote and build/ still holds exactly that (the
stamp of uptodate.py), only the files whose bytes differ are written: a one-article edit
writes a few dozen files, not the whole site. Each is first written aside, next to the file
it replaces, with a journal beside build/ that lists them; then the journal is marked
committed and the files renamed into place and the old ones removed. recover_interrupted()
(run by every build before it writes) undoes a build killed before the mark (drops the
files aside) and completes one killed after it. Otherwise (a first build, build/ changed by
hand, a file that becomes a folder or the reverse) the whole site is written aside and swapped
in at once. One build writes at a time: a second one waits for the lock.
"""
from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: builds are not locked there
    fcntl = None


@dataclass(frozen=True, slots=True)
class Kept:
    """A file the build did not make again: OUTPUT holds it, as the last build wrote it."""

    digest: str


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def write_site(files: Mapping[str, bytes | Kept], output: Path, known: Mapping[str, str] | None = None
               ) -> dict[str, str]:
    """Write FILES (path under the output -> bytes, or Kept) so that OUTPUT holds them and
    nothing else; KNOWN: each file OUTPUT holds now -> its digest, when the caller knows it
    (else None, and no file may be Kept). Returns each file's digest."""
    output = output.resolve()
    targets = {rel: _safe_parts(rel) for rel in sorted(files)}  # all checked before anything is written
    digests = {rel: value.digest if isinstance(value, Kept) else digest(value) for rel, value in files.items()}
    output.parent.mkdir(parents=True, exist_ok=True)
    with _locked(output.parent):  # one build writes at a time (build --serve and a build by hand)
        recover_interrupted(output)
        kept = {rel for rel, value in files.items() if isinstance(value, Kept)}
        if any(known is None or known.get(rel) != digests[rel] for rel in kept):
            raise ValueError("a file kept from the last build is not as it wrote it")
        if known is not None and output.is_dir() and not _reshaped(known, targets):
            _update_in_place(files, output, targets, digests, known)
        else:
            _swap_in(files, output, targets, kept)
    return digests


def _swap_in(files: Mapping[str, bytes | Kept], output: Path, targets: Mapping[str, tuple[str, ...]],
             kept: set[str]) -> None:
    """The whole site written into a folder beside OUTPUT, then swapped in at once (the KEPT
    files copied from OUTPUT)."""
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        os.chmod(staging, 0o755)
        for rel, parts in targets.items():
            target = staging.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            data = output.joinpath(*parts).read_bytes() if rel in kept else files[rel]
            if rel in kept and digest(data) != files[rel].digest:
                raise ValueError(f"{rel}: kept from the last build, but changed since")
            target.write_bytes(data)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if output.exists() and _exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous site
        return
    retired = output.parent / f".{output.name}.old-{os.getpid()}"
    if output.exists():
        os.rename(output, retired)
    os.rename(staging, output)
    shutil.rmtree(retired, ignore_errors=True)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on FOLDER (the one that holds build/) while the block runs, where the
    system has one (flock: released when the process ends, however it ends)."""
    if fcntl is None:
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _reshaped(known: Mapping[str, str], targets: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether a file becomes a folder or a folder a file (then the site is written whole)."""
    return bool(_folders(targets) & set(known)) or bool(_folders(known) & set(targets))


def _folders(paths: Iterable[str]) -> set[str]:
    """Every folder above PATHS ("a/b/c.html": "a/b" and "a"), each added once: at 60,000 files
    this ran in half a second through their parts."""
    found: set[str] = set()
    for path in paths:
        cut = path.rfind("/")
        while cut > 0 and path[:cut] not in found:
            found.add(path[:cut])
            cut = path.rfind("/", 0, cut)
    return found


def _update_in_place(files: Mapping[str, bytes | Kept], output: Path, targets: Mapping[str, tuple[str, ...]],
                     digests: Mapping[str, str], known: Mapping[str, str]) -> None:
    """Write each file whose digest differs aside, then (journal committed) rename them into
    place and remove what KNOWN has and FILES lacks."""
    changed = [rel for rel in targets if known.get(rel) != digests[rel]]
    renames = [("/".join((*targets[rel][:-1], f".{targets[rel][-1]}.new-{os.getpid()}")), rel) for rel in changed]
    plan = {"renames": renames, "removals": sorted(set(known) - set(files))}
    journal = _journal(output)
    _write_journal(journal, {**plan, "committed": False})
    folders: set[Path] = set()
    try:
        for aside, rel in renames:
            target = output.joinpath(*_safe_parts(aside))
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_bytes(files[rel])
    except BaseException:
        recover_interrupted(output)  # not committed: the files aside are dropped
        raise
    _write_journal(journal, {**plan, "committed": True})
    _complete(output, plan, recovering=False)
    journal.unlink()


def _journal(output: Path) -> Path:
    return output.parent / f".{output.name}.journal"


def _write_journal(journal: Path, plan: dict) -> None:
    partial = journal.with_name(journal.name + ".new")
    partial.write_text(json.dumps(plan), encoding="utf-8")
    os.replace(partial, journal)


def _complete(output: Path, plan: dict, recovering: bool) -> None:
    """Rename the files aside into place and remove the files gone (again, RECOVERING after a
    kill: each step is one that can be repeated), then the folders left empty."""
    for aside, rel in plan["renames"]:
        try:
            os.replace(output.joinpath(*_safe_parts(aside)), output.joinpath(*_safe_parts(rel)))
        except FileNotFoundError:
            if not recovering:
                raise
            # renamed before the build was killed
    for rel in plan["removals"]:
        output.joinpath(*_safe_parts(rel)).unlink(missing_ok=True)
    _remove_empty_folders(output, plan["removals"])


def _remove_empty_folders(output: Path, removed: list[str]) -> None:
    for folder in sorted({output.joinpath(*_safe_parts(rel)).parent for rel in removed}, key=lambda p: -len(p.parts)):
        while folder != output and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2), so that there is no moment without a
    site; False where the system cannot, and the caller renames twice instead."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    return renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0


def recover_interrupted(output: Path) -> None:
    """Undo what a build killed mid-swap left: restore the old site, drop half-written ones
    (and, after an exchange, the previous site it had not yet removed); undo an update in
    place killed before its journal was committed, complete one killed after."""
    journal = _journal(output)
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
        if plan["committed"] and output.is_dir():
            _complete(output, plan, recovering=True)
        elif output.is_dir():
            for aside, _ in plan["renames"]:
                output.joinpath(*_safe_parts(aside)).unlink(missing_ok=True)
    except (OSError, ValueError, TypeError, KeyError):
        pass  # none, or one that cannot be followed: the stamp is gone, the next build writes all
    journal.unlink(missing_ok=True)
    journal.with_name(journal.name + ".new").unlink(missing_ok=True)
    leftovers = sorted(output.parent.glob(f".{output.name}.old-*"))
    if leftovers and not output.exists():
        os.rename(leftovers.pop(), output)
    for path in leftovers + sorted(output.parent.glob(f".{output.name}.new-*")):
        shutil.rmtree(path, ignore_errors=True)


_UNSAFE = re.compile(r"(?:^|/)\.{0,2}(?:/|$)|\\")
"""A part that is empty, "." or "..", or a backslash."""


def _safe_parts(rel: str) -> tuple[str, ...]:
    """The parts of a relative output path; anything that could leave build/ is refused."""
    if _UNSAFE.search(rel):
        raise ValueError(f"refusing to write outside the output folder: {rel!r}")
    return tuple(rel.split("/"))
