"""Runs of capitalised words in a block, cut into name-sized segments.

A run is what capitalisation alone proposes ("The U.N. Security Council",
"Russian Foreign Minister Sergei Lavrov"); a segment is one name candidate in it,
with the title that preceded it remembered as a cue.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.annotate.entities_cues import (
    FUNCTION_WORDS,
    NAME_LINKS,
    NAME_PARTICLES,
    ORG_HEADS,
    PLACE_HEADS,
    TITLE_WORDS,
    WEEKDAYS_AND_MONTHS,
)

_UPPER = "A-ZÀ-ÖØ-Þ"
# A dotted abbreviation (U.N.), an abbreviated title (Mr.), or a capitalised word with
# an optional al-/el- prefix, inner apostrophe (Shi'ite, not Aleppo's) and capitalised
# hyphen parts (Abdel-Rahman, not Britain-based).
_TOKEN = (rf"(?:[{_UPPER}]\.){{2,}}|(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Rep|Sen|Gov|Rev)\."
          rf"|(?:(?:al|el|Al|El)-)?[{_UPPER}]\w*(?:['’][a-z]{{2,}}\w*)?(?:-[{_UPPER}]\w*)*")
_JOINERS = "|".join((*NAME_PARTICLES, *NAME_LINKS))
# The lookahead lets the engine skip to capitals fast; the lookbehind keeps "McDonald" whole.
RUN = re.compile(rf"(?=[{_UPPER}ae])(?<![\w.'’])(?:{_TOKEN})(?: (?:(?:{_JOINERS}) )*(?:{_TOKEN}))*")

_STOPS = FUNCTION_WORDS | WEEKDAYS_AND_MONTHS
# One-word runs that are never a name (The, But, Monday, President), as written.
NEVER_ALONE = frozenset(w.capitalize() for w in _STOPS | TITLE_WORDS)
_HEADS = ORG_HEADS | PLACE_HEADS


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    word: str


@dataclass(frozen=True, slots=True)
class Segment:
    """One name candidate: its tokens (particles included) and whether a title preceded it."""

    tokens: tuple[Token, ...]
    start: int
    end: int
    titled: bool = False


def segment_of(tokens: Sequence[Token], titled: bool = False) -> Segment:
    return Segment(tuple(tokens), tokens[0].start, tokens[-1].end, titled)


def _run_tokens(match: re.Match[str]) -> list[Token]:
    tokens, offset = [], match.start()
    for word in match.group().split(" "):
        tokens.append(Token(offset, offset + len(word), word))
        offset += len(word) + 1
    return tokens


def _is_stop(token: Token) -> bool:
    return token.word[0].isupper() and token.word.lower() in _STOPS


def trim(tokens: Sequence[Token]) -> Sequence[Token]:
    """Particles and links cannot open or close a name."""
    while tokens and tokens[0].word.islower():
        tokens = tokens[1:]
    while tokens and tokens[-1].word.islower():
        tokens = tokens[:-1]
    return tokens


def _split_links(tokens: Sequence[Token]) -> Iterator[list[Token]]:
    """'of'/'for' join a name only after an organisation or place head word."""
    piece: list[Token] = []
    for token in tokens:
        after_title = bool(piece) and piece[-1].word.lower() in TITLE_WORDS  # Secretary of State
        if token.word in NAME_LINKS and not after_title and not any(t.word.lower() in _HEADS for t in piece):
            yield piece
            piece = []
        else:
            piece.append(token)
    yield piece


def _split_titles(tokens: Sequence[Token]) -> Iterator[Segment]:
    """'Russian Foreign Minister Sergei Lavrov' -> 'Russian', then 'Sergei Lavrov' (titled)."""
    first = next((i for i, t in enumerate(tokens) if t.word.lower() in TITLE_WORDS), None)
    if first is None:
        yield segment_of(tokens)
        return
    last = first
    while last < len(tokens) and tokens[last].word.lower() in TITLE_WORDS:
        last += 3 if last + 1 < len(tokens) and tokens[last + 1].word in NAME_LINKS else 1
    name = trim(tokens[last:])
    if name and name[-1].word.lower() in ORG_HEADS:  # Foreign Ministry: the title words name it
        yield segment_of(tokens)
        return
    if first:
        yield segment_of(tokens[:first])
    if name:  # a title alone ("Senior", "President") is not a name
        yield segment_of(name, titled=True)


def segments(match: re.Match[str]) -> Iterator[Segment]:
    """The name candidates of one run, in text order."""
    word = match.group()
    if " " not in word:  # most runs are one word: skip the splitting
        if word not in NEVER_ALONE:
            yield segment_of((Token(match.start(), match.end(), word),))
        return
    piece: list[Token] = []
    pieces = []
    for token in _run_tokens(match):
        if _is_stop(token):
            pieces.append(piece)
            piece = []
        else:
            piece.append(token)
    pieces.append(piece)
    for piece in pieces:
        for linked in _split_links(trim(piece)):
            if trimmed := trim(linked):
                yield from _split_titles(trimmed)
