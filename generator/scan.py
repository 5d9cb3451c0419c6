"""content/ -> the Markdown files to read, and a report of every other thing found there.

Nothing under content/ goes unmentioned: a file is either read as an article or
reported, as an error (a symlink loop, a broken link, a folder that cannot be
listed) or as a warning (a file that is not Markdown, a hidden file or folder,
which are not published). Symbolic links are followed, so an archive may link
in folders kept elsewhere; a link that leads back into a folder being listed
is a loop, reported once and not followed.
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, ContentWarning

ARTICLE_SUFFIX = ".md"


@dataclass(frozen=True, slots=True)
class ContentScan:
    files: tuple[Path, ...]
    """The Markdown files, ordered by their path under content/ (never by listing order)."""
    errors: tuple[ContentError, ...]
    """Things under content/ that should be articles or folders and cannot be read."""
    warnings: tuple[ContentWarning, ...]
    """Files that are not articles, so not published."""


def scan_content(content_dir: Path) -> ContentScan:
    """Every file under CONTENT_DIR, sorted into articles, errors and warnings."""
    found = _Found([], [], [])
    _scan_folder(content_dir, "", (os.path.realpath(content_dir),), found)
    return ContentScan(tuple(path for _, path in sorted(found.files)),  # by the path under content/
                       tuple(found.errors), tuple(found.warnings))


@dataclass(frozen=True, slots=True)
class ContentRead:
    """content/ scanned, and the bytes of each of its Markdown files (or why they cannot be read)."""

    scan: ContentScan
    data: dict[Path, bytes | ContentError]
    """Each of scan.files -> its bytes, or the ContentError of reading it."""


def read_content(content_dir: Path) -> ContentRead:
    """Every Markdown file under CONTENT_DIR read (once: the up-to-date check and the build share
    them; at 10,000 articles reading them again cost 0.2 s of an edit's rebuild)."""
    scan = scan_content(content_dir)
    data: dict[Path, bytes | ContentError] = {}
    for path in scan.files:
        try:
            data[path] = read_content_file(path, path.relative_to(content_dir).as_posix())
        except ContentError as err:
            data[path] = err
    return ContentRead(scan, data)


def read_content_file(path: Path, rel: str) -> bytes:
    """The bytes of one content file; a file that vanished or cannot be read is a ContentError."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise ContentError(f"content/{rel}", 0, f"cannot be read ({err.strerror}): "
                                                "check that it exists and that you may read it") from None


@dataclass(frozen=True, slots=True)
class _Found:
    files: list[tuple[str, Path]]
    errors: list[ContentError]
    warnings: list[ContentWarning]


def _scan_folder(folder: Path, prefix: str, ancestors: tuple[str, ...], found: _Found) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        found.errors.append(ContentError(f"content/{prefix}", 0, f"cannot be listed ({err.strerror}): "
                                         "check that the folder exists and that you may read it"))
        return
    for entry in entries:
        rel = prefix + entry.name
        shown = f"content/{rel}"
        if entry.name.startswith("."):
            kind = "folder" if entry.is_dir(follow_symlinks=False) else "file"
            found.warnings.append(ContentWarning(shown, 0, f"is a hidden {kind}, not read: "
                                                 "remove the leading '.' from its name to publish it"))
            continue
        try:
            target = os.stat(entry.path)
        except OSError as err:
            found.errors.append(_link_error(shown, entry.path, err))
            continue
        if entry.is_dir():
            real = os.path.realpath(entry.path)
            if real in ancestors:
                found.errors.append(ContentError(shown, 0, "is a symbolic link that leads back into "
                                                 "its own folder (a loop): remove the link"))
            else:
                _scan_folder(Path(entry.path), rel + "/", (*ancestors, real), found)
        elif entry.name.endswith(ARTICLE_SUFFIX) and entry.is_file():
            found.files.append((rel, Path(entry.path)))
        else:
            what = "file" if entry.is_file() else f"special file (mode {target.st_mode:o})"
            found.warnings.append(ContentWarning(shown, 0, f"is a {what}, not an article, so it is not "
                                                 f"published: only {ARTICLE_SUFFIX} files are; "
                                                 "move it out of content/"))


def _link_error(shown: str, path: str, err: OSError) -> ContentError:
    if err.errno == errno.ELOOP:
        return ContentError(shown, 0, "is a symbolic link loop (it leads back to itself): remove the link")
    if os.path.islink(path):
        return ContentError(shown, 0, f"is a broken symbolic link (to {os.readlink(path)!r}): "
                                      "remove it or point it at a file that exists")
    return ContentError(shown, 0, f"cannot be read ({err.strerror}): check that you may read it")
