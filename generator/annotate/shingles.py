"""An article's word shingles: what grouping compares to find the versions of a story.

Found in the per-article stage and kept with the annotation (as `shingles`), so that a build
that groups the whole archive does not take every article's text apart again.
"""
from __future__ import annotations

import re
import zlib

import numpy as np

SHINGLE_WORDS = 5

_WORD = re.compile(r"\w+")
_FNV_PRIME = np.uint64(0x100000001B3)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_STORED = np.dtype("<u8")
"""How an annotation stores them: little-endian whatever the machine, so a cache reads the same."""


def shingles(text: str, word_hashes: dict[str, int] | None = None) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the overlapping word windows of `text`.

    `word_hashes` caches word hashes (crc32, the same in every run).
    """
    word_hashes = {} if word_hashes is None else word_hashes
    words = _WORD.findall(text.lower())
    for word in set(words).difference(word_hashes):
        word_hashes[word] = zlib.crc32(word.encode())
    hashes = np.fromiter(map(word_hashes.__getitem__, words), dtype=np.uint64, count=len(words))
    windows = len(words) - SHINGLE_WORDS + 1
    if windows <= 0:
        return np.empty(0, dtype=np.uint64)
    # FNV-style mixing of the window's word hashes, then a splitmix64 finish to spread the bits.
    mixed = np.zeros(windows, dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):
        mixed = (mixed ^ hashes[offset:offset + windows]) * _FNV_PRIME
    mixed = (mixed ^ (mixed >> np.uint64(30))) * _MIX_1
    mixed = (mixed ^ (mixed >> np.uint64(27))) * _MIX_2
    return np.unique(mixed ^ (mixed >> np.uint64(31)))


def stored(found: np.ndarray) -> bytes:
    return found.astype(_STORED).tobytes()


def restored(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=_STORED).astype(np.uint64)
