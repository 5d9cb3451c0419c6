"""What a figure is about, read from the words around it.

`figure_about` names the thing counted and what happened to it ("people
displaced"), for labelling disagreements; `context_words` gives the content
words near a figure, for telling whether two figures in different versions of
a sentence count the same thing.
"""
from __future__ import annotations

import re

from generator.annotate.numbers_lexicon import NOT_UNITS
from generator.model import Figure

_WORD = re.compile(r"[a-z][a-z'-]*")
_WORDS_AFTER = 8
_WORDS_BEFORE = 5
_CONTEXT_AFTER = 4
_CONTEXT_BEFORE = 3
# Words between a count and what happened to it: "have been", "are thought to be".
_LINKING = frozenset((
    "have", "has", "had", "been", "be", "being", "were", "was", "are", "is", "may", "might",
    "could", "would", "will", "still", "already", "now", "also", "reportedly", "reported",
    "thought", "believed", "feared", "said", "estimated", "to", "who", "that", "which",
    "of", "them", "since", "so", "far", "more",
))
_EVENT_ENDINGS = ("ed", "en", "ing")


def figure_about(text: str, figure: Figure) -> str:
    """The unit and the participle that follows or precedes it: "people displaced".

    With neither, the first content words after the figure ("government-held areas").
    """
    event = _event_after(text, figure) or _event_before(text, figure)
    if figure.unit or event:
        return " ".join(part for part in (figure.unit, event) if part)
    return " ".join(_content(text[figure.end:figure.end + 80], "")[:2])


def context_words(text: str, figure: Figure, start: int = 0, end: int | None = None) -> frozenset[str]:
    """Content words just before and after a figure, within text[start:end] (a sentence).

    Its unit, stop words and numbers are left out.
    """
    end = len(text) if end is None else end
    unit = figure.unit.lower()
    before = _content(text[max(start, figure.start - 80):figure.start], unit)[-_CONTEXT_BEFORE:]
    after = _content(text[figure.end:min(end, figure.end + 120)], unit)[:_CONTEXT_AFTER]
    return frozenset((*before, *after))


def _event_after(text: str, figure: Figure) -> str:
    unit = figure.unit.lower()
    for word in _words(text[figure.end:figure.end + 80])[:_WORDS_AFTER]:
        if word in _LINKING or word == unit:
            continue
        return word if word.endswith(_EVENT_ENDINGS) and len(word) > 4 else ""
    return ""


def _event_before(text: str, figure: Figure) -> str:
    """ "displaced 30,000 people": the participle just before the figure."""
    words = _words(text[max(0, figure.start - 40):figure.start])[-_WORDS_BEFORE:]
    word = words[-1] if words else ""
    return word if word.endswith("ed") and len(word) > 4 else ""


def _content(text: str, unit: str) -> list[str]:
    return [w for w in _words(text) if w not in NOT_UNITS and w != unit]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())
