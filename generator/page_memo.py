"""Pages a build need not render again: those whose inputs are what they were when the last
build rendered them, and whose files build/ still holds as it wrote them.

A group of pages (the compare pages of one story) is keyed by all that rendering it reads;
its entry lists the files it made and their digests. When the key is found and build/ holds
those very files (PREVIOUS, from the stamp of uptodate.py), the group is not rendered: its
files come back as write.Kept, which write.py leaves as they are. Each part of the pages (the
article pages 1/2, on one core) stores the entries it used in one file when it is done; a part
reads those of every part of its kind (the stories a part has may be another's next time), and
the files no part of a build wrote are dropped after it (prune_untouched). One file a part, not
one an entry: at 10,000 articles an edit's rebuild opened, read and touched 18,800 entries.
"""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from generator import diskcache
from generator.model import Annotation, Article, EntityTable, Site
from generator.write import Kept, digest

MEMO_DIR = ".cache/story-archive/pages"
TEXTS = ".cache/story-archive/texts"
T = TypeVar("T")


class PageMemo:
    """The entries of one kind of page (NAME) under ROOT/MEMO_DIR; SALT: what every page of the
    kind reads (the configuration, the templates, the code)."""

    def __init__(self, root: Path, name: str, previous: Mapping[str, str] | None, salt: str) -> None:
        self.folder = root / MEMO_DIR
        self.name = name
        self.previous = previous
        self.salt = salt
        self.known: dict[str, dict[str, str]] = {}
        """Every part's entries (key -> output file -> digest), read here, before the parts fork (a
        part that read them after another part of its kind stored its own would miss the rest)."""
        for entry in sorted(self.folder.glob(f"{glob.escape(name)}.*")):
            self.known.update(diskcache.load(entry, _is_entries) or {})
        self.used: dict[str, dict[str, str]] = {}
        """The entries used since the last part was stored."""

    def pages(self, inputs: Iterable[object], render: Callable[[], dict[str, bytes]]) -> dict[str, bytes | Kept]:
        """The files of one group of pages whose INPUTS are those: kept, or RENDERed now."""
        key = diskcache.key(self.salt, *inputs)
        made = self.known.get(key)
        if made is not None and self.previous is not None and all(
                self.previous.get(path) == value for path, value in made.items()):
            self.used[key] = made
            return {path: Kept(value) for path, value in made.items()}
        files = render()
        self.used[key] = {path: digest(data) for path, data in files.items()}
        return dict(files)

    def part(self, label: str, make: Callable[[], T]) -> Callable[[], T]:
        """MAKE (a part of the pages: LABEL, one of its kind's), then the entries it used stored as
        that part's."""
        def run() -> T:
            made = make()
            diskcache.store(self.folder / f"{self.name}.{label}", self.used)
            self.used = {}
            return made
        return run


def mentions_digest(site: Site, article_id: str) -> str:
    """A digest of the article's resolved mentions: the site's, or made now."""
    return site.mention_digests.get(article_id) or diskcache.key(site.entities.mentions.get(article_id, ()))


def mention_digests(table: EntityTable, known: Mapping[str, tuple[tuple, str]]) -> dict[str, str]:
    """Site.mention_digests: KNOWN's digest (article id -> (mentions, their digest)) where the
    table holds those very mentions (no correction changed them), else made now."""
    return {article_id: known[article_id][1] if article_id in known and known[article_id][0] is mentions
            else diskcache.key(mentions) for article_id, mentions in table.mentions.items()}


def text_digest(article: Article, annotation: Annotation | None) -> str:
    """A digest of what an entity's pages show of an article: its text and its sentences."""
    return diskcache.key(article.text, annotation.sentences if annotation else ())


def text_digests(root: Path, articles: Iterable[Article], annotations: Mapping[str, Annotation],
                 fingerprints: Mapping[str, str]) -> dict[str, str]:
    """Site.text_digests: each article's text_digest(), remembered by its fingerprint (which
    decides its text and sentences) from the last build (under ROOT, TEXTS)."""
    salt = diskcache.package_digest().hex()
    stored = diskcache.load(root / TEXTS, lambda value: isinstance(value, dict) and value.get("salt") == salt
                            and _is_strings(value.get("digests")))
    known = stored["digests"] if stored else {}
    made = {fingerprints[a.id]: known.get(fingerprints[a.id]) or text_digest(a, annotations.get(a.id))
            for a in articles}
    if made != known:
        diskcache.store(root / TEXTS, {"salt": salt, "digests": made})
    return {a.id: made[fingerprints[a.id]] for a in articles}


def prune_untouched(root: Path, since: float) -> None:
    """Drop the parts' entries no build has stored since SINCE (a time.time()), any other file
    there as old (the folder is the cache's own), and the folders of entries an older version
    kept one a file."""
    try:
        with os.scandir(root / MEMO_DIR) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                elif entry.stat().st_mtime < since - 1:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)
    except OSError:
        pass  # none yet, or an unwritable cache, which only grows


def _is_entries(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(key, str) and _is_strings(made) for key, made in value.items())


def _is_strings(value: object) -> bool:
    """Whether VALUE is a dict of strings to strings."""
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
