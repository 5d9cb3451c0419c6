"""Related coverage: articles of other stories about the same event.

Each article is summarised by its most distinctive content words (tf-idf,
the KEY_TERMS best) and the entities it names (weighted by rarity). Pairs
come from an inverted index of those terms and entities, leaving out the ones
so common that they say nothing (in more than COMMON_SHARE of the archive);
a pair is scored by the cosine of the term vectors and the weighted overlap of
entities. Versions of one story are never related to each other (they are
its versions), and another story is listed once, by its best-scoring version.

The profiles and the candidates are worked out over the whole archive at once
(numpy arrays of word and key numbers: a tenth of what a dictionary per article
cost at 10,000 articles); the weights are the same floating-point numbers, made
by the same operations in the same order.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise

import numpy as np

from generator.annotate.words import content_words
from generator.archive.related_memo import RelatedMemo, profile_digest, weights_digest
from generator.model import Annotation, Article, EntityTable, Related, Story
from generator.packed import numbered, unpack

KEY_TERMS = 40
"""Content words kept per article: its most distinctive ones."""
COMMON_SHARE = 0.005
"""A term or entity in more than this share of the archive does not make candidates..."""
COMMON_MIN_ARTICLES = 20
"""...unless it is in this few articles or fewer."""
MIN_SHARED_KEYS = 2
"""Candidates share at least this many indexed terms or entities..."""
MAX_CANDIDATES = 50
"""...and only the articles sharing the most are scored."""
ENTITY_WEIGHT = 0.4
"""The entities' part of the score (the terms have the rest)."""
MIN_SCORE = 0.15
"""Pairs scoring less are not shown as related."""


@dataclass(frozen=True, slots=True)
class Profile:
    """What an article is about: weighted key terms and entities."""

    terms: Mapping[str, float]
    """Key term -> tf-idf weight, normalised to unit length."""
    entities: frozenset[str]


def find_related(
    articles: Sequence[Article],
    annotations: Mapping[str, Annotation],
    stories: Sequence[Story],
    table: EntityTable,
    limit: int = 5,
    memo: RelatedMemo | None = None,
) -> Mapping[str, tuple[Related, ...]]:
    """For every article id, up to `limit` related articles of other stories, best first
    (each article's content words as its annotation holds them, or counted now); with MEMO, an
    article's list is the last build's when it was worked out from the same (related_memo.py)."""
    ordered = sorted(articles, key=lambda a: a.id)
    story_of = {a: "story:" + s.id for s in stories for a in s.articles}
    group = [story_of.get(a.id, "article:" + a.id) for a in ordered]
    entity_sets = [frozenset(m.entity for m in table.mentions.get(a.id, ())) for a in ordered]
    entity_weight = _idf(Counter(chain.from_iterable(entity_sets)), len(ordered))
    profiles, digests = _profiles(ordered, annotations, entity_sets)

    def find(i: int, candidates: list[int]) -> tuple[Related, ...]:
        best_by_group: dict[str, tuple[float, str]] = {}
        for j in candidates:
            if group[j] == group[i]:
                continue
            score = _score(profiles[i], profiles[j], entity_weight)
            other = ordered[j].id
            if score >= MIN_SCORE and (-score, other) < best_by_group.get(group[j], (1.0, "")):
                best_by_group[group[j]] = (-score, other)
        ranked = sorted(best_by_group.values())[:limit]
        return tuple(Related(article=a, score=-s) for s, a in ranked)

    if memo is None:
        return {ordered[i].id: find(i, candidates) for i, candidates in enumerate(_candidates(profiles, len(ordered)))}
    memo.begin((weights_digest(entity_weight), limit))
    related = {ordered[i].id: memo.related(
        [group[i], digests[i], *(f"{group[j]}\0{ordered[j].id}\0{digests[j]}" for j in candidates)],
        lambda i=i, candidates=candidates: find(i, candidates))
        for i, candidates in enumerate(_candidates(profiles, len(ordered)))}
    memo.save()
    return related


