"""Words and their counts as an annotation keeps them: the words joined by line breaks (a word
holds none) and the counts as little-endian 32-bit integers, whatever the machine. Two objects
per list, quick to pickle and to load, and the same bytes in every cache."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

_STORED = np.dtype("<u4")


def pack(words: Iterable[str], counts: Iterable[int]) -> tuple[str, bytes]:
    return "\n".join(words), np.fromiter(counts, dtype=_STORED).tobytes()


def unpack(joined: str, counts: bytes) -> tuple[list[str], np.ndarray]:
    """pack()'s words and counts back (the counts read-only, as stored)."""
    return joined.split("\n") if joined else [], np.frombuffer(counts, dtype=_STORED)
