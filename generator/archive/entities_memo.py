"""Reconciliation's decisions remembered from the last build: which names are one entity, and
what each entity is.

entities.py decides from the mentions as the gazetteer leaves them: for each one, in order, its
article, node, spelling, type and score, and its article's story; with the gazetteer and the
code. Not from where the mentions are: an edit that leaves an article's names as they were (a
sentence added, a word mended) leaves the decisions as they were, and the build then only
resolves the mentions from them (at 10,000 articles, 5.6-7.1 s without, 3.4-3.6 s with: the
mentions are still found, laid under the gazetteer and resolved). Each article's part of the key
is remembered by its fingerprint and story, so that only the articles a build changed are summed
up again. The entry is one file, the last build's.
"""
from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable, Mapping, Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

from generator import diskcache
from generator.archive.entities_merge import Node
from generator.model import Entity

ENTRY = ".cache/story-archive/entities/decisions"


class EntityMemo:
    """The last build's decisions under ROOT, for articles of FINGERPRINTS; SALT: whatever else
    decides (the gazetteer), the same for every article."""

    def __init__(self, root: Path, fingerprints: Mapping[str, str], salt: object) -> None:
        self.entry = root / ENTRY
        self.fingerprints = fingerprints
        self.salt = diskcache.key(diskcache.package_digest(), importlib.metadata.version("unidecode"), salt)
        stored = diskcache.load(self.entry, _is_entry)
        self.stored: dict[str, Any] = stored if stored is not None and stored["salt"] == self.salt else {}
        self.signatures: dict[tuple[str, str], str] = {}

    def key(self, occurrences: Sequence[Any], story_of: Mapping[str, str]) -> str:
        """A digest of what the decisions read: OCCURRENCES (each with .article, .node and
        .mention; in order, each article's together), with their articles' stories (STORY_OF:
        every article's, one of its own if in none). Each
        article's part is kept for store()."""
        known = self.stored.get("signatures", {})
        parts = []
        for article, occs in groupby(occurrences, key=lambda occ: occ.article):
            story = story_of[article]
            fingerprint = self.fingerprints.get(article)
            signature = known.get((fingerprint, story)) if fingerprint else None
            if signature is None:
                signature = diskcache.key([(o.node, o.mention.key, o.mention.type, o.mention.score) for o in occs])
            if fingerprint:
                self.signatures[(fingerprint, story)] = signature
            parts.append((article, story, signature))
        return diskcache.key(self.salt, parts)

    def decisions(self, key: str, nodes: Iterable[Node]) -> tuple[dict[Node, Node], dict[Node, Entity]] | None:
        """The root of each node and the entity of each root, if the last build decided for KEY
        (and knew every one of NODES: else the entry is not what it should be)."""
        if self.stored.get("key") != key:
            return None
        root_of, entities = self.stored["root_of"], self.stored["entities"]
        return (root_of, entities) if all(node in root_of for node in nodes) else None

    def store(self, key: str, root_of: dict[Node, Node], entities: dict[Node, Entity]) -> None:
        """Remember this build's decisions (unless they are those remembered, for the same articles)."""
        if key == self.stored.get("key") and self.signatures == self.stored.get("signatures"):
            return
        diskcache.store(self.entry, {"salt": self.salt, "key": key, "root_of": root_of, "entities": entities,
                                     "signatures": self.signatures})


def _is_entry(value: object) -> bool:
    return isinstance(value, dict) and {"salt", "key", "root_of", "entities", "signatures"} <= set(value)