def _profiles(articles: list[Article], annotations: Mapping[str, Annotation],
              entity_sets: list[frozenset[str]]) -> tuple[list[Profile], list[str]]:
    """Each article's KEY_TERMS heaviest words (count times idf; at a tie, the first in
    alphabetical order), their weights made unit length; and a digest of each profile."""
    found = [_words(article, annotations.get(article.id)) for article in articles]
    words, spelled = numbered(chain.from_iterable(each for each, _ in found))
    counts = np.concatenate([np.zeros(0, dtype=np.float64), *(np.asarray(n, dtype=np.float64) for _, n in found)])
    owner = np.repeat(np.arange(len(found)), [len(words) for words, _ in found])
    alphabetical = np.empty(len(spelled), dtype=np.int64)
    alphabetical[sorted(range(len(spelled)), key=spelled.__getitem__)] = np.arange(len(spelled))
    articles_with = np.bincount(words, minlength=len(spelled))
    frequencies, each = np.unique(articles_with, return_inverse=True)
    idf = np.array([math.log(1 + len(articles) / n) for n in frequencies.tolist()])[each]
    weights = counts * idf[words]
    order = np.lexsort((alphabetical[words], -weights, owner))
    starts = np.r_[0, np.cumsum(np.bincount(owner, minlength=len(found)))]
    kept = order[np.arange(len(order)) - starts[owner[order]] < KEY_TERMS]  # owner[order] is owner: grouped
    kept_weights = weights[kept]
    bounds = np.r_[0, np.cumsum(np.bincount(owner[kept], minlength=len(found)))].tolist()
    squares = (kept_weights * kept_weights).tolist()
    norms = np.array([math.sqrt(sum(squares[a:b])) or 1.0 for a, b in pairwise(bounds)])
    unit_weights = kept_weights / norms[owner[kept]]
    unit = unit_weights.tolist()
    terms = [spelled[n] for n in words[kept].tolist()]
    return ([Profile(dict(zip(terms[a:b], unit[a:b])), entities) for a, b, entities in zip(bounds, bounds[1:], entity_sets)],
            [profile_digest(terms[a:b], unit_weights[a:b].tobytes(), entities)
             for a, b, entities in zip(bounds, bounds[1:], entity_sets)])


def _words(article: Article, annotation: Annotation | None) -> tuple[list[str], np.ndarray | list[int]]:
    """The article's content words and their counts, as its annotation holds them, or counted now."""
    found = annotation.words if annotation else None
    if found is None:
        counted = content_words(article.text)
        return list(counted), list(counted.values())
    return unpack(*found)


def _candidates(profiles: list[Profile], total: int) -> list[list[int]]:
    """For each article, the others sharing MIN_SHARED_KEYS uncommon terms or entities: the
    MAX_CANDIDATES sharing the most (at a tie, the first), in order."""
    keys = [_keys(profile) for profile in profiles]
    key, named = numbered(chain.from_iterable(keys))
    owner = np.repeat(np.arange(len(profiles)), [len(k) for k in keys])
    holders = np.bincount(key, minlength=len(named))
    uncommon = holders[key] <= max(COMMON_MIN_ARTICLES, int(total * COMMON_SHARE))
    key, owner = key[uncommon], owner[uncommon]
    by_key = np.lexsort((owner, key))
    key, owner = key[by_key], owner[by_key]
    # every (article, other) pair of holders of each key: each holder repeated as often as its
    # key has holders, against those holders in turn
    size = holders[key]
    first = np.searchsorted(key, key)
    pair_starts = np.cumsum(size) - size
    one = np.repeat(owner, size)
    other = owner[np.repeat(first, size) + np.arange(int(size.sum())) - np.repeat(pair_starts, size)]
    apart = one != other
    pairs, shared = np.unique(one[apart] * total + other[apart], return_counts=True)
    enough = shared >= MIN_SHARED_KEYS
    pairs, shared = pairs[enough], shared[enough]
    article, candidate = pairs // total, pairs % total
    best = np.lexsort((candidate, -shared, article))
    article, candidate = article[best], candidate[best]
    starts = np.r_[0, np.cumsum(np.bincount(article, minlength=len(profiles)))]
    kept = np.arange(len(article)) - starts[article] < MAX_CANDIDATES
    article, candidate = article[kept], candidate[kept]
    in_order = np.lexsort((candidate, article))
    article, candidate = article[in_order].tolist(), candidate[in_order].tolist()
    out: list[list[int]] = [[] for _ in profiles]
    for i, j in zip(article, candidate):
        out[i].append(j)
    return out


def _keys(profile: Profile) -> list[str]:
    return sorted(["t:" + t for t in profile.terms] + ["e:" + e for e in profile.entities])


def _score(a: Profile, b: Profile, entity_weight: Mapping[str, float]) -> float:
    """0..1: cosine of the key terms, blended with the rarity-weighted share of entities."""
    cosine = sum(w * b.terms[t] for t, w in a.terms.items() if t in b.terms)
    union = a.entities | b.entities
    if not union:
        return round(min(cosine, 1.0), 3)
    shared = sum(entity_weight[e] for e in a.entities & b.entities)
    overlap = shared / sum(entity_weight[e] for e in union)
    return round(min((1 - ENTITY_WEIGHT) * cosine + ENTITY_WEIGHT * overlap, 1.0), 3)


def _idf(frequency: Counter[str], total: int) -> dict[str, float]:
    return {key: math.log(1 + total / count) for key, count in frequency.items()}
