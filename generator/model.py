"""The data model: frozen dataclasses that flow through the build.

Every stage takes values of these types and returns new ones; nothing is
filled in later. Offsets (`start`, `end`) are character offsets into
`Article.text`, end exclusive.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .records import fast_record, packed_fields

ENTITY_TYPES = ("person", "org", "place", "group")
QUALIFIERS = ("exact", "approx", "min", "max", "vague")
RELATIONS = ("copy", "rewrite", "partial")


@fast_record
@dataclass(frozen=True, slots=True)
class Inline:
    """Inline formatting inside a block (emphasis, a link), by offsets into the text."""

    kind: str
    """"em", "strong", "code" or "link"."""
    start: int
    end: int
    href: str = ""
    """The link target, already checked safe (empty for other kinds)."""


@fast_record
@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article's text, in reading order."""

    kind: str
    """"title" (the headline), "heading", "paragraph", "quote" or "item"."""
    start: int
    end: int
    level: int = 0
    """Heading level (2 for `##`); 0 for other blocks."""
    inlines: tuple[Inline, ...] = ()


@fast_record
@dataclass(frozen=True, slots=True)
class Article:
    """An article as read from content/: its metadata and its plain text."""

    id: str
    """Stable id: the `slug` front-matter key, else the content path without suffix."""
    path: str
    """The content file, relative to content/, with forward slashes."""
    title: str
    source: str
    """The outlet (Reuters, The Guardian); empty when unknown."""
    date: str
    """ISO 8601 date or date-time from front matter; empty when unknown."""
    text: str
    """Headline, then the body: plain text, blocks separated by a blank line."""
    blocks: tuple[Block, ...]
    byline: str = ""
    dateline: str = ""
    credits: str = ""
    """The closing credits line ("Additional reporting by ..."), kept out of the text."""
    story: str = ""
    """The story key declared in front matter; empty when the grouping stage decides."""
    lang: str = ""
    """Language code from front matter; empty means the site's language."""
    url: str = ""
    """Where the article was first published (provenance), when known."""
    retrieved: str = ""
    """When it was imported from its source (provenance), ISO 8601; empty when unknown."""
    imported_from: str = ""
    """The file or URL it was imported from (provenance); empty when unknown."""
    rights: str = ""
    """The copyright or licence line its source gives; empty when none."""


@fast_record
@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a heading) of an article; its id is its position: s1, s2, ..."""

    id: str
    start: int
    end: int


@fast_record
@dataclass(frozen=True, slots=True)
class Mention:
    """A candidate name found in one article, before the archive reconciles it."""

    start: int
    end: int
    text: str
    type: str
    """One of ENTITY_TYPES: the recogniser's guess from this article alone."""
    key: str
    """The name with cues stripped ("Mr Assad" -> "Assad", "Aleppo's" -> "Aleppo")."""
    score: float = 1.0
    """How sure the recogniser is, 0..1 (gazetteer and strong cues near 1)."""


@fast_record
@dataclass(frozen=True, slots=True)
class Figure:
    """A numeric expression: its value, how the text qualifies it, what it counts."""

    start: int
    end: int
    text: str
    value: float
    qualifier: str
    """One of QUALIFIERS."""
    unit: str = ""
    """What it counts where the text says (people, day, USD, percent); empty if unsaid."""
    upper: float | None = None
    """The upper bound of a range (18,000-20,000); None for a single value."""


@packed_fields("sentences", "mentions", "figures")  # read back when first read: see records.py
@fast_record
@dataclass(frozen=True, slots=True)
class Annotation:
    """Everything found in one article from the article alone (cacheable)."""

    article: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    figures: tuple[Figure, ...]
    shingles: bytes | None = field(default=None, repr=False)
    """Its word shingles, for grouping versions (annotate.shingles: stored()); None when not found.
    Not in repr(): they come from the article's text."""
    terms: tuple[tuple[str, bytes, int], ...] | None = field(default=None, repr=False)
    """Its own fields' search terms, counted (search.terms: stored()); None when not counted.
    Not in repr(): they come from the article."""
    words: tuple[str, bytes] | None = field(default=None, repr=False)
    """Its content words, counted, for related coverage (annotate.words: stored()); None when not
    counted. Not in repr(): they come from the article's text."""


@fast_record
@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A name the site owner declares: it overrides the recogniser."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    link: str = ""


