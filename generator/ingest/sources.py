"""Command-line sources -> Payloads: folders expanded, files read, URLs fetched, kinds told apart."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ContentError
from generator.ingest.fetch import Fetched, fetch_url, is_url

KINDS_BY_SUFFIX = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".txt": "text",
}
"""What a file holds, by its suffix; a folder is searched for these suffixes only."""
KINDS_BY_MEDIA_TYPE = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/xml": "feed", "text/xml": "feed",
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/json": "jsonl",
    "text/csv": "csv", "text/tab-separated-values": "csv",
    "text/plain": "text",
}

Fetcher = Callable[[str], Fetched]


@dataclass(frozen=True, slots=True)
class Payload:
    """One file read or one address fetched, before it is parsed."""

    origin: str
    """The file's path as given (under its folder) or the URL requested: for messages and provenance."""
    data: bytes
    kind: str
    """"html", "feed", "jsonl", "csv" or "text"."""
    url: str = ""
    """The address the data came from, after redirects; empty for a file."""
    delimiter: str = ","
    """The field separator, for a table."""


def expand(sources: Sequence[str]) -> list[str]:
    """Sources in order, each folder replaced by the importable files under it (sorted)."""
    found: list[str] = []
    for source in sources:
        if not is_url(source) and Path(source).is_dir():
            files = list(_importable_files(Path(source)))
            if not files:
                suffixes = ", ".join(sorted(KINDS_BY_SUFFIX))
                raise ContentError(source, 0, f"the folder holds no file to import ({suffixes}); "
                                              "check the path")
            found += files
        else:
            found.append(source)
    return found


def _importable_files(folder: Path) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in KINDS_BY_SUFFIX:
                yield str(Path(root, name))


def load(source: str, fetch: Fetcher = fetch_url) -> Payload:
    """Read the file or fetch the address; ContentError if it cannot be had."""
    if is_url(source):
        fetched = fetch(source)
        kind = KINDS_BY_MEDIA_TYPE.get(fetched.media_type) or sniff(fetched.data)
        if fetched.media_type == "application/xml" and sniff(fetched.data) != "feed":
            kind = "html"  # XHTML served as XML
        return Payload(source, fetched.data, kind, fetched.url, _delimiter(fetched.url, fetched.data))
    path = Path(source)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(source, 0, "no such file or folder; check the path") from None
    except OSError as error:
        raise ContentError(source, 0, f"cannot be read ({error.strerror}); check that it is a file "
                                      "you may read") from None
    kind = KINDS_BY_SUFFIX.get(path.suffix.lower()) or sniff(data)
    return Payload(source, data, kind, "", _delimiter(source, data))


def sniff(data: bytes) -> str:
    """The kind of data whose name and media type do not tell: by how it starts."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "feed" if any(tag in head for tag in (b"<rss", b"<feed", b"<rdf")) else "html"
    if head.startswith(b"<"):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def _delimiter(name: str, data: bytes) -> str:
    """Tab for .tsv or a header line with tabs and no commas; else a comma, or ; if the header has only those."""
    header = data.split(b"\n", 1)[0]
    if name.lower().endswith(".tsv") or (b"\t" in header and b"," not in header):
        return "\t"
    return ";" if b";" in header and b"," not in header else ","
