"""The articles that best answer a query of an entity's name, as search.js ranks them.

A query of several words ranks first the articles that have them all, by the sum of their
weights. For a name such as "Mariam Aziz" those are articles that mention her, each of middling
weight for each word: few are among either word's fifty best, whose results the word's shard
shows (shards.SHOWN), and the page then fetched one article's file a result. The shards of a
name's words therefore also show the results of the best articles for that name.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

import numpy as np
from lunr.stop_word_filter import stop_word_filter

from .stemmer import stem
from .tokens import SEPARATORS, chunk_tokens, normalise, word_variants

MIN_PREFIX = 3
"""search.js: the last word of a query is also a prefix when it has at least this many characters."""
PREFIX_BOOST = 0.5


def name_query(name: str, vocabulary: Sequence[str]) -> tuple[dict[str, float], list[set[str]]]:
    """What search.js makes of NAME typed as a query, over VOCABULARY (the index terms, sorted by
    code point): each term's boost (every form of every word, and the last word as a prefix) and,
    per word that is not a stop word, the terms that count as having it."""
    words = [chunk for chunk in map(chunk_tokens, SEPARATORS.split(normalise(name))) if chunk]
    boosts: dict[str, float] = {}
    required: list[set[str]] = []
    for n, variants in enumerate(words):
        for token in variants:
            if stop_word_filter(token) is not None:
                boosts[stem(token)] = boosts.get(stem(token), 0) + 1
        accepted = {stem(token) for token in word_variants(variants[0]) if stop_word_filter(token) is not None}
        prefix = variants[0] if n == len(words) - 1 and len(variants[0]) >= MIN_PREFIX else ""
        for term in vocabulary[bisect.bisect_left(vocabulary, prefix):] if prefix else ():
            if not term.startswith(prefix):
                break
            boosts[term] = boosts.get(term, 0) + PREFIX_BOOST
            if accepted:
                accepted.add(term)
        if accepted:  # not a stop word: an article must have it
            required.append(accepted)
    return boosts, required


def best_articles(query: tuple[dict[str, float], list[set[str]]],
                  rows_of: Callable[[str], tuple[np.ndarray, np.ndarray] | None], count: int) -> list[int]:
    """The COUNT best refs for QUERY (name_query()): among the articles with every word, by the sum
    of their weights times the terms' boosts, ties by ref. ROWS_OF: a term's (refs, weights), or
    None for a term of no article."""
    boosts, required = query
    rows = {term: found for term in boosts if (found := rows_of(term)) is not None}
    if not rows or not required:
        return []
    refs = np.concatenate([rows[term][0] for term in rows])
    unique, inverse = np.unique(refs, return_inverse=True)
    total = np.bincount(inverse, weights=np.concatenate([rows[term][1] * boosts[term] for term in rows]))
    keep = np.ones(len(unique), dtype=bool)
    for accepted in required:
        keep &= np.isin(unique, np.concatenate([rows[term][0] for term in accepted if term in rows] or [refs[:0]]))
    order = np.lexsort((unique[keep], -total[keep]))[:count]
    return unique[keep][order].tolist()
