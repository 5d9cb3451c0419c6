"""Related coverage remembered from the last build: each article's related articles, by what
they were worked out from.

An article's related articles follow from its group (story) and profile (key terms and their
weights, entities), its candidates' groups, ids and profiles, the entities' weights and the
limit (related.py). A profile's weights follow the archive's word frequencies, so an edit
changes those of the articles that share a word whose frequency it moved, and the key of each
article whose candidates are among them; the others' lists are the last build's (at 10,000
articles, scoring every article's candidates took 0.8 s of an edit's rebuild). The entry is one
file, the last build's.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from generator import diskcache
from generator.model import Related

ENTRY = ".cache/story-archive/related/memo"


class RelatedMemo:
    """The last build's related articles under ROOT."""

    def __init__(self, root: Path) -> None:
        self.entry = root / ENTRY
        self.salt = ""
        self.known: dict[str, Any] = {}
        self.used: dict[str, tuple[Related, ...]] = {}

    def begin(self, salt: object) -> None:
        """What the last build remembered, if it worked with SALT too (the entities' weights, the
        limit; the code is added here)."""
        self.salt = diskcache.key(diskcache.package_digest(), salt)
        stored = diskcache.load(self.entry, lambda value: isinstance(value, dict) and value.get("salt") == self.salt
                                and isinstance(value.get("related"), dict))
        self.known = stored["related"] if stored else {}

    def related(self, parts: Sequence[str], find: Callable[[], tuple[Related, ...]]) -> tuple[Related, ...]:
        """An article's related articles: remembered, if the last build worked them out from PARTS
        (strings), else FOUND now."""
        key = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
        found = self.known.get(key)
        if not (isinstance(found, tuple) and all(isinstance(one, Related) for one in found)):
            found = find()
        self.used[key] = found
        return found

    def save(self) -> None:
        """Remember this build's (unless they are those remembered)."""
        if self.used.keys() != self.known.keys():
            diskcache.store(self.entry, {"salt": self.salt, "related": self.used})


def profile_digest(terms: Sequence[str], weights: bytes, entities: frozenset[str]) -> str:
    """A digest of a profile: its key terms in order, their weights (as stored), its entities."""
    return hashlib.sha256("\0".join(terms).encode("utf-8", "surrogatepass") + b"\1" + weights + b"\1"
                          + "\0".join(sorted(entities)).encode("utf-8", "surrogatepass")).hexdigest()


def weights_digest(weights: Mapping[str, float]) -> str:
    return diskcache.key(sorted(weights.items()))
