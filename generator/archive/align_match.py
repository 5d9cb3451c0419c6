"""How much of one sentence another holds, and what kind of borrowing it is.

Two sentences are compared as token sequences (see align_tokens): their
matching blocks (longest common runs, found as difflib does) tell which words they share in order,
which words the first one adds (its unmatched runs) and which words of the
source it cuts. The relation follows from those measures:

- copy: nearly every word of each is in the other, no passage added or cut
  (so a copy is a copy both ways);
- partial: a passage of its own (NEW_PASSAGE words or more) beside words
  taken nearly as they are from the source;
- rewrite: the same facts reworded or trimmed (anything else that is linked).
"""
from __future__ import annotations

from dataclasses import dataclass

COPY_SIMILARITY = 0.8
"""A copy and its source share at least this share of their words (Dice)..."""
COPY_MAX_RUN = 3
"""...and neither adds nor cuts a run of more than this many words."""
NEW_PASSAGE = 5
"""An added run this long is a passage of its own, not a changed word."""
PARTIAL_SHARE = 0.5
"""A partial takes at least this share of its words from the source..."""
PARTIAL_VERBATIM = 0.85
"""...and, outside its own passages, at least this share word for word."""
LINK_SIMILARITY = 0.3
"""Sentences this similar (Dice of matched words) are linked..."""
LINK_CONTAINED = 0.5
"""...as is one that has at least this share of its words in the other,"""
LINK_RUN = 4
"""in a run of at least this many words."""


@dataclass(frozen=True, slots=True)
class SentenceMatch:
    """The words one sentence (a) shares in order with another (b)."""

    blocks: tuple[tuple[int, int, int], ...]
    """Matching blocks (position in a, position in b, length), in order."""
    a_length: int
    b_length: int
    matched: int
    """How many words the blocks hold."""

    @property
    def a_share(self) -> float:
        """The share of a's words found in b."""
        return self.matched / self.a_length if self.a_length else 0.0

    @property
    def b_share(self) -> float:
        """The share of b's words kept in a."""
        return self.matched / self.b_length if self.b_length else 0.0

    @property
    def similarity(self) -> float:
        """Dice coefficient of the matched words: 2M / (|a| + |b|)."""
        total = self.a_length + self.b_length
        return 2 * self.matched / total if total else 0.0

    @property
    def longest_run(self) -> int:
        return max((size for _, _, size in self.blocks), default=0)

    @property
    def score(self) -> float:
        """How much of a comes from b, 0..1: the mean of similarity and a's share."""
        return round((self.similarity + self.a_share) / 2, 3)

    def flipped(self) -> SentenceMatch:
        """The same match seen from b."""
        flipped = tuple((j, i, n) for i, j, n in self.blocks)
        return SentenceMatch(flipped, self.b_length, self.a_length, self.matched)

    def added_runs(self) -> list[int]:
        """Lengths of the runs of a's words that b does not have."""
        return _gaps([(i, n) for i, _, n in self.blocks], self.a_length)

    def cut_runs(self) -> list[int]:
        """Lengths of the runs of b's words that a leaves out."""
        return _gaps([(j, n) for _, j, n in self.blocks], self.b_length)

    def matched_positions(self) -> frozenset[int]:
        """Positions of a's words found in b."""
        return frozenset(i + k for i, _, n in self.blocks for k in range(n))


def match_sentences(a: tuple[str, ...], b: tuple[str, ...]) -> SentenceMatch:
    """The words the token sequences a and b share, in order."""
    if a == b:  # versions repeat most sentences word for word
        return SentenceMatch(((0, 0, len(a)),), len(a), len(a), len(a))
    # Edits rarely touch both ends: match the common head and tail at once.
    shorter = min(len(a), len(b))
    head = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), shorter)
    limit = shorter - head
    backwards = enumerate(zip(reversed(a), reversed(b)))
    tail = next((k for k, (x, y) in backwards if x != y or k == limit), limit)
    middle = _matching_blocks(a[head:len(a) - tail], b[head:len(b) - tail])
    blocks = [(0, 0, head)] + [(i + head, j + head, n) for i, j, n in middle]
    blocks.append((len(a) - tail, len(b) - tail, tail))
    kept = tuple(block for block in blocks if block[2])
    return SentenceMatch(kept, len(a), len(b), sum(n for _, _, n in kept))


def _matching_blocks(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """The longest common run, then the same on each side of it; adjacent runs merged.

    This is difflib's matching (Ratcliff-Obershelp) without its junk rules, which
    sentences do not need: twice as fast on them.
    """
    positions: dict[str, list[int]] = {}
    for j, token in enumerate(b):
        positions.setdefault(token, []).append(j)
    found, pending = [], [(0, len(a), 0, len(b))]
    while pending:
        a_low, a_high, b_low, b_high = pending.pop()
        best_i, best_j, best = a_low, b_low, 0
        run_ending: dict[int, int] = {}  # j -> length of the common run ending at (i - 1, j)
        for i in range(a_low, a_high):
            runs = {}
            for j in positions.get(a[i], ()):
                if b_low <= j < b_high:
                    size = runs[j] = run_ending.get(j - 1, 0) + 1
                    if size > best:
                        best_i, best_j, best = i - size + 1, j - size + 1, size
            run_ending = runs
        if best:
            found.append((best_i, best_j, best))
            pending.append((a_low, best_i, b_low, best_j))
            pending.append((best_i + best, a_high, best_j + best, b_high))
    merged: list[tuple[int, int, int]] = []
    for i, j, n in sorted(found):
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        else:
            merged.append((i, j, n))
    return merged


def is_link(match: SentenceMatch) -> bool:
    """Whether a draws on b at all."""
    if match.similarity >= LINK_SIMILARITY:
        return True
    return match.a_share >= LINK_CONTAINED and match.longest_run >= LINK_RUN


def may_link(shared: int, a_length: int, b_length: int) -> bool:
    """Whether sentences sharing at most `shared` words could pass `is_link`."""
    if 2 * shared >= LINK_SIMILARITY * (a_length + b_length):
        return True
    return shared >= LINK_CONTAINED * a_length and shared >= LINK_RUN


def relation(match: SentenceMatch) -> str:
    """"copy", "partial" or "rewrite": how a (linked) draws on b."""
    if match.matched == match.a_length == match.b_length:
        return "copy"
    added, cut = match.added_runs(), match.cut_runs()
    if match.similarity >= COPY_SIMILARITY and max(added + cut, default=0) <= COPY_MAX_RUN:
        return "copy"
    own = sum(run for run in added if run >= NEW_PASSAGE)
    rest = match.a_length - own
    if own and match.a_share >= PARTIAL_SHARE and rest and match.matched / rest >= PARTIAL_VERBATIM:
        return "partial"
    return "rewrite"


def _gaps(spans: list[tuple[int, int]], length: int) -> list[int]:
    """Lengths of the stretches of 0..length that the (start, size) spans leave uncovered."""
    gaps, position = [], 0
    for start, size in spans:
        if start > position:
            gaps.append(start - position)
        position = start + size
    if length > position:
        gaps.append(length - position)
    return gaps
