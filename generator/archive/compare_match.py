"""Matching figures across two versions of a story: which count the same thing.

Pure helpers for compare.py: pair figures within aligned sentences, pair the
figures no link reached, pair sentences by shared words when two versions have
no alignment at all, and join matched pairs into groups.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.annotate.numbers_lexicon import NOT_UNITS
from generator.model import Figure, Sentence

# Two different figures must share this many context words to count as one thing.
MIN_SHARED_CONTEXT = 2
# ... and be within this factor of each other: 8,500 is not a misreported 18,000.
MAX_VALUE_RATIO = 2.0
# Share of content words (Jaccard) for two sentences to stand in for a missing link.
MIN_SENTENCE_OVERLAP = 0.5
# Two sentences giving different readings must be this alike (unless the words
# around the figure agree closely): a changed number in otherwise copied words,
# not two sentences of one template about two events.
MIN_OVERLAP_FOR_NEW_VALUE = 0.6
_WORD = re.compile(r"[a-z][a-z'-]+")


@dataclass(frozen=True, slots=True)
class PlacedFigure:
    """A figure with where it stands: its article, sentence and neighbouring words."""

    article: str
    index: int
    """Its position in the article's Annotation.figures."""
    sentence: str
    figure: Figure
    context: frozenset[str]
    """Content words near it in its sentence (see numbers_about.context_words)."""
    sentence_words: frozenset[str]
    """Content words of its whole sentence."""
    about: str
    """What it counts and what happened to it ("people displaced"); see figure_about."""

    @property
    def reading(self) -> tuple[float, float | None, str]:
        """What a reader takes from it: value, upper bound, qualifier."""
        return (self.figure.value, self.figure.upper, self.figure.qualifier)


Pair = tuple[PlacedFigure, PlacedFigure]


def figure_pairs(firsts: Sequence[PlacedFigure], seconds: Sequence[PlacedFigure],
                 links: Iterable[tuple[str, str]]) -> list[Pair]:
    """Figures of linked sentences that count the same thing, one-to-one per sentence pair."""
    first_by_sentence = _by_sentence(firsts)
    second_by_sentence = _by_sentence(seconds)
    pairs: list[Pair] = []
    for first_sentence, second_sentence in sorted(set(links)):
        candidates = [(not _same_reading(p, q), -len(p.context & q.context), p.figure.start, q.figure.start, p, q)
                      for p in first_by_sentence.get(first_sentence, ())
                      for q in second_by_sentence.get(second_sentence, ())
                      if _counts_same_thing(p, q)]
        pairs += _one_to_one(candidates)
    return pairs


def unlinked_pairs(firsts: Sequence[PlacedFigure], seconds: Sequence[PlacedFigure],
                   matched: Sequence[Pair]) -> list[Pair]:
    """Each figure no link paired, with the figure of the other version that states
    the same value of the same unit about the same thing, if there is one.

    The aligner may link a rewritten lede to one source sentence while its figure
    comes from another; this finds that figure anyway, strictly.
    """
    used = {(p.article, p.index) for pair in matched for p in pair}
    pairs = []
    for p in firsts:
        if (p.article, p.index) not in used and (q := _same_figure_elsewhere(p, seconds)):
            pairs.append((p, q))
    for q in seconds:
        if (q.article, q.index) not in used and (p := _same_figure_elsewhere(q, firsts)):
            pairs.append((p, q))
    return pairs


def _same_figure_elsewhere(placed: PlacedFigure, others: Sequence[PlacedFigure]) -> PlacedFigure | None:
    """Without a link, the words around both figures must agree beyond what they
    count and the verb: "uprooted by the latest fighting" and "displaced by the
    latest fighting" do; "gathered in Mosul" twice does not."""
    figure = placed.figure
    candidates = [(-len(shared), o.figure.start, o) for o in others
                  if figure.unit and o.figure.unit == figure.unit and o.figure.value == figure.value
                  and len(shared := _shared_beyond_about(placed, o)) >= MIN_SHARED_CONTEXT]
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None


