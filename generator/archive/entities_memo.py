"""Reconciliation remembered from the last build: which names are one entity, what each entity
is, and each article's mentions resolved.

entities.py decides from the mentions as the gazetteer leaves them: for each one, in order, its
article, node, spelling, type and score, and its article's story; with the gazetteer and the
code. Not from where the mentions are: an edit that leaves an article's names as they were (a
sentence added, a word mended) leaves the decisions as they were. Each article's part of the
key (its signature) is remembered by its fingerprint and story, so that only the articles a
build changed are read again; and while the decisions stand, so is each article's mentions
resolved and their digest (Site.mention_digests): at 10,000 articles an edit then resolves one
article's mentions, not 338,000 (0.8 s), and digests none of them (0.2 s).

The decisions are one file, the last build's; the resolved mentions are in SHARDS files by
fingerprint, each tagged with the key of the decisions they were resolved under, so that an
edit writes one or two of them again.
"""
from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from generator import diskcache
from generator.archive.entities_merge import Node
from generator.model import Entity, EntityMention

ENTRY = ".cache/story-archive/entities/decisions"
RESOLVED = ".cache/story-archive/entities/resolved"
SHARDS = 16

Resolved = tuple[tuple[EntityMention, ...], str]
"""An article's mentions resolved, by start, and their digest (diskcache.key)."""


class EntityMemo:
    """The last build's decisions under ROOT, for articles of FINGERPRINTS; SALT: whatever else
    decides (the gazetteer), the same for every article."""

    def __init__(self, root: Path, fingerprints: Mapping[str, str], salt: object) -> None:
        self.entry = root / ENTRY
        self.folder = root / RESOLVED
        self.fingerprints = fingerprints
        self.salt = diskcache.key(diskcache.package_digest(), importlib.metadata.version("unidecode"), salt)
        stored = diskcache.load(self.entry, _is_entry)
        self.stored: dict[str, Any] = stored if stored is not None and stored["salt"] == self.salt else {}
        self.signatures: dict[tuple[str, str], str] = {}
        self.shards: list[dict[str, Any]] = []
        self.digested: dict[str, Resolved] = {}
        """Article id -> its mentions resolved and their digest, as store() was given them."""

    def signature(self, article: str, story: str) -> str | None:
        """The signature ARTICLE had in STORY last build, if it is unchanged."""
        fingerprint = self.fingerprints.get(article)
        return self.stored.get("signatures", {}).get((fingerprint, story)) if fingerprint else None

    def key(self, signed: Iterable[tuple[str, str, str]]) -> str:
        """A digest of what the decisions read: SIGNED, each article's (id, story, signature) in
        order (its signature: signature(), or made of its mentions by signed())."""
        parts = []
        for article, story, signature in signed:
            if article in self.fingerprints:
                self.signatures[(self.fingerprints[article], story)] = signature
            parts.append((article, story, signature))
        return diskcache.key(self.salt, parts)

    def decisions(self, key: str, nodes: Iterable[Node]) -> tuple[dict[Node, Node], dict[Node, Entity]] | None:
        """The root of each node and the entity of each root, if the last build decided for KEY
        (and knew every one of NODES: else the entry is not what it should be). The resolved
        mentions remembered under KEY are then read."""
        if self.stored.get("key") != key:
            return None
        root_of, entities = self.stored["root_of"], self.stored["entities"]
        if not all(node in root_of for node in nodes):
            return None
        found = diskcache.load_all((self.folder / str(n) for n in range(SHARDS)), _is_shard)
        self.shards = [shard if shard and shard["key"] == key else {} for shard in found]
        return root_of, entities

    def resolved(self, article: str, story: str) -> Resolved | None:
        """ARTICLE's mentions resolved in STORY under the decisions(), as the last build resolved them."""
        fingerprint = self.fingerprints.get(article)
        if not fingerprint or not self.shards:
            return None
        found = self.shards[_shard(fingerprint)].get("resolved", {}).get((fingerprint, story))
        return (found if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], tuple)
                and isinstance(found[1], str) else None)

    def store(self, key: str, root_of: dict[Node, Node], entities: dict[Node, Entity],
              resolved: Mapping[tuple[str, str], Resolved]) -> None:
        """Remember this build's decisions (unless they are those remembered, for the same
        articles), and RESOLVED: (article, story) -> its mentions resolved under them."""
        self.digested = {article: value for (article, _), value in resolved.items()}
        if key != self.stored.get("key") or self.signatures != self.stored.get("signatures"):
            diskcache.store(self.entry, {"salt": self.salt, "key": key, "root_of": root_of, "entities": entities,
                                         "signatures": self.signatures})
        shards: list[dict] = [{} for _ in range(SHARDS)]
        for (article, story), value in resolved.items():
            if article in self.fingerprints:
                fingerprint = self.fingerprints[article]
                shards[_shard(fingerprint)][(fingerprint, story)] = value
        for n, shard in enumerate(shards):
            kept = self.shards[n] if n < len(self.shards) else {}
            if kept.get("key") != key or kept.get("resolved") != shard:
                diskcache.store(self.folder / str(n), {"key": key, "resolved": shard})


def _shard(fingerprint: str) -> int:
    return int(fingerprint[:4], 16) % SHARDS


def _is_entry(value: object) -> bool:
    return isinstance(value, dict) and {"salt", "key", "root_of", "entities", "signatures"} <= set(value)


def _is_shard(value: object) -> bool:
    return isinstance(value, dict) and isinstance(value.get("key"), str) and isinstance(value.get("resolved"), dict)
