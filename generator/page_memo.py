"""Pages a build need not render again: those whose inputs are what they were when the last
build rendered them, and whose files build/ still holds as it wrote them.

A group of pages (the compare pages of one story) is keyed by all that rendering it reads;
its entry lists the files it made and their digests. When the key is found and build/ holds
those very files (PREVIOUS, from the stamp of uptodate.py), the group is not rendered: its
files come back as write.Kept, which write.py leaves as they are. An entry found is touched,
and entries a build did not touch are dropped after it (prune_untouched).
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from generator import diskcache
from generator.model import Annotation, Article, EntityTable, Site
from generator.write import Kept, digest

MEMO_DIR = ".cache/story-archive/pages"
TEXTS = ".cache/story-archive/texts"


class PageMemo:
    """The entries of one kind of page (NAME) under ROOT/MEMO_DIR; SALT: what every page of the
    kind reads (the configuration, the templates, the code)."""

    def __init__(self, root: Path, name: str, previous: Mapping[str, str] | None, salt: str) -> None:
        self.folder = root / MEMO_DIR / name
        self.previous = previous
        self.salt = salt

    def pages(self, inputs: Iterable[object], render: Callable[[], dict[str, bytes]]) -> dict[str, bytes | Kept]:
        """The files of one group of pages whose INPUTS are those: kept, or RENDERed now."""
        entry = self.folder / diskcache.key(self.salt, *inputs)
        made = diskcache.load(entry, _is_listing)
        if made is not None and self.previous is not None and all(
                self.previous.get(path) == value for path, value in made.items()):
            try:
                os.utime(entry)
            except OSError:
                pass
            return {path: Kept(value) for path, value in made.items()}
        files = render()
        diskcache.store(entry, {path: digest(data) for path, data in files.items()})
        return dict(files)


def mentions_digest(site: Site, article_id: str) -> str:
    """A digest of the article's resolved mentions: the site's, or made now."""
    return site.mention_digests.get(article_id) or diskcache.key(site.entities.mentions.get(article_id, ()))


def mention_digests(table: EntityTable) -> dict[str, str]:
    """Site.mention_digests, made."""
    return {article_id: diskcache.key(mentions) for article_id, mentions in table.mentions.items()}



def text_digest(article: Article, annotation: Annotation | None) -> str:
    """A digest of what an entity's pages show of an article: its text and its sentences."""
    return diskcache.key(article.text, annotation.sentences if annotation else ())


def text_digests(root: Path, articles: Iterable[Article], annotations: Mapping[str, Annotation],
                 fingerprints: Mapping[str, str]) -> dict[str, str]:
    """Site.text_digests: each article's text_digest(), remembered by its fingerprint (which
    decides its text and sentences) from the last build (under ROOT, TEXTS)."""
    salt = diskcache.package_digest().hex()
    stored = diskcache.load(root / TEXTS, lambda value: isinstance(value, dict) and value.get("salt") == salt)
    known = stored["digests"] if stored else {}
    made = {fingerprints[a.id]: known.get(fingerprints[a.id]) or text_digest(a, annotations.get(a.id))
            for a in articles}
    if made != known:
        diskcache.store(root / TEXTS, {"salt": salt, "digests": made})
    return {a.id: made[fingerprints[a.id]] for a in articles}


def prune_untouched(root: Path, since: float) -> None:
    """Drop the entries no build has used since SINCE (a time.time())."""
    try:
        for folder in (root / MEMO_DIR).glob("*"):
            with os.scandir(folder) if folder.is_dir() else contextlib.nullcontext(()) as entries:
                for entry in entries:  # (os.scandir: a Path and a stat per entry took three times as long)
                    if entry.stat().st_mtime < since - 1:
                        with contextlib.suppress(FileNotFoundError):
                            os.unlink(entry.path)
    except OSError:
        pass  # an unwritable cache only grows


def _is_listing(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
