"""An article's content words and how often each occurs: what related coverage compares.

Counted in the per-article stage and kept with the annotation (`Annotation.words`, stored()),
so that finding related coverage across the archive does not take every article's text apart
again (at 10,000 articles that was half of its time at every build).
"""
from __future__ import annotations

import re
from collections import Counter

import numpy as np

from ..archive.align_tokens import STOPWORDS

_WORD = re.compile(r"[^\W\d_]{3,}")
"""A word of three letters or more, in any script; no digits."""
_STORED = np.dtype("<u4")
"""Counts as an annotation stores them: little-endian whatever the machine."""


def content_words(text: str) -> Counter[str]:
    """The words of TEXT (lower case) that say what it is about, stop words left out, counted."""
    return Counter(word for word in _WORD.findall(text.lower()) if word not in STOPWORDS)


def stored(found: Counter[str]) -> tuple[str, bytes]:
    """FOUND as an annotation keeps it: two objects, quick to load (a word holds no line break)."""
    return "\n".join(found), np.fromiter(found.values(), dtype=_STORED, count=len(found)).tobytes()


def restored(data: tuple[str, bytes]) -> dict[str, int]:
    joined, counts = data
    return dict(zip(joined.split("\n") if joined else [], np.frombuffer(counts, dtype=_STORED).tolist(), strict=True))
