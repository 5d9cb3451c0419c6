"""Decide whether a segment of capitalised words is a name, and of what type.

The cues, strongest first: the article's own outlet, the lexicon, organisation
and place head words, a title, the words just around the name, and last a guess
from its shape. Every rule reads the article alone.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.annotate.entities_cues import (
    NAME_LINKS,
    ORG_AROUND,
    ORG_BEFORE_PERSON,
    ORG_HEADS,
    PERSON_AFTER,
    PERSON_BEFORE,
    PLACE_BEFORE,
    PLACE_HEADS,
    PLACE_MODIFIERS,
    PLACE_NOUNS,
)
from generator.annotate.entities_lexicon import lexicon_key
from generator.annotate.entities_runs import Segment, segment_of, trim

_SENTENCE_END = ".!?:;"
_QUOTES = "\"“”'‘’()[],"
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,6}")


# A town's name is weaker evidence than a country's: a full name of the article
# ending in it (Hillary Clinton) makes it a surname (see entities._agree).
TOWN_SCORE = 0.8
# The score of a capitalised word that opens a sentence and has no cue: kept only
# if the article names it elsewhere (a surname, a name with a cue).
TENTATIVE = 0.1


@dataclass(frozen=True, slots=True)
class Context:
    """What the classifier may read about the article a segment is in."""

    text: str
    source: str
    known: Mapping[str, str]
    """The lexicon: known name -> type."""
    towns: frozenset[str]
    """The lexicon's names that are only towns (see town_names)."""
    lower_words: frozenset[str]
    """Every all-lowercase word of the article: a capital that is also one is a common word."""
    sentence_starts: frozenset[int]


@dataclass(frozen=True, slots=True)
class Guess:
    start: int
    end: int
    type: str
    score: float


def _words_before(context: Context, start: int) -> list[str]:
    """The two words before a name in its sentence, nearest last ('district', 'of')."""
    words = context.text[max(0, start - 32):start].split()[-2:]
    if words and words[-1][-1] in _SENTENCE_END:
        return []
    if len(words) == 2 and words[0][-1] in _SENTENCE_END:
        words = words[1:]
    return [w.strip(_QUOTES) for w in words]


def _word_after(context: Context, end: int) -> str:
    words = context.text[end:end + 24].split(maxsplit=1)
    return words[0].strip(_QUOTES + _SENTENCE_END) if words else ""


def _known_type(context: Context, surface: str) -> str | None:
    if surface[-1].isupper() or surface[-1] == ".":
        if _ACRONYM.fullmatch(surface):
            return "place" if context.known.get(surface.replace(".", "")) == "place" else "org"
        return context.known.get(lexicon_key(surface))
    return context.known.get(surface.replace("’", "'"))


def _context_type(context: Context, segment: Segment, words: list[str]) -> tuple[str, float] | None:
    """A type from the words around the segment, or None."""
    preceding = _words_before(context, segment.start)
    before = preceding[-1] if preceding else ""
    after = _word_after(context, segment.end)
    if segment.titled or before in PERSON_BEFORE:
        return "person", 0.85
    if before in ORG_AROUND or after in ORG_AROUND or after in ORG_BEFORE_PERSON:
        return "org", 0.8
    of_place = before == "of" and len(preceding) == 2 and preceding[0] in PLACE_NOUNS
    if (before in PLACE_BEFORE or after in PLACE_NOUNS or of_place
            or context.text.startswith("-based", segment.end)):
        return "place", 0.7
    if len(words) > 1:
        return "person", 0.6
    return ("person", 0.5) if after in PERSON_AFTER else None


def _head(segment: Segment) -> str:
    """The head word: the last, or the last before 'of'/'for' (Ministry of Defence)."""
    words = [t.word for t in segment.tokens]
    linked = [i for i, w in enumerate(words) if w in NAME_LINKS]
    return words[linked[0] - 1 if linked else -1]


def _shape_type(context: Context, segment: Segment, words: list[str], surface: str) -> tuple[str, float] | None:
    """A type from the name itself (outlet, lexicon, head words), or None."""
    if surface == context.source:
        return "org", 0.95
    known = _known_type(context, surface)
    if known:
        return known, TOWN_SCORE if lexicon_key(surface) in context.towns else 0.95
    if len(words) == 1:
        return None
    head = _head(segment).lower()
    if head in ORG_HEADS:
        return "org", 0.9
    if head in PLACE_HEADS:
        return "place", 0.85
    if words[0].lower() in PLACE_MODIFIERS and _known_type(context, " ".join(words[1:])) == "place":
        return "place", 0.85
    return None


def classify(context: Context, segment: Segment) -> list[Guess]:
    """The names in a segment (none, one, or a known group split off its edge)."""
    surface = context.text[segment.start:segment.end]
    words = [t.word for t in segment.tokens if not t.word.islower()] if " " in surface else [surface]
    shaped = _shape_type(context, segment, words, surface)
    if shaped is None and len(words) == 1 and "-" in surface:
        parts = _known_parts(context, segment.start, surface)
        if parts:
            return parts
    if shaped is None and len(words) > 1 and not segment.titled:
        for edge in (0, -1):  # "Lebanese Hezbollah", "Assad Shi'ite"
            if context.known.get(lexicon_key(words[edge])) == "group":
                return _split_edge(context, segment, edge)
    if segment.start in context.sentence_starts and not segment.titled and (shaped is None or len(words) == 1):
        first = words[0]
        common = first.lower() in context.lower_words and not _ACRONYM.fullmatch(first)
        if common and len(segment.tokens) > 1:
            rest = trim(segment.tokens[1:])
            return classify(context, segment_of(rest)) if rest else []
        if common:
            return []
        if shaped is None and len(words) == 1 and not _ACRONYM.fullmatch(first):
            cued = _context_type(context, segment, words)
            guess = cued if cued and cued[1] >= 0.7 else ("org", TENTATIVE)
            return [Guess(segment.start, segment.end, *guess)]
    guess = shaped or _context_type(context, segment, words)
    if guess is None:
        guess = ("org", 0.4)  # a lone unknown capitalised word: most often an organisation
    return [Guess(segment.start, segment.end, *guess)]


def _known_parts(context: Context, start: int, word: str) -> list[Guess]:
    """'Syrian-Russian' -> Syrian, Russian: a compound of known names is those names."""
    guesses, offset = [], start
    for part in word.split("-"):
        kind = context.known.get(lexicon_key(part))
        if kind is None:
            return []
        guesses.append(Guess(offset, offset + len(part), kind, 0.95))
        offset += len(part) + 1
    return guesses


def _split_edge(context: Context, segment: Segment, edge: int) -> list[Guess]:
    """A known group at the first (edge 0) or last (edge -1) word, then the rest on its own."""
    tokens = segment.tokens
    group, rest = (tokens[:1], tokens[1:]) if edge == 0 else (tokens[-1:], tokens[:-1])
    guesses = [Guess(group[0].start, group[0].end, "group", 0.95)]
    rest = trim(rest)
    if rest:
        guesses += classify(context, segment_of(rest))
    return sorted(guesses, key=lambda g: g.start)
