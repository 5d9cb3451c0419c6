"""The index terms of a field and how often each occurs: what the index weighs.

Tokenising a field, dropping stop words and stemming depend on the field's text alone; at
10,000 articles redoing them for every article was most of the search index's time at each
build. So the per-article stage counts the terms of an article's own fields (every field but
the entities', whose names come from the whole archive) and the annotation keeps them
(`Annotation.terms`, stored()); the index reads them back (restored()) and counts only
the entities' names, and the fields of an annotation made without them.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from lunr.pipeline import Pipeline
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token
from lunr.utils import as_string

from ..model import Article
from ..packed import pack, unpack
from .stemmer import lunr_js_stemmer
from .tokens import tokens

ARTICLE_FIELDS = ("title", "body", "source", "byline", "date")
"""The indexed fields that come from the article alone."""


class Counted(NamedTuple):
    """One field of one document: its terms in order of first appearance, each one's count, and
    the field's length in terms (what lunr.py's Builder finds when it adds the document)."""

    terms: list[str]
    counts: np.ndarray
    """Integers: 64-bit as counted here, the stored 32-bit ones as restored() reads them (read-only)."""
    length: int


def index_pipeline() -> Pipeline:
    """What lunr does to each token it indexes: stop words out, the rest stemmed as lunr.js stems."""
    pipeline = Pipeline()
    pipeline.add(stop_word_filter, lunr_js_stemmer)
    return pipeline


_PIPELINE = index_pipeline()


@lru_cache(maxsize=1 << 17)
def _terms_of(word: str) -> tuple[str, ...]:
    """The index terms of one token (none for a stop word): cached, news text repeats its words."""
    return tuple(str(token) for token in _PIPELINE.run([Token(word, {})]))


def count(words: Iterable[str]) -> Counted:
    """The terms of a field given as its tokens, counted as lunr.py's Builder counts them."""
    return counted(index_terms(words))


def index_terms(words: Iterable[str]) -> list[str]:
    """The index terms of WORDS (tokens), in order."""
    terms: list[str] = []
    for word in words:
        terms.extend(_terms_of(as_string(word).lower()))
    return terms


def counted(terms: list[str]) -> Counted:
    """TERMS (index_terms()) counted."""
    frequencies = Counter(terms)
    return Counted(list(frequencies), np.fromiter(frequencies.values(), dtype=np.int64, count=len(frequencies)),
                   len(terms))


def field_texts(article: Article) -> dict[str, str]:
    """The text of each of ARTICLE_FIELDS."""
    return {"title": article.title, "body": body_text(article), "source": article.source,
            "byline": article.byline, "date": article.date[:10]}


def body_text(article: Article) -> str:
    """The article's text without its headline (the title field has it)."""
    if article.blocks and article.blocks[0].kind == "title":
        return article.text[article.blocks[0].end:].strip()
    return article.text


def article_terms(article: Article) -> dict[str, Counted]:
    """The counted terms of each of ARTICLE_FIELDS."""
    return {name: count(tokens(text)) for name, text in field_texts(article).items()}


def stored(counted: dict[str, Counted]) -> tuple[tuple[str, bytes, int], ...]:
    """COUNTED (ARTICLE_FIELDS in order) as an annotation keeps it: few objects, quick to load."""
    return tuple((*pack(c.terms, c.counts), c.length) for c in (counted[name] for name in ARTICLE_FIELDS))


def restored(data: tuple[tuple[str, bytes, int], ...]) -> dict[str, Counted]:
    """stored()'s value back (a token never holds a line break: tokens split at whitespace)."""
    found = {}
    for name, (joined, counts, length) in zip(ARTICLE_FIELDS, data, strict=True):
        terms, numbers = unpack(joined, counts)
        found[name] = Counted(terms, numbers, length)  # read-only uint32: the weights read them once
    return found
