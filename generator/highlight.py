"""Overlapping highlights of one text as properly nested HTML.

Spans come in levels: sentences outermost (0), then inline markup (1), then
entity mentions and figures (2). An inner span is cut at the boundaries of the
spans already placed, so every piece lies inside, around-equal or outside each
of them and the tags nest. An exclusive span that overlaps an earlier exclusive
span of its level is dropped (a figure inside a name: the name wins when it is
given first). A link placed inside another link becomes a `<span>`, since HTML
forbids `<a>` in `<a>`. The text itself is never changed, only escaped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup

SENTENCE, INLINE, ANNOTATION = 0, 1, 2


def escape(text: str) -> str:
    """TEXT with & < > " ' escaped, as markupsafe.escape writes them, but as a plain string: a
    page's thousands of pieces are joined first and made Markup once."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


@dataclass(frozen=True, slots=True)
class Span:
    """One highlight: an element around text[start:end]."""

    start: int
    end: int
    level: int
    tag: str
    """The element name: "span", "a", "em", "strong", "code"."""
    attrs: tuple[tuple[str, str], ...] = ()
    """Attributes in output order; an "id" stays on the first piece of a cut span only."""
    exclusive: bool = False
    """Dropped when it overlaps an earlier exclusive span of the same level."""
    after: Markup = field(default_factory=Markup)
    """Markup written just after the span closes (a sentence's counterpart links)."""


@dataclass(frozen=True, slots=True)
class _Piece:
    start: int
    end: int
    rank: int
    span: Span
    first: bool
    last: bool


def highlight(text: str, spans: list[Span] | tuple[Span, ...], offset: int = 0) -> Markup:
    """Escaped `text` with `spans` as nested elements; span offsets are `offset` + index into text."""
    kept = _keep(text, spans, offset)
    pieces = _cut(kept)
    return _emit(text, pieces)


def _keep(text: str, spans, offset: int) -> list[Span]:
    """Spans clipped to the text, empty ones and overlapping exclusive ones left out."""
    kept: list[Span] = []
    exclusive: dict[int, list[Span]] = {}
    for span in spans:
        start, end = max(span.start - offset, 0), min(span.end - offset, len(text))
        if start >= end:
            continue
        clipped = Span(start, end, span.level, span.tag, span.attrs, span.exclusive, span.after)
        if span.exclusive:
            taken = exclusive.setdefault(span.level, [])
            if any(start < other.end and other.start < end for other in taken):
                continue
            taken.append(clipped)
        kept.append(clipped)
    # Outer levels first; at one level the longer span first so that it holds the shorter.
    return sorted(kept, key=lambda s: (s.level, s.start, -s.end))


def _cut(spans: list[Span]) -> list[_Piece]:
    """Each span cut at the boundaries of the spans placed before it."""
    bounds: set[int] = set()
    pieces: list[_Piece] = []
    for rank, span in enumerate(spans):
        cuts = [span.start, *sorted(b for b in bounds if span.start < b < span.end), span.end]
        for i, (start, end) in enumerate(pairwise(cuts)):
            pieces.append(_Piece(start, end, rank, span, i == 0, i == len(cuts) - 2))
        bounds.update((span.start, span.end))
    return sorted(pieces, key=lambda p: (p.start, -p.end, p.rank))


def _emit(text: str, pieces: list[_Piece]) -> Markup:
    out: list[str] = []
    stack: list[tuple[_Piece, str]] = []
    position = 0
    for piece in pieces:
        position = _close_until(text, piece.start, position, stack, out)
        tag = piece.span.tag
        if tag == "a" and any(open_tag == "a" for _, open_tag in stack):
            tag = "span"
        out.append(_open_tag(piece, tag))
        stack.append((piece, tag))
    _close_until(text, len(text), position, stack, out)
    return Markup("".join(out))


def _close_until(text: str, target: int, position: int, stack: list, out: list[str]) -> int:
    """Write text and closing tags up to `target`; return the new position."""
    while stack and stack[-1][0].end <= target:
        piece, tag = stack.pop()
        out.append(escape(text[position:piece.end]))
        position = piece.end
        out.append(f"</{tag}>")
        if piece.last:
            out.append(piece.span.after)
    out.append(escape(text[position:target]))
    return target


def _open_tag(piece: _Piece, tag: str) -> str:
    attrs = [
        (name, value) for name, value in piece.span.attrs
        if (piece.first or name != "id") and (tag == "a" or name not in ("href", "rel"))
    ]
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs)
    return f"<{tag}{rendered}>"
