"""Related coverage: articles of other stories about the same event.

Each article is summarised by its most distinctive content words (tf-idf,
the KEY_TERMS best) and the entities it names (weighted by rarity). Pairs
come from an inverted index of those terms and entities, leaving out the ones
so common that they say nothing (in more than COMMON_SHARE of the archive);
a pair is scored by the cosine of the term vectors and the weighted overlap of
entities. Versions of one story are never related to each other (they are
its versions), and another story is listed once, by its best-scoring version.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from generator.annotate.words import content_words, restored
from generator.model import Annotation, Article, EntityTable, Related, Story

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
) -> Mapping[str, tuple[Related, ...]]:
    """For every article id, up to `limit` related articles of other stories, best first
    (each article's content words as its annotation holds them, or counted now)."""
    ordered = sorted(articles, key=lambda a: a.id)
    story_of = {a: "story:" + s.id for s in stories for a in s.articles}
    group = [story_of.get(a.id, "article:" + a.id) for a in ordered]
    entity_sets = [frozenset(m.entity for m in table.mentions.get(a.id, ())) for a in ordered]
    entity_weight = _idf(Counter(chain.from_iterable(entity_sets)), len(ordered))
    profiles = _profiles(ordered, annotations, entity_sets)
    related = {}
    for i, candidates in enumerate(_candidates(profiles, len(ordered))):
        best_by_group: dict[str, tuple[float, str]] = {}
        for j in candidates:
            if group[j] == group[i]:
                continue
            score = _score(profiles[i], profiles[j], entity_weight)
            other = ordered[j].id
            if score >= MIN_SCORE and (-score, other) < best_by_group.get(group[j], (1.0, "")):
                best_by_group[group[j]] = (-score, other)
        ranked = sorted(best_by_group.values())[:limit]
        related[ordered[i].id] = tuple(Related(article=a, score=-s) for s, a in ranked)
    return related


def _profiles(articles: list[Article], annotations: Mapping[str, Annotation],
              entity_sets: list[frozenset[str]]) -> list[Profile]:
    counts = [_words(article, annotations.get(article.id)) for article in articles]
    term_weight = _idf(Counter(chain.from_iterable(counts)), len(articles))
    profiles = []
    for count, entities in zip(counts, entity_sets, strict=True):
        weights = sorted(((-n * term_weight[t], t) for t, n in count.items()))[:KEY_TERMS]
        norm = math.sqrt(sum(w * w for w, _ in weights)) or 1.0
        profiles.append(Profile({t: -w / norm for w, t in weights}, entities))
    return profiles


def _words(article: Article, annotation: Annotation | None) -> Mapping[str, int]:
    found = annotation.words if annotation else None
    return content_words(article.text) if found is None else restored(found)


def _candidates(profiles: list[Profile], total: int) -> list[list[int]]:
    """For each article, the others sharing MIN_SHARED_KEYS uncommon terms or entities."""
    index: dict[str, list[int]] = {}
    for i, profile in enumerate(profiles):
        for key in _keys(profile):
            index.setdefault(key, []).append(i)
    most = max(COMMON_MIN_ARTICLES, int(total * COMMON_SHARE))
    out = []
    for i, profile in enumerate(profiles):
        postings = (index[key] for key in _keys(profile) if len(index[key]) <= most)
        shared = Counter(chain.from_iterable(postings))
        del shared[i]
        ranked = sorted((-n, j) for j, n in shared.items() if n >= MIN_SHARED_KEYS)
        out.append(sorted(j for _, j in ranked[:MAX_CANDIDATES]))
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
