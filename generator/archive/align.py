"""Align the versions of each story sentence by sentence, in both directions.

For each pair of versions, candidate sentence pairs come from an index of
content words (never every sentence against every other); each candidate is
matched once (align_match) and read from both sides. A sentence links to its
best source, and to a second one when that supplies a good part of what the
first leaves unexplained. Headings align only with headings. A link whose
source is out of order with the others (outside the longest increasing run
of source positions) is marked moved.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain, combinations

from generator.archive.align_match import (
    SentenceMatch,
    is_link,
    match_sentences,
    may_link,
    relation,
)
from generator.archive.align_tokens import STOPWORDS, comparison_tokens_of
from generator.model import (
    Alignment,
    Annotation,
    Article,
    Sentence,
    SentenceLink,
    Story,
)

HEADING_MARK = "#"
"""Marks the words of headings apart (tokens are word characters only)."""
CANDIDATES = 2
"""Sentences of the other version compared with each sentence (most shared words first)."""
CANDIDATE_SHARE = 0.3
"""...and only those sharing at least this share of the content words the best one shares."""
MIN_SHARED_WORDS = 2
"""Content words a candidate must share (one is enough for a sentence that has fewer)."""
SECOND_SOURCE_WORDS = 4
"""A second source must supply at least this many of the words the first one lacks..."""
SECOND_SOURCE_SHARE = 0.5
"""...and half of them,"""
SECOND_SOURCE_KEPT = 0.25
"""and a quarter of its own words must be in the sentence."""


@dataclass(frozen=True, slots=True)
class VersionSentences:
    """One version's sentences as the aligner sees them."""

    article: str
    ids: tuple[str, ...]
    tokens: tuple[tuple[str, ...], ...]
    headings: tuple[bool, ...]
    """Whether each sentence is a heading (headings align only with headings)."""
    words: tuple[frozenset[str], ...]
    """Each sentence's distinct tokens (for a quick bound on what a match can find)."""
    keys: tuple[frozenset[str], ...]
    """Each sentence's distinct content words (see align_tokens), marked in headings."""
    twins: Mapping[tuple[str, ...], int]
    """Tokens (marked in headings) -> the first sentence that has them."""
    index: Mapping[str, list[int]]
    """Key -> the sentences that have it: headings only meet headings."""


def align_versions(
    stories: Sequence[Story], articles: Mapping[str, Article], annotations: Mapping[str, Annotation]
) -> tuple[Alignment, ...]:
    """Both directions of every pair of versions of every story, sorted by (article, other)."""
    alignments = []
    for story in stories:
        # Versions repeat most sentences word for word: each distinct text is tokenised once.
        tokenised: dict[str, tuple[str, ...]] = {}
        versions = {a: version_sentences(articles[a], annotations[a], tokenised) for a in story.articles}
        # Versions share most sentences, so the same two sentences meet in several pairs.
        matches: dict[tuple[tuple[str, ...], tuple[str, ...]], SentenceMatch] = {}
        for a, b in combinations(story.articles, 2):
            alignments.extend(align_pair(versions[a], versions[b], matches))
    return tuple(sorted(alignments, key=lambda x: (x.article, x.other)))


def align_pair(
    a: VersionSentences,
    b: VersionSentences,
    matches: dict[tuple[tuple[str, ...], tuple[str, ...]], SentenceMatch],
) -> tuple[Alignment, Alignment]:
    """a against b and b against a; two sentences are matched once, when first needed.

    `matches` remembers matches by the sentences' tokens, across calls.
    """

    def forward(i: int, j: int) -> SentenceMatch:
        key = (a.tokens[i], b.tokens[j])
        if key not in matches:
            matches[key] = match_sentences(*key)
        return matches[key]

    def backward(j: int, i: int) -> SentenceMatch:
        return forward(i, j).flipped()

    return (
        link_sentences(a, b, _candidates(a, b), forward),
        link_sentences(b, a, _candidates(b, a), backward),
    )


def version_sentences(
    article: Article, annotation: Annotation, tokenised: dict[str, tuple[str, ...]]
) -> VersionSentences:
    """Tokens, keys and indexes of one version's sentences, made once per story.

    `tokenised` remembers the tokens of sentence texts, across calls.
    """
    sentences = annotation.sentences
    texts = [article.text[s.start:s.end] for s in sentences]
    new = sorted(set(texts).difference(tokenised))
    if new:  # (no texts would still make one empty part)
        tokenised.update(zip(new, comparison_tokens_of(new), strict=True))
    tokens = tuple(map(tokenised.__getitem__, texts))
    headings = _heading_flags(article, sentences)
    words = tuple(map(frozenset, tokens))
    keys = tuple(
        frozenset(HEADING_MARK + t for t in w - STOPWORDS) if heading else w - STOPWORDS
        for w, heading in zip(words, headings, strict=True)
    )
    twins: dict[tuple[str, ...], int] = {}
    index: defaultdict[str, list[int]] = defaultdict(list)
    for j, (sentence_tokens, sentence_keys) in enumerate(zip(tokens, keys, strict=True)):
        twins.setdefault((HEADING_MARK, *sentence_tokens) if headings[j] else sentence_tokens, j)
        for key in sentence_keys:
            index[key].append(j)
    return VersionSentences(
        article=article.id,
        ids=tuple(s.id for s in sentences),
        tokens=tokens,
        headings=headings,
        words=words,
        keys=keys,
        twins=twins,
        index=dict(index),
    )


