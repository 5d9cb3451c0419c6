"""Split an article into sentences: headings whole, paragraphs at sentence ends.

News copy is full of full stops that end nothing: abbreviations (Mr., Gen.,
Jan., No.), initials (J. Smith), dotted acronyms (U.N., U.S., a.m.) and
decimals (3.2). A break is taken at `.`, `!` or `?` (closing quotes and
brackets after it stay with the sentence) followed by space and something
that can open a sentence; the word before the stop decides whether it counts.
An ellipsis glued to the next word ("weeks...The") is part of one quotation,
not a sentence end.
"""
from __future__ import annotations

import re

from generator.model import Article, Sentence

WHOLE_BLOCKS = ("title", "heading")
"""Block kinds that are one sentence each, whatever their punctuation."""

# A terminator run, closing quotes/brackets, space, then an opener and a capital or digit.
_BREAK = re.compile(r"[.!?]+[\"'\u2019\u201d)\]]*(?=\s+[\"'\u2018\u201c(\[]*[A-Z0-9\u00c0-\u00de])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_NEXT_WORD = re.compile(r"\s+[\"'\u2018\u201c(\[]*([\w'\u2019]+)")

# Title-case abbreviations that are followed by a name or a number, not a new sentence.
ABBREVIATIONS = frozenset((
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Sgt", "Cpl",
    "Adm", "Gov", "Sen", "Rep", "Rev", "Fr", "Sr", "Jr", "St", "Mt", "Ft", "No", "Nos", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Pres",
    "Supt", "Insp", "Det", "vs", "Vol",
))
# After a dotted acronym (U.S., a.m.) a new sentence usually opens with one of these.
SENTENCE_OPENERS = frozenset((
    "The", "A", "An", "But", "And", "He", "She", "It", "They", "We", "I", "In", "On", "At",
    "As", "After", "Before", "When", "While", "If", "This", "That", "These", "Those", "There",
    "Its", "His", "Her", "Their", "Our", "Some", "Many", "Most", "Other", "Others", "Meanwhile",
    "However",
))


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """The sentences of `article` in reading order, ids s1, s2, ... by position."""
    text, spans = article.text, []
    for block in article.blocks:
        if block.kind in WHOLE_BLOCKS:
            spans.extend(_trimmed(text, [(block.start, block.end)]))
        else:
            spans.extend(_trimmed(text, _paragraph_spans(text, block.start, block.end)))
    return tuple(Sentence(f"s{n}", start, end) for n, (start, end) in enumerate(spans, 1))


def _paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut text[start:end] at every stop that ends a sentence."""
    spans, begin = [], start
    for stop in _BREAK.finditer(text, start, end):
        if _ends_sentence(text, begin, stop):
            spans.append((begin, stop.end()))
            begin = stop.end()
    spans.append((begin, end))
    return spans


def _ends_sentence(text: str, begin: int, stop: re.Match[str]) -> bool:
    marks = stop.group().rstrip("\"'\u2019\u201d)]")
    if not marks.startswith("."):
        return True  # ! and ? are never abbreviations
    if marks == "...":
        return True  # an ellipsis followed by space closes its sentence
    word = _WORD_BEFORE.search(text, begin, stop.start() + 1)
    token = word.group(1).lstrip("\"'\u2018\u201c([") if word else ""
    core = token.rstrip(".")
    if core in ABBREVIATIONS or (len(core) == 1 and core.isupper()):
        return False
    if "." in core:  # U.N., U.S., a.m.: a sentence end only before a typical opener
        after = _NEXT_WORD.match(text, stop.end())
        return bool(after) and after.group(1) in SENTENCE_OPENERS
    return True


def _trimmed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans without surrounding whitespace; empty ones dropped."""
    out = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return out
