"""The weights lunr.py's Builder gives every (term, field, document), computed in bulk.

lunr.py's Builder runs its pipeline on every occurrence of every word and builds a
Vector object per field of every document, one insert at a time; at 10,000 articles
that is most of the search stage. Here each field's terms come counted (terms.py: the
pipeline runs once per distinct word; an article's own fields are counted by the
per-article stage), and the BM25 weights of all postings are computed at once with NumPy, in the order of lunr.py's own arithmetic, so that every
weight is the one lunr.py computes (tests/test_search_builder.py compares them).
Terms are numbered as lunr.py numbers them: in order of first appearance, document by
document, field by field.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..packed import numbered
from .terms import Counted, count

K1 = 1.2
B = 0.75
"""lunr's BM25 parameters (Builder._k1, Builder._b)."""


@dataclass(frozen=True, slots=True)
class Weights:
    """Every (term, field, document) of an index and lunr's weight for it."""

    terms: list[str]
    """Term by its index (lunr's posting "_index")."""
    term: np.ndarray
    doc: np.ndarray
    field: np.ndarray
    """The field's position in the list of fields."""
    value: np.ndarray
    """lunr's weight (rounded to 1/1000) x 1000, as an integer."""


def weigh(documents: Iterable[dict[str, Any]], fields: Sequence[tuple[str, int]]) -> Weights:
    """The weights of DOCUMENTS (an "id" that is a number, and each of FIELDS (name, boost) as a
    list of tokens), the index pipeline run on each token, as lunr.py's Builder would give them."""
    return weigh_counted(((int(document["id"]), [count(document[name]) for name, _ in fields])
                          for document in documents), [boost for _, boost in fields])


def weigh_counted(documents: Iterable[tuple[int, Sequence[Counted]]], boosts: Sequence[int]) -> Weights:
    """The weights of DOCUMENTS given as (ref, each field's Counted terms), the fields boosted by
    BOOSTS, as lunr.py's Builder would give them."""
    every: list[str] = []
    counts: list[np.ndarray] = []
    group_sizes: list[int] = []
    group_docs: list[int] = []
    lengths: list[int] = []
    for ref, fields in documents:
        for counted in fields:
            every.extend(counted.terms)
            counts.append(counted.counts)
            group_sizes.append(len(counted.terms))
            group_docs.append(ref)
            lengths.append(counted.length)
    width = len(boosts)
    docs = len(group_docs) // width if width else 0
    sizes = np.asarray(group_sizes, dtype=np.int64)
    term, terms = numbered(every, np.int32)
    field = np.repeat(np.tile(np.arange(width, dtype=np.int8), docs), sizes)
    length = np.repeat(np.asarray(lengths, dtype=np.float64), sizes)
    average = np.asarray([sum(lengths[f::width]) / docs for f in range(width)] if docs else [1.0] * width)
    postings = np.bincount(term, minlength=len(terms)).tolist()  # lunr counts a (field, document) pair
    idf = np.asarray([math.log(1 + abs((docs - n + 0.5) / (n + 0.5))) for n in postings], dtype=np.float64)
    tf = np.concatenate(counts).astype(np.float64) if counts else np.zeros(0)
    score = idf[term] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[field])) + tf)
    score = score * np.asarray(boosts, dtype=np.float64)[field]
    return Weights(terms, term, np.repeat(np.asarray(group_docs, dtype=np.int32), sizes), field,
                   _thousandths(score))


def _thousandths(score: np.ndarray) -> np.ndarray:
    """round(score, 3) x 1000 as lunr.py has it: Python's round, which rounds the exact value of
    the float; NumPy's rounding of score x 1000 agrees but within a hair of a half."""
    scaled = score * 1000
    value = np.rint(scaled)
    near_half = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    value[near_half] = [round(round(float(s), 3) * 1000) for s in score[near_half]]
    return value.astype(np.int32)