@fast_record
@dataclass(frozen=True, slots=True)
class Gazetteer:
    entries: tuple[GazetteerEntry, ...] = ()
    ignore: tuple[str, ...] = ()
    """Names never to tag."""


@fast_record
@dataclass(frozen=True, slots=True)
class EntityMention:
    """A mention resolved to a canonical entity of the archive."""

    start: int
    end: int
    text: str
    type: str
    """The entity's archive-wide type."""
    entity: str
    """The canonical entity id."""


@fast_record
@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity, under one name, with every spelling the archive uses."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    """Every surface spelling seen, the canonical name included, sorted."""
    articles: tuple[str, ...]
    """Ids of the articles that name it, sorted."""
    description: str = ""
    link: str = ""


@fast_record
@dataclass(frozen=True, slots=True)
class EntityTable:
    """The cross-article result of reconciliation."""

    entities: tuple[Entity, ...]
    mentions: Mapping[str, tuple[EntityMention, ...]]
    """Article id -> its resolved mentions, in text order, not overlapping."""


@fast_record
@dataclass(frozen=True, slots=True)
class Story:
    """The versions of one story, oldest first."""

    id: str
    articles: tuple[str, ...]
    original: str
    """The likely original: the earliest version; a wire source wins a tie."""


@fast_record
@dataclass(frozen=True, slots=True)
class SentenceLink:
    """A sentence of one article aligned with a sentence of another."""

    sentence: str
    other_article: str
    other_sentence: str
    relation: str
    """One of RELATIONS."""
    score: float
    moved: bool = False


@packed_fields("links")  # read back when first read (the stories' memo holds thousands): see records.py
@fast_record
@dataclass(frozen=True, slots=True)
class Alignment:
    """How one version relates to another, sentence by sentence (one direction)."""

    article: str
    other: str
    links: tuple[SentenceLink, ...]


@fast_record
@dataclass(frozen=True, slots=True)
class Reuse:
    """The share of a version that comes from its story's original."""

    words: float
    sentences: float


@fast_record
@dataclass(frozen=True, slots=True)
class Related:
    article: str
    score: float


@fast_record
@dataclass(frozen=True, slots=True)
class DiscrepancyMention:
    article: str
    sentence: str
    text: str
    value: float | None = None
    qualifier: str = ""


@fast_record
@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Where the versions of a story disagree: a figure, a spelling, a passage only one has."""

    kind: str
    """"figure", "spelling" or "only-in"."""
    about: str
    mentions: tuple[DiscrepancyMention, ...]
    status: str = ""
    """"" (as the machine flagged it), "dismissed" or "confirmed" (by an editor's correction)."""
    note: str = ""
    """The editor's word to readers on it."""


@fast_record
@dataclass(frozen=True, slots=True)
class Site:
    """Everything the build knows, ready to render: the output of the archive stages."""

    articles: tuple[Article, ...]
    """Sorted by id."""
    annotations: Mapping[str, Annotation]
    """Article id -> what the per-article stage found."""
    entities: EntityTable
    stories: tuple[Story, ...]
    """Sorted by id; an article in no story stands alone."""
    alignments: tuple[Alignment, ...]
    """Both directions of every pair of versions within each story."""
    related: Mapping[str, tuple[Related, ...]]
    """Article id -> coverage of the same event in other stories, best first."""
    reuse: Mapping[str, Mapping[str, Reuse]]
    """Story id -> version id -> its share taken from the original."""
    discrepancies: Mapping[str, tuple[Discrepancy, ...]]
    """Story id -> what its versions disagree on (figures, spellings, passages)."""
    fingerprints: Mapping[str, str] = field(default_factory=dict)
    """Article id -> a digest of the article and its annotation, which the memos of later
    stages are keyed by (see Lookup.fingerprint)."""
    mention_digests: Mapping[str, str] = field(default_factory=dict)
    """Article id -> a digest of its resolved mentions (entities.mentions), made once for the
    memos of every kind of page that shows them (see page_memo.mentions_digest)."""
    text_digests: Mapping[str, str] = field(default_factory=dict)
    """Article id -> a digest of its text and sentences, for the memos of the entities' pages
    (see page_memo.text_digests)."""
    link_digests: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(article, other) -> a digest of the links of that alignment, made once for the memos of
    every kind of page that shows them (see Lookup.links_digest)."""
