"""Words of a sentence as the aligner compares them: spelling noise removed.

Versions of a story write the same words differently: U.N. and UN, curly and
straight quotes, "rebels" and "rebel", "demanding" and "demand". Comparison
tokens are lowercased words with acronym dots dropped, a possessive 's
dropped, and a crude suffix stripped, so that such pairs compare equal.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

_ACRONYM_DOT = re.compile(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\b)")
_WORD = re.compile(r"\w+")
_SEPARATOR = "\x00"
"""Joins texts normalised together: not a word character, so it ends every word."""
# A crude suffix stripper; a stem keeps at least four letters ("bus" stays "bus").
# The lookahead rules out most positions before the costlier lookbehind is tried.
_SUFFIX = re.compile(r"(?=[ies])(?<=\w{4})(?:ing|ed|es|s)\b")

STOPWORDS = frozenset((
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as", "and",
    "or", "but", "nor", "if", "that", "which", "who", "whom", "whose", "this", "these", "those",
    "it", "its", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do",
    "does", "did", "will", "would", "can", "could", "may", "might", "shall", "should", "must",
    "not", "no", "he", "she", "they", "them", "their", "his", "her", "we", "our", "you", "i",
    "said", "says", "say", "than", "then", "there", "so", "up", "out", "over", "into", "about",
    "after", "before", "also",
))
"""Words too common to say that two sentences share content."""


def comparison_tokens(text: str) -> tuple[str, ...]:
    """`U.N. envoy's call` -> ("un", "envoy", "call")."""
    return comparison_tokens_of([text])[0]


def comparison_tokens_of(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """The comparison tokens of each text; the texts are normalised in one pass."""
    joined = _SEPARATOR.join(text.replace(_SEPARATOR, " ") for text in texts)
    joined = _SUFFIX.sub("", _ACRONYM_DOT.sub("", joined.lower()))
    return [tuple(w for w in _WORD.findall(part) if w != "s") for part in joined.split(_SEPARATOR)]


def content_tokens(tokens: tuple[str, ...]) -> frozenset[str]:
    """The distinct tokens that carry meaning (no stopwords)."""
    return frozenset(tokens).difference(STOPWORDS)
