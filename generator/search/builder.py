"""The weights lunr.py's Builder gives every (term, field, document), computed in bulk.

lunr.py's Builder runs its pipeline on every occurrence of every word and builds a
Vector object per field of every document, one insert at a time; at 10,000 articles
that is most of the search stage. Here the pipeline runs once per distinct word of a
field, the term frequencies come from Counter, and the BM25 weights of all postings are
computed at once with NumPy, in the order of lunr.py's own arithmetic, so that every
weight is the one lunr.py computes (tests/test_search_builder.py compares them).
Terms are numbered as lunr.py numbers them: in order of first appearance, document by
document, field by field.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from lunr.pipeline import Pipeline
from lunr.token import Token
from lunr.utils import as_string

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


def weigh(documents: Iterable[dict[str, Any]], fields: Sequence[tuple[str, int]], pipeline: Pipeline) -> Weights:
    """The weights of DOCUMENTS (an "id" that is a number, and each of FIELDS (name, boost) as a
    list of tokens), PIPELINE run on each token, as lunr.py's Builder would give them."""
    number: dict[str, int] = {}
    made: dict[tuple[str, str], tuple[str, ...]] = {}
    term_ids: list[int] = []
    counts: list[int] = []
    group_sizes: list[int] = []
    group_docs: list[int] = []
    lengths: list[int] = []
    for document in documents:
        ref = int(document["id"])
        for name, _ in fields:
            terms: list[str] = []
            for element in document[name]:
                word = as_string(element).lower()
                if (name, word) not in made:
                    made[name, word] = tuple(str(token) for token in pipeline.run([Token(word, {})], name))
                terms.extend(made[name, word])
            frequencies = Counter(terms)
            for term in frequencies:
                if term not in number:
                    number[term] = len(number)
            term_ids.extend(number[term] for term in frequencies)
            counts.extend(frequencies.values())
            group_sizes.append(len(frequencies))
            group_docs.append(ref)
            lengths.append(len(terms))
    width = len(fields)
    docs = len(group_docs) // width if width else 0
    sizes = np.asarray(group_sizes, dtype=np.int64)
    term = np.asarray(term_ids, dtype=np.int32)
    field = np.repeat(np.tile(np.arange(width, dtype=np.int8), docs), sizes)
    length = np.repeat(np.asarray(lengths, dtype=np.float64), sizes)
    average = np.asarray([sum(lengths[f::width]) / docs for f in range(width)] if docs else [1.0] * width)
    postings = np.bincount(term, minlength=len(number)).tolist()  # lunr counts a (field, document) pair
    idf = np.asarray([math.log(1 + abs((docs - n + 0.5) / (n + 0.5))) for n in postings], dtype=np.float64)
    tf = np.asarray(counts, dtype=np.float64)
    score = idf[term] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[field])) + tf)
    score = score * np.asarray([boost for _, boost in fields], dtype=np.float64)[field]
    return Weights(list(number), term, np.repeat(np.asarray(group_docs, dtype=np.int32), sizes), field,
                   _thousandths(score))


def _thousandths(score: np.ndarray) -> np.ndarray:
    """round(score, 3) x 1000 as lunr.py has it: Python's round, which rounds the exact value of
    the float; NumPy's rounding of score x 1000 agrees but within a hair of a half."""
    scaled = score * 1000
    value = np.rint(scaled)
    near_half = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    value[near_half] = [round(round(float(s), 3) * 1000) for s in score[near_half]]
    return value.astype(np.int32)
