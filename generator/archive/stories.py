"""Group the versions of one story: declared `story` keys, else shared text.

Articles without a declared key are compared by their word shingles. Every
article gets a MinHash signature (one-permutation hashing: one hash per
shingle, the minimum kept in each of SIGNATURE_BINS bins); LSH banding puts
articles whose signatures agree on a whole band in one bucket, so only those
pairs are ever compared. A candidate pair is kept when the exact share of
shingles they have in common (of the shorter one's) reaches the threshold, and
kept pairs are joined into stories (union-find): a story is every article
reachable by such pairs.

Boilerplate is left out first: a shingle found in many articles (a stock
phrase, a standard description of an organisation) says nothing about which
story an article belongs to, and would make unrelated reports look alike.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np

from generator.annotate.shingles import SHINGLE_WORDS, restored, shingles
from generator.model import Annotation, Article, Story
from generator.slug import slugify

if TYPE_CHECKING:
    from generator.archive.group_memo import GroupMemo

SIGNATURE_BINS = 64
BAND_ROWS = 2
"""Rows per LSH band: 32 bands of 2 catch pairs whose distinctive shingles overlap by 0.3."""
BOILERPLATE_MIN_ARTICLES = 50
BOILERPLATE_SHARE = 0.01
"""A shingle in more articles than this many (or this share of the archive) is boilerplate."""
MAX_BUCKET = 500
"""A bucket shared by more articles than this holds boilerplate, not one story."""
WIRE_SOURCES = ("reuters", "associated press", "ap", "agence france presse", "afp")
"""Wire agencies, as lowercase words: a wire report is the likely original at a tie."""

_WORD = re.compile(r"\w+")
_WIRE = re.compile(r"\b(?:" + "|".join(map(re.escape, WIRE_SOURCES)) + r")\b")
_EMPTY = np.uint64(2**64 - 1)
"""Marks an empty bin before densifying (a real bin value is below 2**58)."""


def group_versions(
    articles: Sequence[Article], annotations: Mapping[str, Annotation], threshold: float = 0.3,
    memo: GroupMemo | None = None,
) -> tuple[Story, ...]:
    """Stories of two or more versions (or one declared by key), sorted by id.

    The grouping needs the text only: each article's shingles, found by the per-article stage
    (in its annotation, when there is one) or here. MEMO: the last build's signatures and
    verdicts (group_memo.py), for THRESHOLD, by the articles' fingerprints.
    """
    declared: dict[str, list[Article]] = {}
    undeclared = []
    for article in sorted(articles, key=lambda a: a.id):
        if article.story:
            declared.setdefault(slugify(article.story), []).append(article)
        else:
            undeclared.append(article)
    stories = [story_of(key, members) for key, members in declared.items()]
    for members in _text_groups(undeclared, annotations, threshold, memo):
        stories.append(story_of("story-" + slugify(_original(members).id), members))
    return tuple(sorted(stories, key=lambda s: s.id))


def explain_pair(a: Article, b: Article, threshold: float = 0.3) -> str:
    """Why `a` and `b` are (or are not) versions of one story, in one line.

    The pair is judged alone: in a large archive, boilerplate shingles are left
    out first, so the archive's figure can differ.
    """
    word_hashes: dict[str, int] = {}
    sa, sb = shingles(a.text, word_hashes), shingles(b.text, word_hashes)
    estimate = signature_similarity(signature(sa), signature(sb))
    shared, smaller = _shared(sa, sb), min(len(sa), len(sb))
    overlap = shared / smaller if smaller else 0.0
    verdict = "grouped" if overlap >= threshold else "not grouped"
    return (
        f"{a.id} / {b.id}: {verdict}: {shared} of the {smaller} {SHINGLE_WORDS}-word shingles "
        f"of the shorter one shared, overlap {overlap:.2f} against threshold {threshold:.2f} "
        f"(MinHash estimate of Jaccard similarity {estimate:.2f})"
    )


def signature(shingle_set: np.ndarray) -> np.ndarray:
    """One-permutation MinHash: the least hash in each bin, empty bins densified."""
    return signatures([shingle_set])[0]


def signatures(shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
    """One signature row per shingle set (all of them at once)."""
    rows = len(shingle_sets)
    out = np.full((rows, SIGNATURE_BINS), _EMPTY, dtype=np.uint64)
    if not rows:
        return out
    owner = np.repeat(np.arange(rows), [len(s) for s in shingle_sets])
    values = np.concatenate(shingle_sets) if owner.size else np.empty(0, dtype=np.uint64)
    bins = (values % np.uint64(SIGNATURE_BINS)).astype(np.int64)
    # Writing larger values first leaves each bin's least one in place.
    order = np.argsort(values, kind="stable")[::-1]
    out[owner[order], bins[order]] = values[order] // np.uint64(SIGNATURE_BINS)
    # An empty bin borrows the next filled bin's value (circularly), marked by the distance.
    filled = out != _EMPTY
    positions = np.arange(2 * SIGNATURE_BINS)
    donors = np.where(np.hstack([filled, filled]), positions, 4 * SIGNATURE_BINS)
    donors = np.minimum.accumulate(donors[:, ::-1], axis=1)[:, ::-1][:, :SIGNATURE_BINS]
    has_any = filled.any(axis=1)
    distance = (donors - positions[:SIGNATURE_BINS]).astype(np.uint64)
    borrowed = out[np.arange(rows)[:, None], donors % SIGNATURE_BINS] + (distance << np.uint64(58))
    return np.where(has_any[:, None], borrowed, out)


def signature_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The MinHash estimate of the Jaccard similarity of two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


def _text_groups(articles: list[Article], annotations: Mapping[str, Annotation],
                 threshold: float, memo: GroupMemo | None = None) -> list[list[Article]]:
    """Groups of two or more articles joined by shared distinctive shingles."""
    word_hashes: dict[str, int] = {}
    sets = [_shingles_of(a, annotations.get(a.id), word_hashes) for a in articles]
    roots = _joined(sets, boilerplate(sets), threshold, [a.id for a in articles], memo)
    groups: dict[int, list[Article]] = {}
    for root, article in zip(roots, articles):
        groups.setdefault(root, []).append(article)
    return [members for _, members in sorted(groups.items()) if len(members) > 1]


def _joined(sets: Sequence[np.ndarray], common: np.ndarray, threshold: float, ids: Sequence[str] = (),
            memo: GroupMemo | None = None) -> list[int]:
    """For each shingle set of SETS, the first of those joined with it once COMMON is set aside
    (each set only when it is needed): by pairs the signatures propose whose containment reaches
    THRESHOLD, and so on. With MEMO (by the articles' IDS), the signatures and verdicts it
    remembers are not made again."""
    distinctive: dict[int, np.ndarray] = {}

    def aside(i: int) -> np.ndarray:
        if i not in distinctive:
            distinctive[i] = _set_aside(sets[i], common)
        return distinctive[i]

    with_text = [i for i, shingle_set in enumerate(sets) if len(shingle_set)]

    def sign(positions: Iterable[int]) -> np.ndarray:
        return signatures([aside(with_text[n]) for n in positions])

    def judge(i: int, j: int) -> bool:
        return containment(aside(i), aside(j)) >= threshold

    if memo is None:
        rows, joins = sign(range(len(with_text))), judge
    else:
        memo.begin(common)
        rows = memo.signed([ids[i] for i in with_text], sign)
        joins = lambda i, j: memo.verdict(ids[i], ids[j], lambda: judge(i, j))
    roots = _union(len(sets), ((with_text[x], with_text[y]) for x, y in candidate_pairs(rows)), joins)
    if memo is not None:
        memo.save()
    return roots


def _union(count: int, pairs: Iterable[tuple[int, int]], joins: Callable[[int, int], bool]) -> list[int]:
    """For each of COUNT items, the first of those joined with it by the PAIRS that JOINS accepts
    (asked only of a pair not joined already)."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        if root(i) != root(j) and joins(i, j):
            parent[max(root(i), root(j))] = min(root(i), root(j))
    return [root(i) for i in range(count)]


def _set_aside(shingle_set: np.ndarray, common: np.ndarray) -> np.ndarray:
    """SHINGLE_SET less the shingles in COMMON (all of them if nothing else is left)."""
    kept = ~_members(shingle_set, common)
    return shingle_set[kept] if kept.any() else shingle_set


def boilerplate(sets: Sequence[np.ndarray]) -> np.ndarray:
    """The shingles (sorted) of so many of SETS, the articles grouped by text, that they are the
    outlets' boilerplate, not a story's text."""
    if not sets:
        return np.zeros(0, dtype=np.uint64)
    every = np.concatenate(sets)
    most = max(BOILERPLATE_MIN_ARTICLES, int(len(sets) * BOILERPLATE_SHARE))
    # only shingles whose bucket (low bits) holds more than that can: they alone are sorted and
    # counted (at 10,000 articles, 3.5 million shingles sorted took 0.3 s of an edit's rebuild)
    mask = (1 << max(16, len(every).bit_length())) - 1
    bucket = (every & np.uint64(mask)).astype(np.intp)
    distinct, counts = np.unique(every[np.bincount(bucket, minlength=mask + 1)[bucket] > most], return_counts=True)
    return distinct[counts > most]


def text_boilerplate(articles: Sequence[Article], annotations: Mapping[str, Annotation]) -> np.ndarray:
    """boilerplate() of the articles group_versions groups by text: those with no story key."""
    word_hashes: dict[str, int] = {}
    return boilerplate([_shingles_of(a, annotations.get(a.id), word_hashes) for a in articles if not a.story])


def still_one_group(members: Sequence[tuple[Article, Annotation]], common: np.ndarray, threshold: float) -> bool:
    """Whether MEMBERS, the versions of a story grouped by text, are still joined as _text_groups
    joins them, once COMMON (text_boilerplate()) is set aside."""
    word_hashes: dict[str, int] = {}
    sets = [_shingles_of(article, annotation, word_hashes) for article, annotation in members]
    return len(set(_joined(sets, common, threshold))) == 1


def _shingles_of(article: Article, annotation: Annotation | None, word_hashes: dict[str, int]) -> np.ndarray:
    """The shingles the per-article stage found, or (no annotation has them) found now."""
    found = annotation.shingles if annotation else None
    return shingles(article.text, word_hashes) if found is None else restored(found)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Shared shingles over the shingles of the smaller set."""
    smaller = min(len(a), len(b))
    return _shared(a, b) / smaller if smaller else 0.0


def _shared(a: np.ndarray, b: np.ndarray) -> int:
    """How many hashes two sorted sets of distinct hashes have in common."""
    return int(np.count_nonzero(_members(a, b)))


def _members(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Whether each of `values` is in `sorted_set` (sorted, distinct)."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_set, values).clip(max=len(sorted_set) - 1)
    return sorted_set[at] == values


def candidate_pairs(signature_rows: np.ndarray | Sequence[np.ndarray]) -> list[tuple[int, int]]:
    """Index pairs that agree on at least one whole band, sorted; never all pairs."""
    rows = np.asarray(signature_rows, dtype=np.uint64).reshape(-1, SIGNATURE_BINS)
    pairs = set()
    for band_no in range(SIGNATURE_BINS // BAND_ROWS):
        band = rows[:, band_no * BAND_ROWS:(band_no + 1) * BAND_ROWS]
        order = np.lexsort(band.T[::-1])
        ordered = band[order]
        starts = np.flatnonzero(np.r_[True, (ordered[1:] != ordered[:-1]).any(axis=1), True])
        sizes = np.diff(starts)
        shared = (sizes > 1) & (sizes <= MAX_BUCKET)
        for low, high in zip(starts[:-1][shared].tolist(), starts[1:][shared].tolist()):
            pairs.update(combinations(sorted(order[low:high].tolist()), 2))
    return sorted(pairs)


def _original(members: Sequence[Article]) -> Article:
    """The earliest version (undated ones last); at one date a wire report, then the least id."""
    return min(members, key=lambda a: (not a.date, a.date, not is_wire(a.source), a.id))


def is_wire(source: str) -> bool:
    """Whether `source` names a wire agency (Reuters, AP, AFP, spelt out or not)."""
    return _WIRE.search(" ".join(_WORD.findall(source.lower()))) is not None


def story_of(story_id: str, members: Sequence[Article]) -> Story:
    """Versions by date (undated last), then id."""
    ordered = sorted(members, key=lambda a: (not a.date, a.date, a.id))
    original = _original(members).id
    return Story(id=story_id, articles=tuple(a.id for a in ordered), original=original)
