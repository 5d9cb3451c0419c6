"""An article's content words and how often each occurs: what related coverage compares.

Counted in the per-article stage and kept with the annotation (`Annotation.words`, stored()),
so that finding related coverage across the archive does not take every article's text apart
again (at 10,000 articles that was half of its time at every build).
"""
from __future__ import annotations

import re
from collections import Counter

from ..archive.align_tokens import STOPWORDS
from ..packed import pack, unpack

_WORD = re.compile(r"[^\W\d_]{3,}")
"""A word of three letters or more, in any script; no digits."""


def content_words(text: str) -> Counter[str]:
    """The words of TEXT (lower case) that say what it is about, stop words left out, counted."""
    return Counter(word for word in _WORD.findall(text.lower()) if word not in STOPWORDS)


def stored(found: Counter[str]) -> tuple[str, bytes]:
    """FOUND as an annotation keeps it (packed.pack)."""
    return pack(found, found.values())


def restored(data: tuple[str, bytes]) -> dict[str, int]:
    words, counts = unpack(*data)
    return dict(zip(words, counts.tolist(), strict=True))
