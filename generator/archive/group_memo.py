"""Grouping by text, remembered from the last build: each article's MinHash signature and each
pair's containment verdict.

stories.py sets the archive's boilerplate aside, signs what is left of each article and checks
the pairs the signatures propose. An article's signature and a pair's verdict follow from the
articles' shingles (their fingerprints) once the boilerplate and the threshold are known, so
while the boilerplate is what it was, an edit redoes only those of the articles it changed (at
10,000 articles, 0.7 s of the 1.2 s grouping took). The entry is one file, the last build's.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from generator import diskcache

ENTRY = ".cache/story-archive/groups/memo"


class GroupMemo:
    """The last build's signatures and verdicts under ROOT, by the articles' FINGERPRINTS (article
    id -> fingerprint); SALT: whatever else decides (the threshold)."""

    def __init__(self, root: Path, fingerprints: Mapping[str, str], salt: object) -> None:
        self.entry = root / ENTRY
        self.fingerprints = fingerprints
        self.salt = diskcache.key(diskcache.package_digest(), salt)
        self.stored: dict[str, Any] = {}
        self.signatures: dict[str, bytes] = {}
        self.verdicts: dict[tuple[str, str], bool] = {}

    def begin(self, boilerplate: np.ndarray) -> None:
        """What the last build remembered, if it set BOILERPLATE aside too (else nothing)."""
        stored = diskcache.load(self.entry, _is_entry)
        kept = diskcache.key(self.salt, hashlib.sha256(boilerplate.tobytes()).hexdigest())
        self.stored = stored if stored is not None and stored["key"] == kept else {"key": kept}

    def signed(self, articles: Sequence[str], sign: Callable[[list[int]], np.ndarray]) -> np.ndarray:
        """The signature rows of ARTICLES (ids): remembered, or SIGNed now (given the positions in
        ARTICLES of those not remembered, it returns their rows)."""
        known = self.stored.get("signatures", {})
        keys = [self.fingerprints[a] for a in articles]
        missing = [n for n, key in enumerate(keys) if key not in known]
        fresh = sign(missing) if missing else np.zeros((0, 0), dtype=np.uint64)
        made = dict(zip((keys[n] for n in missing), (row.tobytes() for row in fresh), strict=True))
        self.signatures = {key: known[key] if key in known else made[key] for key in keys}
        rows = b"".join(self.signatures[key] for key in keys)
        return np.frombuffer(rows, dtype=np.uint64).reshape(len(keys), -1) if keys else fresh

    def verdict(self, a: str, b: str, judge: Callable[[], bool]) -> bool:
        """Whether articles A and B are one story by their text: remembered, or JUDGEd now."""
        pair = tuple(sorted((self.fingerprints[a], self.fingerprints[b])))
        found = self.stored.get("verdicts", {}).get(pair)
        self.verdicts[pair] = judge() if found is None else found
        return self.verdicts[pair]

    def save(self) -> None:
        """Remember this build's signatures and the verdicts it asked for (unless they are those remembered)."""
        if self.signatures != self.stored.get("signatures") or self.verdicts != self.stored.get("verdicts"):
            diskcache.store(self.entry, {"key": self.stored["key"], "signatures": self.signatures,
                                         "verdicts": self.verdicts})


def _is_entry(value: object) -> bool:
    from generator.archive.stories import SIGNATURE_BINS

    return (isinstance(value, dict) and isinstance(value.get("key"), str)
            and isinstance(value.get("signatures"), dict) and isinstance(value.get("verdicts"), dict)
            and all(isinstance(row, bytes) and len(row) == SIGNATURE_BINS * 8 for row in value["signatures"].values())
            and all(isinstance(verdict, bool) for verdict in value["verdicts"].values()))
