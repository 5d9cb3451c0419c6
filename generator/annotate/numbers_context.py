"""The words around a matched number: its qualifier, its unit, and whether it is one.

Each function looks at a few characters before or after a match with a small
precompiled pattern, so the cost is per figure, not per character of text.
"""
from __future__ import annotations

import re

from generator.annotate.numbers_lexicon import (
    CURRENCY_WORDS,
    MONTHS,
    NOT_UNITS,
    PRONOUN_ONE_AFTER,
    PRONOUN_ONE_BEFORE,
    QUALIFIER_PHRASES,
    TIME_UNITS,
)

_LOOKBACK = 40
_QUALIFIER_OF = {phrase: kind for kind, phrases in QUALIFIER_PHRASES.items() for phrase in phrases}
# Leftmost match wins, so "no less than" (min) beats "less than" (max).
_QUALIFIER_BEFORE = re.compile(
    r"(?<![\w-])(?P<phrase>"
    + "|".join(re.escape(p).replace(r"\ ", r"\s+")
               for p in sorted(_QUALIFIER_OF, key=lambda p: (-len(p), p)))
    + r")\s+\Z",
    re.IGNORECASE,
)
# The last word of every phrase: most figures have none, and a set test is cheap.
_QUALIFIER_LAST_WORDS = frozenset(phrase.split()[-1] for phrase in _QUALIFIER_OF)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'-]*)\W{1,3}\Z")
_WORDS_AFTER = re.compile(r"[ \t]+(?:of[ \t]+)?([A-Za-z][A-Za-z-]*)(?:[ \t]+([A-Za-z]+))?")
_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z'-]+)")
_CLOCK_AFTER = re.compile(r"\s*(?:[ap]\.m\.|[ap]m\b|o'clock|GMT\b|hours\s+GMT)", re.IGNORECASE)


def qualifier_before(text: str, start: int) -> tuple[str, int]:
    """The qualifier written just before `start` and where it begins; ("exact", start) if none."""
    window_start = max(0, start - _LOOKBACK)
    preceding = text[window_start:start].split()
    if not preceding or preceding[-1].lower() not in _QUALIFIER_LAST_WORDS:
        return "exact", start
    match = _QUALIFIER_BEFORE.search(text, window_start, start)
    if match is None:
        return "exact", start
    phrase = " ".join(match.group("phrase").lower().split())
    return _QUALIFIER_OF[phrase], match.start()


def word_before(text: str, start: int) -> str:
    """The word just before `start` (lower case; punctuation between allowed), or ""."""
    match = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return match.group(1).lower() if match else ""


def words_after(text: str, end: int) -> tuple[str, str]:
    """The next one or two words after `end` on the same line (an "of" skipped)."""
    match = _WORDS_AFTER.match(text, end)
    if match is None:
        return "", ""
    return match.group(1), match.group(2) or ""


def next_word(text: str, end: int) -> str:
    """The word right after `end` (lower case), or "" when punctuation comes first."""
    match = _NEXT_WORD.match(text, end)
    return match.group(1).lower() if match else ""


def unit_after(text: str, end: int) -> str:
    """What the figure counts: the noun after it, one adjective allowed between.

    Time units are singularised; a currency word becomes its ISO code.
    """
    first, second = words_after(text, end)
    first_lower, second_lower = first.lower(), second.lower()
    if first_lower in CURRENCY_WORDS:
        return CURRENCY_WORDS[first_lower]
    if first[:1].isupper() and second.islower() and second.endswith("s") and second not in NOT_UNITS:
        return second  # "two Syrian soldiers": a proper adjective before the noun
    if not first or first_lower in NOT_UNITS or not first.islower():
        return ""
    if first_lower in TIME_UNITS:
        return TIME_UNITS[first_lower]
    if first_lower.endswith(("ed", "ing", "ly")):
        # "30,000 displaced people": a participle before a plural noun.
        plural = second.islower() and second_lower.endswith("s") and second_lower not in NOT_UNITS
        return second_lower if plural or second_lower == "people" else ""
    return first_lower


def is_clock_time(text: str, end: int) -> bool:
    """A time of day: "3 p.m.", "one o'clock", "0600 GMT"."""
    return _CLOCK_AFTER.match(text, end) is not None


def is_day_of_month(text: str, start: int, end: int) -> bool:
    """ "December 5", "5 Dec." """
    following = words_after(text, end)[0].lower().rstrip(".")
    return word_before(text, start).rstrip(".") in MONTHS or following in MONTHS


def is_sentence_start(text: str, start: int) -> bool:
    """Nothing but opening quotes and brackets since the last sentence or line end."""
    before = text[max(0, start - 6):start].rstrip(" \t\"'(\u201c\u2018[")
    return not before or before[-1] in ".!?:\n"


def is_pronoun_one(text: str, start: int, end: int) -> bool:
    """ "one of the ...", "the one that", "no one": not a count."""
    following = next_word(text, end)
    if following in PRONOUN_ONE_AFTER or following == "":
        return True
    return word_before(text, start) in PRONOUN_ONE_BEFORE


def is_name_part(text: str, start: int, end: int) -> bool:
    """A capitalised number word before a capitalised word: "First Army", "Seven Sisters"."""
    if not text[start].isupper():
        return False
    following = words_after(text, end)[0]
    return bool(following) and following[0].isupper()
