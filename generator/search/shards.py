"""The lunr index cut into pieces a browser loads one query at a time.

One lunr index of a large archive is tens of megabytes. Its scores are sums,
over the query's terms, of per-document weights that lunr fixes when it builds
the index (BM25, rounded to 1/1000), so the index can be split by term without
changing a score:

    search/manifest.json      the fields, the first term of each shard, the sources
    search/t/<n>.json         a run of terms in sorted order; per term its number (i, if
                              it has tails, else -1), document frequency, and the documents with the highest
                              weight for it ("head", best first), the weight of the
                              best document left out (0 if none, or it comes whole), the
                              entities it names,
                              what the results of the first SHOWN documents show
                              (the first pages of results with no fetch per article), for
                              a term in at most WHOLE documents, all its rows by ref
                              (so that a query of such terms is scored from its shards
                              alone: one round of fetches, where each costs milliseconds),
                              what the first ENTITY_HEAD entities it names show, and
                              what the results of the best articles for the names whose
                              rarest word it is show (named.py), where the first SHOWN do not
    search/tail/<i>/<n>.json  the next documents of term i (one in more than WHOLE), in ever larger chunks (terms with
                              tails are numbered among themselves in sorted order: a word new
                              to the archive renumbers none of them, nor the articles' files;
                              a term that gains or loses its tails renumbers those after it)
    search/m/<i>.json         every document that has term i (one with tails): refs in
                              order, as differences, and each one's weight (summed over
                              fields) to 1/256 of the highest: a byte or two a document, so
                              that a query of several words bounds the score of every
                              article that has them all
    search/d/<k>/<ref>.json   one article: what a result shows, its weights for
                              every term that has a tail (so that a query can
                              complete the score of any article it is unsure of), and
                              what the results of its story's other versions show (their
                              refs follow on: index.in_search_order)
    search/e/<n>.json         entities, most mentioned first, 32 to a file
    search/s/<n>.json         the articles of source n; search/st/<n>.json of story n

search.js loads the shards of the query's terms, builds a small lunr index of
what it loaded and lets lunr.js score it; it loads tails and articles' weights
until no article it has not scored could rank among the results shown (the
threshold algorithm of Fagin, Lotem and Naor; for a query of several words, among
the articles the lists of members say have them all). Postings are flat lists of
integers: ref, field mask, then one weight (x1000) per field in the mask.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson

from .builder import Weights
from .named import named_results

HEAD = 50
"""Documents per term in its shard, best first."""
WHOLE = 8000
"""A term found in at most this many documents comes whole in its shard, its rows by ref (about
2 bytes a document gzipped); one found in more has tails, a list of members and a number."""
TAIL_GROWTH = 4
"""Each tail chunk holds this many times the documents of the one before (the first: HEAD x TAIL_GROWTH)."""
SHOWN = 50
"""Documents per term whose result display comes in its shard, best first: the results of a query
of several words are mostly among each one's best fifty, and a file fetched for each result that
is not costs the page milliseconds (index.article_entry keeps a display to about 30 bytes gzipped)."""
MEMBER_LEVELS = 256
"""A member's weight is given to 1/256 of the term's highest."""
SHARD_BYTES = 24_000
"""A shard holds at most this many characters of JSON, unless one term's entry takes more."""
ENTITY_BUCKET = 32
ENTITY_HEAD = 32
"""Entities per term whose result comes in its shard (search.js looks at 32 of a query's, shows 8)."""
NAMED_SHOWN = 10
"""The shard of the rarest word of each entity's name also shows the results of the NAMED_SHOWN
best articles for that name (named.py): a query of a name draws its page with no fetch."""
DOC_BUCKET = 1000


@dataclass(frozen=True, slots=True)
class Postings:
    """Every (term, document) pair of the index, as parallel arrays sorted by term, then best first."""

    term: np.ndarray
    doc: np.ndarray
    impact: np.ndarray
    """The document's weight for the term, summed over fields (x1000)."""
    mask: np.ndarray
    weights: np.ndarray
    """One row per pair, one column per field (x1000, 0 where the field lacks the term)."""