def link_sentences(
    a: VersionSentences,
    b: VersionSentences,
    candidates: Mapping[int, list[int]],
    match: Callable[[int, int], SentenceMatch],
) -> Alignment:
    """The links from each sentence of a to its source(s) among its candidates in b."""
    chosen = [
        (i, j, m)
        for i in sorted(candidates)
        for j, m in _twin_source(a, i, b, candidates[i]) or _sources(candidates[i], partial(match, i))
    ]
    in_order = _longest_increasing(sorted((i, j) for i, j, _ in chosen))
    links = tuple(
        SentenceLink(
            sentence=a.ids[i], other_article=b.article, other_sentence=b.ids[j],
            relation=relation(m), score=m.score, moved=(i, j) not in in_order,
        )
        for i, j, m in chosen
    )
    return Alignment(article=a.article, other=b.article, links=links)


def _sources(
    ranked: list[int], match: Callable[[int], SentenceMatch]
) -> list[tuple[int, SentenceMatch]]:
    """The best linked source, then a second one that covers much of what it lacks.

    Candidates are matched in rank order until one leaves too little unexplained
    for a second source to add anything.
    """
    tried = []
    for j in ranked:
        tried.append((j, match(j)))
        found = tried[-1][1]
        if is_link(found) and found.a_length - found.matched < SECOND_SOURCE_WORDS:
            break
    linked = sorted((c for c in tried if is_link(c[1])), key=lambda c: (-c[1].score, c[0]))
    if not linked:
        return []
    second = _second_source(linked[0], tried)
    return [linked[0], second] if second else [linked[0]]


def _twin_source(
    a: VersionSentences, i: int, b: VersionSentences, ranked: list[int]
) -> list[tuple[int, SentenceMatch]]:
    """The twin of a sentence, when that is its only candidate: a copy, with no second source."""
    tokens = a.tokens[i]
    if len(ranked) != 1 or not tokens or b.tokens[ranked[0]] != tokens:
        return []
    # What match_sentences finds for equal sentences, without the lookup.
    return [(ranked[0], SentenceMatch(((0, 0, len(tokens)),), len(tokens), len(tokens), len(tokens)))]


def _second_source(
    first: tuple[int, SentenceMatch], tried: list[tuple[int, SentenceMatch]]
) -> tuple[int, SentenceMatch] | None:
    """The candidate that supplies most of the words the first source lacks, if enough."""
    first_j, best = first
    lacking = best.a_length - best.matched
    least = max(SECOND_SOURCE_WORDS, SECOND_SOURCE_SHARE * lacking)
    if lacking < least:
        return None
    covered = best.matched_positions()
    supplied = [
        (len(m.matched_positions() - covered), -j, j, m)
        for j, m in tried
        if j != first_j and m.matched >= least and m.b_share >= SECOND_SOURCE_KEPT
    ]
    most, _, j, match = max(supplied, default=(0, 0, 0, None))
    return (j, match) if match is not None and most >= least else None


def _candidates(a: VersionSentences, b: VersionSentences) -> dict[int, list[int]]:
    """For each sentence of a: its word-for-word twin in b, else those sharing most keys."""
    ranked: dict[int, list[int]] = {}
    index = b.index
    for i, tokens in enumerate(a.tokens):
        twin = b.twins.get((HEADING_MARK, *tokens) if a.headings[i] else tokens)
        if twin is not None:
            ranked[i] = [twin]
            continue
        keys = a.keys[i]
        shared = Counter(chain.from_iterable(index[key] for key in keys if key in index))
        least = min(MIN_SHARED_WORDS, len(keys))
        order = [j for n, j in sorted((-n, j) for j, n in shared.items() if n >= least)]
        kept = [j for j in order if shared[j] >= CANDIDATE_SHARE * shared[order[0]]]
        kept = [j for j in kept[:CANDIDATES] if _may_link(a, i, b, j)]
        if kept:
            ranked[i] = kept
    return ranked


def _may_link(a: VersionSentences, i: int, b: VersionSentences, j: int) -> bool:
    """Whether the words two sentences share, in any order, could make a link."""
    a_words, b_words = a.words[i], b.words[j]
    a_length, b_length = len(a.tokens[i]), len(b.tokens[j])
    # The words both have, once each, plus the repeats of the sentence with fewer.
    most = len(a_words & b_words) + min(a_length - len(a_words), b_length - len(b_words))
    could_add = most >= SECOND_SOURCE_WORDS and most >= SECOND_SOURCE_KEPT * b_length
    return could_add or may_link(most, a_length, b_length)


def _longest_increasing(pairs: list[tuple[int, int]]) -> frozenset[tuple[int, int]]:
    """The longest run of pairs, in order of i, whose j never decrease (patience sorting).

    Two sentences drawn from one source (a headline and its lede) are not a move.
    """
    tails: list[int] = []  # tails[k]: index into pairs of the least tail of a run of length k+1
    previous: list[int] = []
    for n, (_, j) in enumerate(pairs):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if pairs[tails[middle]][1] <= j:
                low = middle + 1
            else:
                high = middle
        previous.append(tails[low - 1] if low else -1)
        if low == len(tails):
            tails.append(n)
        else:
            tails[low] = n
    kept, n = set(), tails[-1] if tails else -1
    while n >= 0:
        kept.add(pairs[n])
        n = previous[n]
    return frozenset(kept)


def _heading_flags(article: Article, sentences: Sequence[Sentence]) -> tuple[bool, ...]:
    """Whether each sentence lies in a heading block."""
    starts = [b.start for b in article.blocks]
    kinds = [b.kind for b in article.blocks]
    holders = (bisect_right(starts, s.start) - 1 for s in sentences)
    return tuple(k >= 0 and kinds[k] == "heading" for k in holders)