def _shared_beyond_about(p: PlacedFigure, q: PlacedFigure) -> frozenset[str]:
    return (p.context & q.context) - frozenset(p.about.split()) - frozenset(q.about.split())


def sentence_pairs_by_words(first_text: str, first_sentences: Sequence[Sentence],
                            second_text: str, second_sentences: Sequence[Sentence]) -> set[tuple[str, str]]:
    """For each first sentence, the second sentence sharing most content words, if enough."""
    second_words = [(s.id, content_words(second_text[s.start:s.end])) for s in second_sentences]
    pairs = set()
    for sentence in first_sentences:
        words = content_words(first_text[sentence.start:sentence.end])
        # Ties go to the earlier sentence.
        scored = [(similarity(words, other), -n, other_id) for n, (other_id, other) in enumerate(second_words)]
        best = max(scored, default=(0.0, 0, ""))
        if best[0] >= MIN_SENTENCE_OVERLAP:
            pairs.add((sentence.id, best[2]))
    return pairs


def group_pairs(pairs: Iterable[Pair]) -> list[list[PlacedFigure]]:
    """The connected groups of matched figures, each sorted, in a stable order."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}
    figures: dict[tuple[str, int], PlacedFigure] = {}

    def root(key: tuple[str, int]) -> tuple[str, int]:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for one, other in pairs:
        for placed in (one, other):
            key = (placed.article, placed.index)
            figures[key] = placed
            parent.setdefault(key, key)
        parent[root((one.article, one.index))] = root((other.article, other.index))
    groups: dict[tuple[str, int], list[PlacedFigure]] = {}
    for key in sorted(figures):
        groups.setdefault(root(key), []).append(figures[key])
    return sorted(groups.values(), key=lambda g: (g[0].article, g[0].index))


def _counts_same_thing(p: PlacedFigure, q: PlacedFigure) -> bool:
    """Same unit, and either the same value in a much-alike sentence or among words
    that agree beyond the count itself, or a close value in a much-alike sentence.

    Even equal readings need this: a loose link must not chain two different
    counts into one group."""
    if p.figure.unit != q.figure.unit:
        return False
    alike = similarity(p.sentence_words, q.sentence_words) >= MIN_OVERLAP_FOR_NEW_VALUE
    if p.figure.value == q.figure.value:
        return alike or len(_shared_beyond_about(p, q)) >= MIN_SHARED_CONTEXT
    return alike and values_close(p.figure.value, q.figure.value) and bool(p.context & q.context)


def values_close(first: float, second: float) -> bool:
    """Within MAX_VALUE_RATIO of each other: a revised count, not another count."""
    low, high = sorted((abs(first), abs(second)))
    return low > 0 and high / low < MAX_VALUE_RATIO


def _same_reading(p: PlacedFigure, q: PlacedFigure) -> bool:
    return p.reading == q.reading


def _one_to_one(candidates: list[tuple]) -> list[Pair]:
    """Best candidates first (the tuples sort that way); each figure used once."""
    used: set[tuple[str, int]] = set()
    pairs = []
    for *_, p, q in sorted(candidates, key=lambda c: c[:-2]):
        keys = {(p.article, p.index), (q.article, q.index)}
        if not keys & used:
            used |= keys
            pairs.append((p, q))
    return pairs


def _by_sentence(placed: Sequence[PlacedFigure]) -> dict[str, list[PlacedFigure]]:
    grouped: dict[str, list[PlacedFigure]] = {}
    for p in placed:
        grouped.setdefault(p.sentence, []).append(p)
    return grouped


def content_words(text: str) -> frozenset[str]:
    """The words of a sentence that carry its content (no stop words, no numbers)."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in NOT_UNITS)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over all words (Jaccard), 0..1."""
    return len(a & b) / len(a | b) if a or b else 0.0

