"""Pages a build need not render again: those whose inputs are what they were when the last
build rendered them, and whose files build/ still holds as it wrote them.

A group of pages (the compare pages of one story) is keyed by all that rendering it reads;
its entry lists the files it made and their digests. When the key is found and build/ holds
those very files (PREVIOUS, from the stamp of uptodate.py), the group is not rendered: its
files come back as write.Kept, which write.py leaves as they are. An entry found is touched,
and entries a build did not touch are dropped after it (prune_untouched).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from generator import diskcache
from generator.model import EntityTable, Site
from generator.write import Kept, digest

MEMO_DIR = ".cache/story-archive/pages"


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



def prune_untouched(root: Path, since: float) -> None:
    """Drop the entries no build has used since SINCE (a time.time())."""
    try:
        for folder in (root / MEMO_DIR).glob("*"):
            for entry in folder.iterdir() if folder.is_dir() else ():
                if entry.stat().st_mtime < since - 1:
                    entry.unlink(missing_ok=True)
    except OSError:
        pass  # an unwritable cache only grows


def _is_listing(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
