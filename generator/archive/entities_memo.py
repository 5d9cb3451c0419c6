"""Reconciliation's decisions remembered from the last build: which names are one entity, and
what each entity is called.

They depend on each article's names only: for every mention, in order, its node, spelling,
type and score, and the story of its article (entities.py reads nothing else to decide); not on
where the mentions are. An edit that leaves an article's names as they were (a sentence added,
a word mended) leaves the decisions as they were: the build then resolves each mention from
them instead of deciding again (4 of reconciliation's 5 s at 10,000 articles). Each article's
names are summed up in a digest remembered by its fingerprint and story, so that only the
articles a build changed are summed up again. The entry is one file, the last build's.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

from generator import diskcache
from generator.model import Entity

ENTRY = ".cache/story-archive/entities/decisions"

Node = tuple[str, ...]


class EntityMemo:
    """The last build's decisions under ROOT, for articles of FINGERPRINTS; SALT: whatever else
    decides (the gazetteer), the same for every article."""

    def __init__(self, root: Path, fingerprints: Mapping[str, str], salt: object) -> None:
        self.entry = root / ENTRY
        self.fingerprints = fingerprints
        self.salt = diskcache.key(diskcache.package_digest(), salt)
        stored = diskcache.load(self.entry, _is_entry)
        self.stored: dict[str, Any] = stored if stored is not None and stored["salt"] == self.salt else {}
        self.signatures: dict[tuple[str, str], str] = {}

    def key(self, occurrences: Sequence[Any], story_of: Mapping[str, str]) -> str:
        """A digest of what the decisions read: OCCURRENCES (each with .article, .node and
        .mention), in order, with their articles' stories."""
        known = self.stored.get("signatures", {})
        parts = []
        for article, occs in groupby(occurrences, key=lambda occ: occ.article):
            story = story_of.get(article, article)
            fingerprint = self.fingerprints.get(article)
            signature = known.get((fingerprint, story)) if fingerprint else None
            if signature is None:
                signature = diskcache.key([(o.node, o.mention.key, o.mention.type, o.mention.score) for o in occs])
            if fingerprint:
                self.signatures[(fingerprint, story)] = signature
            parts.append((article, story, signature))
        return diskcache.key(self.salt, parts)

    def decisions(self, key: str) -> tuple[dict[Node, Node], dict[Node, Entity]] | None:
        """The root of each node and the entity of each root, if the last build decided for KEY."""
        return (self.stored["root_of"], self.stored["entities"]) if self.stored.get("key") == key else None

    def store(self, key: str, root_of: dict[Node, Node], entities: dict[Node, Entity]) -> None:
        """Remember this build's decisions (unless they are those remembered, for the same articles)."""
        if key == self.stored.get("key") and self.signatures == self.stored.get("signatures"):
            return
        diskcache.store(self.entry, {"salt": self.salt, "key": key, "root_of": root_of, "entities": entities,
                                     "signatures": self.signatures})


def _is_entry(value: object) -> bool:
    return isinstance(value, dict) and {"salt", "key", "root_of", "entities", "signatures"} <= set(value)
