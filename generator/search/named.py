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


class Scratch:
    """Per ref, a score, a count of words and a mark, kept at 0 between names: best_articles() then
    costs what a name's rows cost, not what the archive's refs do."""

    def __init__(self, refs: int) -> None:
        self.total = np.zeros(refs)
        self.words = np.zeros(refs, dtype=np.int32)
        self.mark = np.zeros(refs, dtype=np.int32)


def best_articles(query: tuple[dict[str, float], list[set[str]]],
                  rows_of: Callable[[str], tuple[np.ndarray, np.ndarray] | None], count: int,
                  scratch: Scratch) -> list[int]:
    """The COUNT best refs for QUERY (name_query()): among the articles with every word, by the sum
    of their weights times the terms' boosts, ties by ref. ROWS_OF: a term's (refs, weights), or
    None for a term of no article; SCRATCH: as many refs as the archive has."""
    boosts, required = query
    rows = {term: found for term in boosts if (found := rows_of(term)) is not None}
    if not rows or not required:
        return []
    for term, (refs, weights) in rows.items():
        scratch.total[refs] += weights * boosts[term]
    for word, accepted in enumerate(required, 1):
        for refs, _ in (rows[term] for term in accepted if term in rows):
            new = refs[scratch.mark[refs] != word]  # an article counts a word once, whatever its forms
            scratch.mark[new] = word
            scratch.words[new] += 1
    touched = np.concatenate([refs for refs, _ in rows.values()])
    found = np.unique(touched[scratch.words[touched] == len(required)])
    best = found[np.lexsort((found, -scratch.total[found]))[:count]].tolist()
    scratch.total[touched] = scratch.words[touched] = scratch.mark[touched] = 0
    return best
