"""Files -> build/: written aside, then swapped in whole, so build/ is never half-written."""
from __future__ import annotations

import ctypes
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath


def write_site(files: Mapping[str, bytes], output: Path) -> None:
    """Write FILES (path under the output -> bytes) and replace OUTPUT with them."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    recover_interrupted(output)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        os.chmod(staging, 0o755)
        for rel in sorted(files):
            target = staging.joinpath(*_safe_parts(rel))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[rel])
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
    (and, after an exchange, the previous site it had not yet removed)."""
    leftovers = sorted(output.parent.glob(f".{output.name}.old-*"))
    if leftovers and not output.exists():
        os.rename(leftovers.pop(), output)
    for path in leftovers + sorted(output.parent.glob(f".{output.name}.new-*")):
        shutil.rmtree(path, ignore_errors=True)


def _safe_parts(rel: str) -> tuple[str, ...]:
    """The parts of a relative output path; anything that could leave build/ is refused."""
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or any(p in ("..", ".", "") or "\\" in p for p in parts):
        raise ValueError(f"refusing to write outside the output folder: {rel!r}")
    return parts
