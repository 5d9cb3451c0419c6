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
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations

from generator.model import Annotation, Article, Story
from generator.slug import slugify

SHINGLE_WORDS = 5
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
_EMPTY = 1 << 64


def group_versions(
    articles: Sequence[Article], annotations: Mapping[str, Annotation], threshold: float = 0.3
) -> tuple[Story, ...]:
    """Stories of two or more versions (or one declared by key), sorted by id.

    `annotations` is accepted for the pipeline's uniform stage signature; the
    grouping needs the text only.
    """
    declared: dict[str, list[Article]] = {}
    undeclared = []
    for article in sorted(articles, key=lambda a: a.id):
        if article.story:
            declared.setdefault(slugify(article.story), []).append(article)
        else:
            undeclared.append(article)
    stories = [_story(key, members) for key, members in declared.items()]
    for members in _text_groups(undeclared, threshold):
        stories.append(_story("story-" + slugify(_original(members).id), members))
    return tuple(sorted(stories, key=lambda s: s.id))


def explain_pair(a: Article, b: Article, threshold: float = 0.3) -> str:
    """Why `a` and `b` are (or are not) versions of one story, in one line.

    The pair is judged alone: in a large archive, boilerplate shingles are left
    out first, so the archive's figure can differ.
    """
    word_hashes: dict[str, int] = {}
    sa, sb = shingles(a.text, word_hashes), shingles(b.text, word_hashes)
    estimate = signature_similarity(signature(sa), signature(sb))
    shared, smaller = len(sa & sb), min(len(sa), len(sb))
    overlap = shared / smaller if smaller else 0.0
    verdict = "grouped" if overlap >= threshold else "not grouped"
    return (
        f"{a.id} / {b.id}: {verdict}: {shared} of the {smaller} {SHINGLE_WORDS}-word shingles "
        f"of the shorter one shared, overlap {overlap:.2f} against threshold {threshold:.2f} "
        f"(MinHash estimate of Jaccard similarity {estimate:.2f})"
    )


def shingles(text: str, word_hashes: dict[str, int]) -> frozenset[int]:
    """Hashes of the overlapping word windows of `text`; `word_hashes` caches word hashes."""
    words = _WORD.findall(text.lower())
    for word in set(words).difference(word_hashes):
        word_hashes[word] = zlib.crc32(word.encode())
    hashes = list(map(word_hashes.__getitem__, words))
    # CPython hashes tuples of ints alike in every run: the hashes are deterministic.
    return frozenset(map(hash, zip(*(hashes[i:] for i in range(SHINGLE_WORDS)))))


def signature(shingle_set: frozenset[int]) -> tuple[int, ...]:
    """One-permutation MinHash: the least hash in each bin, empty bins densified."""
    # Visiting hashes from largest to least leaves each bin's least one in place.
    least = {v % SIGNATURE_BINS: v // SIGNATURE_BINS for v in sorted(shingle_set, reverse=True)}
    if not least:
        return (_EMPTY,) * SIGNATURE_BINS
    # An empty bin borrows the next filled bin's value (circularly), marked by the distance.
    out = [0] * SIGNATURE_BINS
    donor = min(least)
    for i in range(SIGNATURE_BINS - 1, -1, -1):
        if i in least:
            out[i], donor = least[i], i
        else:
            out[i] = least[donor] + _EMPTY * ((donor - i) % SIGNATURE_BINS)
    return tuple(out)


def signature_similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The MinHash estimate of the Jaccard similarity of two shingle sets."""
    return sum(x == y for x, y in zip(a, b)) / len(a)


def _text_groups(articles: list[Article], threshold: float) -> list[list[Article]]:
    """Groups of two or more articles joined by shared distinctive shingles."""
    distinctive = _distinctive_shingles(articles)
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    with_text = [i for i, shingle_set in enumerate(distinctive) if shingle_set]
    signatures = [signature(distinctive[i]) for i in with_text]
    for x, y in candidate_pairs(signatures):
        i, j = with_text[x], with_text[y]
        if root(i) != root(j) and containment(distinctive[i], distinctive[j]) >= threshold:
            parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[Article]] = {}
    for i, article in enumerate(articles):
        groups.setdefault(root(i), []).append(article)
    return [members for _, members in sorted(groups.items()) if len(members) > 1]


def _distinctive_shingles(articles: list[Article]) -> list[frozenset[int]]:
    """Each article's shingles less boilerplate (all of them if nothing else is left)."""
    word_hashes: dict[str, int] = {}
    sets = [shingles(a.text, word_hashes) for a in articles]
    frequency: Counter[int] = Counter()
    for shingle_set in sets:
        frequency.update(shingle_set)
    most = max(BOILERPLATE_MIN_ARTICLES, int(len(articles) * BOILERPLATE_SHARE))
    boilerplate = frozenset(s for s, count in frequency.items() if count > most)
    return [shingle_set - boilerplate or shingle_set for shingle_set in sets]


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """Shared shingles over the shingles of the smaller set."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0


def candidate_pairs(signatures: list[tuple[int, ...]]) -> list[tuple[int, int]]:
    """Index pairs that agree on at least one whole band, sorted; never all pairs."""
    pairs = set()
    bands = [list(zip(*(sig[row::BAND_ROWS] for row in range(BAND_ROWS)))) for sig in signatures]
    for band_no in range(SIGNATURE_BINS // BAND_ROWS):
        buckets: dict[tuple[int, ...], list[int]] = {}
        for i, band in enumerate(bands):
            buckets.setdefault(band[band_no], []).append(i)
        for members in buckets.values():
            if 1 < len(members) <= MAX_BUCKET:
                pairs.update(combinations(members, 2))
    return sorted(pairs)


def _original(members: Sequence[Article]) -> Article:
    """The earliest version (undated ones last); at one date a wire report, then the least id."""
    return min(members, key=lambda a: (not a.date, a.date, not is_wire(a.source), a.id))


def is_wire(source: str) -> bool:
    """Whether `source` names a wire agency (Reuters, AP, AFP, spelt out or not)."""
    words = " ".join(_WORD.findall(source.lower()))
    return any(re.search(rf"\b{re.escape(name)}\b", words) for name in WIRE_SOURCES)


def _story(story_id: str, members: Sequence[Article]) -> Story:
    """Versions by date (undated last), then id."""
    ordered = sorted(members, key=lambda a: (not a.date, a.date, a.id))
    original = _original(members).id
    return Story(id=story_id, articles=tuple(a.id for a in ordered), original=original)
