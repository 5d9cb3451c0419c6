"""Whether build/ is already what a build would write: then the build has nothing to do.

After each build that writes its output, a stamp records a digest of everything the output
depends on (site.yaml, every file under content/ and templates/, the generator's own code and
theme, lunr.js's pinned version, the versions of the installed libraries) together with the
size, modification time and digest of every file written. The next build computes the digest
again; if it is the same and every output file is still as written (none added, removed or
touched), build/ is up to date and the build reports the same problems again and writes
nothing. If only the inputs changed, the digests of the files let write.py write only the files
that differ.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .config import SiteConfig
from .fingerprint import code_fingerprint
from .scan import ContentRead

STAMP = ".cache/story-archive/last-build.json"
PACKAGE = Path(__file__).resolve().parent
REPOSITORY = PACKAGE.parent
LIBRARIES = ("jinja2", "pyyaml", "lunr", "numpy")
"""Libraries the cross-article stages and the pages depend on; the per-article stage's own
(markdown-it-py, the name data, spaCy and its model) are in its code fingerprint."""


@dataclass(frozen=True, slots=True)
class Stamp:
    inputs: str
    output: str
    files: dict[str, list]
    """Output file (relative) -> [size, mtime_ns, digest of its bytes]."""
    exit_code: int
    messages: list[str]
    """What the build printed on standard error (problems, warnings), to print again."""
    summary: str
    """Its last line on standard output."""


def inputs_digest(config: SiteConfig, output: Path, content: ContentRead) -> str:
    """A digest of all a build of CONFIG into OUTPUT depends on; CONTENT: content/ as the build
    reads it (scan.read_content)."""
    digest = hashlib.sha256(os.fsencode(output.resolve()) + b"\0" + sys.version.encode() + b"\0")
    digest.update(code_fingerprint(config))  # the recogniser's code, data and model versions
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    scan = content.scan  # the files the build reads, as it finds them
    digest.update(repr([*map(str, scan.errors), *map(str, scan.warnings)]).encode("utf-8", "surrogateescape"))
    paths = [*files_under(PACKAGE), *files_under(REPOSITORY / "templates"), REPOSITORY / "package-lock.json",
             config.root / "site.yaml", config.root / "corrections.yaml", *scan.files,
             *files_under(config.templates_dir)]
    for path in paths:
        digest.update(os.fsencode(path) + b"\0")
        data = content.data.get(path)
        if isinstance(data, bytes):
            digest.update(data)
        elif data is not None:  # unreadable: never up to date
            digest.update(f"unreadable {data}".encode("utf-8", "surrogateescape"))
        else:
            try:
                digest.update(path.read_bytes())
            except OSError as err:  # unreadable now: never up to date
                digest.update(f"unreadable {err.errno}".encode())
    return digest.hexdigest()


def files_under(top: Path) -> list[Path]:
    """Every file below TOP (none if it is missing), caches skipped, symbolic links not followed."""
    found = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found += [Path(folder, name) for name in sorted(files) if not name.endswith(".pyc")]
    return found


def output_files(output: Path) -> dict[str, list[int]] | None:
    """Each file under OUTPUT (and each link, to a folder or not): [size, mtime]; None if any
    cannot be looked at."""
    found: dict[str, list[int]] = {}
    try:
        _list_files(str(output), "", found)
    except OSError:
        return None
    return found


def _list_files(folder: str, prefix: str, found: dict[str, list[int]]) -> None:
    """Into FOUND, the files below FOLDER (PREFIX: its path under the output), by os.scandir:
    a Path and a stat call per file made this 4 s of a build that changed nothing at 10,000."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _list_files(entry.path, f"{prefix}{entry.name}/", found)
            else:
                stat = entry.stat(follow_symlinks=False)
                found[prefix + entry.name] = [stat.st_size, stat.st_mtime_ns]


def read_stamp(config: SiteConfig, output: Path) -> Stamp | None:
    """The last build's stamp, if it is one of OUTPUT (whether OUTPUT still holds it: holds())."""
    try:
        stamp = Stamp(**json.loads((config.root / STAMP).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if stamp.output != str(output.resolve()) or not all(
            isinstance(value, list) and len(value) == 3 for value in stamp.files.values()):
        return None
    return stamp


def holds(stamp: Stamp, output: Path) -> bool:
    """Whether OUTPUT holds exactly what STAMP's build wrote: no file added, removed or touched since
    (at 10,000 articles, 50,000 files looked at: half a second)."""
    listing = output_files(output) if output.is_dir() else None
    return listing == {rel: value[:2] for rel, value in stamp.files.items()}


def written(stamp: Stamp | None) -> dict[str, str] | None:
    """What the stamp's build wrote: file -> digest (for write.py)."""
    return None if stamp is None else {rel: value[2] for rel, value in stamp.files.items()}


def record(config: SiteConfig, output: Path, inputs: str, exit_code: int, messages: list[str],
           summary: str, digests: dict[str, str], last: Stamp | None = None) -> None:
    """Stamp OUTPUT as this build left it: DIGESTS, each file it holds -> the digest of its bytes.
    LAST: the last build's stamp, if OUTPUT held exactly that before this build updated it in
    place; a file whose digest is the same was not written again and keeps its size and time
    from it, so that only the files written are looked at (at 60,000 files, listing them all
    took a second). Were such a file written over all the same, it would not match: the next
    build would find OUTPUT changed and write it whole, never wrongly find it up to date."""
    before = last.files if last is not None else {}
    files = {}
    for rel, value in digests.items():
        known = before.get(rel)
        if known is not None and known[2] == value:
            files[rel] = known
            continue
        try:
            status = os.stat(output / rel, follow_symlinks=False)
        except OSError:
            return
        files[rel] = [status.st_size, status.st_mtime_ns, value]
    stamp = Stamp(inputs, str(output.resolve()), files, exit_code, messages, summary)
    path = config.root / STAMP
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps({name: getattr(stamp, name) for name in Stamp.__dataclass_fields__}),
                       encoding="utf-8")
    os.replace(partial, path)


def forget(config: SiteConfig) -> None:
    """Drop the stamp (before build/ is replaced, so that a build killed midway leaves none)."""
    (config.root / STAMP).unlink(missing_ok=True)
