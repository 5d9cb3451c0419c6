"""The articles that best answer a query of an entity's name, as search.js ranks them.

A query of several words ranks first the articles that have them all, by the sum of their
weights. For a name such as "Mariam Aziz" those are articles that mention her, each of middling
weight for each word: few are among either word's fifty best, whose results the word's shard
shows (shards.SHOWN), and the page then fetched one article's file a result. So the shard of
the rarest word of each entity's name also shows the results of the best articles for that
name: a query of the name loads the shards of all its words, that one among them.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
from lunr.stop_word_filter import stop_word_filter

from .stemmer import stem
from .tokens import SEPARATORS, chunk_tokens, normalise, word_variants

MIN_PREFIX = 3
"""search.js: the last word of a query is also a prefix when it has at least this many characters."""
PREFIX_BOOST = 0.5


class NameQuery(NamedTuple):
    boosts: dict[str, float]
    """Each term's boost: every form of every word, and the last word as a prefix."""
    required: list[set[str]]
    """Per word that is not a stop word, the terms that count as having it (its forms; and for the
    last word, the terms it is a prefix of)."""
    own: list[set[str]]
    """Per such word, its forms alone: the terms whose shards a query of the name always loads,
    in whatever order and with whatever other words it is typed."""


def name_query(name: str, vocabulary: Sequence[str]) -> NameQuery:
    """What search.js makes of NAME typed as a query, over VOCABULARY (the index terms, sorted by
    code point)."""
    words = [chunk for chunk in map(chunk_tokens, SEPARATORS.split(normalise(name))) if chunk]
    query = NameQuery({}, [], [])
    for n, variants in enumerate(words):
        for token in variants:
            if stop_word_filter(token) is not None:
                query.boosts[stem(token)] = query.boosts.get(stem(token), 0) + 1
        own = {stem(token) for token in word_variants(variants[0]) if stop_word_filter(token) is not None}
        accepted = set(own)
        prefix = variants[0] if n == len(words) - 1 and len(variants[0]) >= MIN_PREFIX else ""
        for term in vocabulary[bisect.bisect_left(vocabulary, prefix):] if prefix else ():
            if not term.startswith(prefix):
                break
            query.boosts[term] = query.boosts.get(term, 0) + PREFIX_BOOST
            if own:
                accepted.add(term)
        if own:  # not a stop word: an article must have it
            query.required.append(accepted)
            query.own.append(own)
    return query


def named_results(names: Sequence[str], vocabulary: Sequence[str], df: Mapping[str, int],
                  rows_of: Callable[[str], tuple[np.ndarray, np.ndarray] | None], refs: int,
                  count: int) -> dict[str, list[int]]:
    """Term -> the COUNT best refs (of REFS) for each of NAMES as a query whose rarest word it is
    (by DF, among the words' own forms); ROWS_OF: a term's (refs, weights), None for none."""
    found: defaultdict[str, set[int]] = defaultdict(set)
    scratch = Scratch(refs)
    for name in names:
        query = name_query(name, vocabulary)
        words = [{term for term in word if term in df} for word in query.own]
        if words and all(words):
            rarest = min((df[term], term) for word in words for term in word)[1]
            found[rarest].update(best_articles(query, rows_of, count, scratch))
    return {term: sorted(found_refs) for term, found_refs in found.items()}


class Scratch:
    """Per ref, a score, a count of words and a mark, kept at 0 between names: best_articles() then
    costs what a name's rows cost, not what the archive's refs do."""

    def __init__(self, refs: int) -> None:
        self.total = np.zeros(refs)
        self.words = np.zeros(refs, dtype=np.int32)
        self.mark = np.zeros(refs, dtype=np.int32)


def best_articles(query: NameQuery,
                  rows_of: Callable[[str], tuple[np.ndarray, np.ndarray] | None], count: int,
                  scratch: Scratch) -> list[int]:
    """The COUNT best refs for QUERY (name_query()): among the articles with every word, by the sum
    of their weights times the terms' boosts, ties by ref. ROWS_OF: a term's (refs, weights), or
    None for a term of no article; SCRATCH: as many refs as the archive has."""
    boosts, required = query.boosts, query.required
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