def postings(weights: Weights, fields: int) -> Postings:
    """WEIGHTS turned into rows of (term, document), one weight per field (of FIELDS fields)."""
    term, doc, col, value = weights.term, weights.doc, weights.field, weights.value
    span = int(doc.max(initial=0)) + 1
    pair = term.astype(np.int64) * span + doc
    unique, row = np.unique(pair, return_inverse=True)
    table = np.zeros((len(unique), fields), dtype=np.int32)
    table[row, col] = value
    # each (pair, field) once: the sum of their bits is the mask. A weight may round to 0 (a term
    # in nearly every article): the mask still says the field has the term.
    mask = np.bincount(row, weights=np.left_shift(1, col.astype(np.int64)), minlength=len(unique)).astype(np.int32)
    pair_term = (unique // span).astype(np.int32)
    pair_doc = (unique % span).astype(np.int32)
    impact = table.sum(axis=1)
    order = _best_first(pair_term, impact, pair_doc)
    return Postings(pair_term[order], pair_doc[order], impact[order], mask[order], table[order])


def _best_first(term: np.ndarray, impact: np.ndarray, doc: np.ndarray) -> np.ndarray:
    """The order of rows by TERM, then IMPACT (highest first), then DOC: one sort of the three
    as one number where it fits in 64 bits (a quarter of the time of np.lexsort of three keys,
    0.21 s at 10,000 articles), else np.lexsort."""
    impact = impact.astype(np.int64, copy=False)  # top - impact must not wrap
    low, top = int(impact.min(initial=0)), int(impact.max(initial=0))
    levels, span = top - low + 1, int(doc.max(initial=0)) + 1
    if (int(term.max(initial=0)) + 1) * levels * span < 2**63:
        return np.argsort((term.astype(np.int64) * levels + (top - impact)) * span + doc, kind="stable")
    return np.lexsort((doc, -impact, term))


class Flat:
    """Every row of P as search.js reads it (ref, mask, then the weight of each field in the
    mask), made at once: a term's rows are then a slice, not NumPy calls of their own."""

    def __init__(self, p: Postings) -> None:
        values, lengths = _rows(p, p.doc, np.arange(len(p.doc)))  # led by the ref
        self.values = values
        self.bounds = np.r_[0, np.cumsum(lengths)]

    def rows(self, start: int, stop: int) -> list[int]:
        return self.values[self.bounds[start]:self.bounds[stop]].tolist()


def _rows(p: Postings, lead: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ROWS of P in one flat array: each one led by its value in LEAD (one per row), then its mask,
    then its weights of the fields in the mask (a weight may be 0: the mask still says the field
    has the term); and how many numbers each row takes."""
    mask = p.mask[rows]
    table = np.column_stack([lead, mask, p.weights[rows]]).astype(np.int64)
    keep = np.column_stack([np.ones((len(rows), 2), dtype=bool),
                            (mask[:, None] >> np.arange(p.weights.shape[1])) & 1 == 1])
    return table[keep], keep.sum(axis=1)


def js_order(term: str) -> bytes:
    """Sort key that orders strings as JavaScript compares them (by UTF-16 code unit)."""
    return term.encode("utf-16-be")


@dataclass(frozen=True, slots=True)
class Split:
    files: dict[str, bytes]
    """The term shards and tails."""
    firsts: list[str]
    """The first term of each shard, in order."""
    vectors: dict[int, list[int]]
    """Per document, its postings of the terms that have tails (flat, as in a shard, but each row
    led by the term's number instead of the ref)."""


def split_index(weights: Weights, fields: Sequence[str], entity_terms: Mapping[str, Sequence[int]],
                shown: Sequence[Any], entities: Sequence[Any] = (), names: Sequence[str] = (),
                head: int = HEAD, whole: int = WHOLE) -> Split:
    """The index of WEIGHTS as shards and tails; ENTITY_TERMS: term -> ranks of the entities a name
    of which has it; SHOWN: per document (by ref), what its result shows; ENTITIES, NAMES: per
    entity (by rank), what its result shows and its name; HEAD, WHOLE: see above."""
    p = postings(weights, len(fields))
    flat = Flat(p)
    by_doc = np.lexsort((p.doc, p.term))  # each term's rows (a run, as in p), by ref
    starts = np.searchsorted(p.term, np.arange(len(weights.terms) + 1))
    by_term = {term: i for i, term in enumerate(weights.terms)}
    named = _named(p, starts, by_term, names)
    number = np.full(len(weights.terms), -1, dtype=np.int64)  # index in weights.terms -> number, if tailed
    tailed = sorted((term for term, i in by_term.items() if starts[i + 1] - starts[i] > max(head, whole)),
                    key=js_order)
    number[[by_term[term] for term in tailed]] = np.arange(len(tailed))
    files: dict[str, bytes] = {}
    firsts: list[str] = []
    entries: list[tuple[str, str]] = []
    for term in sorted(set(by_term) | set(entity_terms), key=js_order):
        i = by_term.get(term, -1)
        lo, hi = (int(starts[i]), int(starts[i + 1])) if i >= 0 else (0, 0)
        n = int(number[i]) if i >= 0 else -1
        cut, chunks = min(hi, lo + head), 0
        while n >= 0 and cut < hi:
            end = min(hi, cut + max(head, 1) * TAIL_GROWTH ** (chunks + 1))
            rest = int(p.impact[end]) if end < hi else 0
            files[f"search/tail/{n}/{chunks}.json"] = to_json({"p": flat.rows(cut, end), "next": rest})
            cut, chunks = end, chunks + 1
        if chunks:
            files[f"search/m/{n}.json"] = to_json(members(p, by_doc[lo:hi]))
        best_left = int(p.impact[lo + head]) if n >= 0 else 0
        ranks = list(entity_terms.get(term, ()))
        best = [int(p.doc[r]) for r in range(lo, min(hi, lo + head, lo + SHOWN))]
        also = sorted(set(named.get(term, ())) - set(best))
        entry = to_json([term, n, hi - lo, flat.rows(lo, min(hi, lo + head)), best_left, chunks, ranks,
                         [shown[ref] for ref in best],
                         by_ref(p, by_doc[lo:hi]) if n < 0 and hi - lo > head else [],
                         [entities[rank] for rank in ranks[:ENTITY_HEAD]],
                         [[ref, shown[ref]] for ref in also]]).decode("utf-8")
        entries.append((term, entry))
    for n, shard in enumerate(in_shards(entries)):
        firsts.append(shard[0][0])
        files[f"search/t/{n}.json"] = ("[" + ",".join(entry for _, entry in shard) + "]").encode("utf-8")
    return Split(files, firsts, doc_vectors(p, number))


def _named(p: Postings, starts: np.ndarray, by_term: Mapping[str, int], names: Sequence[str]) -> dict[str, list[int]]:
    """Term -> the NAMED_SHOWN best refs for each of NAMES whose rarest word it is (named.py)."""
    df = {term: int(starts[i + 1] - starts[i]) for term, i in by_term.items()}

    def rows_of(term: str) -> tuple[np.ndarray, np.ndarray] | None:
        i = by_term.get(term)
        return None if i is None else (p.doc[starts[i]:starts[i + 1]], p.impact[starts[i]:starts[i + 1]])

    return named_results(names, sorted(by_term), df, rows_of, int(p.doc.max(initial=0)) + 1, NAMED_SHOWN)


def in_shards(entries: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """ENTRIES (term, JSON), in order, in runs of at most SHARD_BYTES characters; an entry longer
    than that (a term's long whole list) is a run of its own, so that a query of a word beside it
    does not download it."""
    shards: list[list[tuple[str, str]]] = []
    size = 0
    for term, entry in entries:
        if not shards or size + len(entry) > SHARD_BYTES:
            shards.append([])
            size = 0
        shards[-1].append((term, entry))
        size += len(entry)
    return shards


def by_ref(p: Postings, rows: np.ndarray) -> list[int]:
    """ROWS of P (one term's, by ref) flat as in a shard, each led by its ref's difference from
    the one before (gzip packs small repeated numbers best)."""
    return _rows(p, np.diff(p.doc[rows], prepend=0), rows)[0].tolist()


def members(p: Postings, rows: np.ndarray) -> dict[str, Any]:
    """The documents of ROWS (one term's, by ref), as differences ("r"), and each one's
    weight in MEMBER_LEVELS steps of "s" (its weight is at least q x s, less than (q + 1) x s):
    a byte or two a document, enough to rule out most and rank the rest by their own files."""
    impact = p.impact[rows]
    step = max(1, -(-(int(impact.max()) + 1) // MEMBER_LEVELS))
    return {"r": np.diff(p.doc[rows], prepend=0).tolist(), "q": (impact // step).tolist(), "s": step}


def doc_vectors(p: Postings, number: np.ndarray) -> dict[int, list[int]]:
    """Per document, its rows of the terms that have tails (NUMBER: each term's number, -1 for one
    without): the term's number, mask, weights."""
    numbers = number[p.term]
    keep = np.flatnonzero(numbers >= 0)
    rows = keep[np.argsort(p.doc[keep], kind="stable")]
    values, lengths = _rows(p, numbers[rows], rows)
    docs = p.doc[rows]
    starts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]]) if len(docs) else np.zeros(0, dtype=np.int64)
    ends = np.r_[starts[1:], len(docs)].astype(np.int64)
    bounds = np.r_[0, np.cumsum(lengths)]
    return {int(docs[a]): values[bounds[a]:bounds[b]].tolist() for a, b in zip(starts, ends)}


def doc_path(ref: int) -> str:
    return f"search/d/{ref // DOC_BUCKET}/{ref}.json"


def bucketed(records: Iterable[Any], size: int, path: str) -> dict[str, bytes]:
    """RECORDS in files of SIZE: PATH.format(n)."""
    chunks: dict[int, list[Any]] = defaultdict(list)
    for n, record in enumerate(records):
        chunks[n // size].append(record)
    return {path.format(n): to_json(chunk) for n, chunk in chunks.items()}


def deltas(refs: Iterable[int]) -> list[int]:
    """Sorted refs as differences (gzip packs small repeated numbers best)."""
    out, last = [], 0
    for ref in sorted(refs):
        out.append(ref - last)
        last = ref
    return out


def to_json(value: Any) -> bytes:
    """Deterministic, compact JSON: sorted keys, UTF-8; what json.dumps(value, sort_keys=True,
    ensure_ascii=False, separators=(",", ":")) gives of strings, integers, lists and dicts with
    string keys (all the search files hold), in a third of the time (orjson; at 10,000 articles
    0.67 s against 0.21 s of the search index's critical path). Not of floats (orjson writes 1e-07
    as 1e-7) nor of keys that are not strings (it refuses them): the search files hold none."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
