"""Find every numeric expression in news copy: value, qualifier, unit, range.

One precompiled regex scan (numbers_pattern) finds the candidates; each match
is then read with a few cheap looks at its neighbours (numbers_context): the
qualifier before it ("close to"), the noun after it ("people"), and the cues
that say it is not a figure at all ("one of the", "December 5", "3 p.m.").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.annotate.numbers_context import (
    is_clock_time,
    is_day_of_month,
    is_name_part,
    is_pronoun_one,
    is_sentence_start,
    qualifier_before,
    unit_after,
    word_before,
)
from generator.annotate.numbers_lexicon import (
    CURRENCY_SIGNS,
    FRACTION_WORDS,
    NOT_COMPOUND_UNITS,
    ORDINALS,
    SCALE_SUFFIXES,
    SCALES,
    TIME_UNITS,
    VAGUE,
    spelled_value,
)
from generator.annotate.numbers_pattern import AMOUNT, ANCHOR, FIGURE_PATTERN
from generator.model import Figure

# Words before a four-digit number that make it a year ("in 2011", "since 1990").
_YEAR_CUES = frozenset(("in", "since", "of", "by", "until", "till", "from", "to", "during",
                        "before", "after", "mid", "early", "late", "and", "between", "the"))
_NUMBER_WORD_SPLIT = re.compile(r"[\s-]+")


@dataclass(frozen=True, slots=True)
class _Amount:
    """One parsed amount of a match ("$3.2 billion")."""

    start: int
    end: int
    value: float
    currency: str
    scale: float
    """The multiplier of a scale word or suffix ("billion", "bn"); 1 for none."""
    spelled: bool
    plain_digits: bool
    """Digits only, no separator, decimal, sign or scale: a year candidate."""


def find_figures(text: str) -> tuple[Figure, ...]:
    """Every numeric expression in `text`, sorted by start, not overlapping."""
    lowered = _lower_in_place(text)
    figures: list[Figure] = []
    position = 0
    while anchor := ANCHOR.search(lowered, position):
        match = FIGURE_PATTERN.match(lowered, anchor.start())
        if match is None:
            position = anchor.end()
            continue
        floor = figures[-1].end if figures else 0
        figures.extend(f for f in _figures_of(text, match) if f.start >= floor)
        position = max(match.end(), anchor.end())
    return tuple(figures)


def _lower_in_place(text: str) -> str:
    """`text` lower-cased with every offset kept (a few letters lengthen: "İ")."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _figures_of(text: str, match: re.Match) -> tuple[Figure, ...]:
    if match["vague"]:
        return _vague(text, match)
    if match["dozen"]:
        value = 6.0 if match["dozen"].lower().startswith("half") else 12.0
        return (_qualified(text, match.start(), match.end(), value, unit_after(text, match.end())),)
    if match["ord"]:
        return _ordinal(text, match)
    if match["decade"]:
        decade = match["decade"]
        return (Figure(match.start(), match.end(), text[match.start():match.end()], float(decade[:-1]),
                       "exact", "decade"),)
    if match["between"]:
        low, high = _amount(match, "blo"), _amount(match, "bhi")
        unit = unit_after(text, match.end())
        if low.plain_digits and high.plain_digits and _is_year(text, low, unit):
            unit = "year"
        return _range(text, match.start(), match.end(), low, high, unit)
    return _amounts(text, match)


def _vague(text: str, match: re.Match) -> tuple[Figure, ...]:
    words = " ".join(match["vague"].lower().split())
    value = VAGUE.get(words) or SCALES[words.split()[-1]]
    start = qualifier_before(text, match.start())[1]
    return (Figure(start, match.end(), text[start:match.end()], float(value), "vague",
                   unit_after(text, match.end())),)


def _ordinal(text: str, match: re.Match) -> tuple[Figure, ...]:
    word = match["ord"].lower()
    # "a third of", "a second": a share or a moment; "First Army": a name.
    if word_before(text, match.start()) in ("a", "one") or is_name_part(text, match.start(), match.end()):
        return ()
    value = ORDINALS[word] if word in ORDINALS else float(word[:-2])
    return (Figure(match.start(), match.end(), text[match.start():match.end()], float(value), "exact"),)


def _amounts(text: str, match: re.Match) -> tuple[Figure, ...]:
    low = _amount(match, "lo")
    if not _is_count(text, low):
        return ()
    if match["compound"]:
        return _compound(text, match, low)
    if match["hi"]:
        high = _amount(match, "hi")
        joined_by_to = match["rsep"].strip().lower() == "to"
        if joined_by_to and word_before(text, match.start()) == "from":
            # "rose from 10 to 20": two figures, not a range.
            unit = _unit(text, match, low)
            return (_qualified(text, low.start, low.end, low.value, unit),
                    _qualified(text, high.start, match.end(), high.value, unit))
        return _range(text, match.start(), match.end(), low, high, _unit(text, match, low))
    return (_qualified(text, low.start, match.end(), low.value, _unit(text, match, low)),)


def _is_count(text: str, low: _Amount) -> bool:
    """Not a pronoun ("one of the"), a name ("Group of Seven"), a clock time or a date."""
    written = text[low.start:low.end]
    if low.spelled:
        if written.lower() == "one" and is_pronoun_one(text, low.start, low.end):
            return False
        if written[0].isupper() and not is_sentence_start(text, low.start):
            return False
    if is_clock_time(text, low.end) or (low.plain_digits and written.startswith("0") and len(written) > 1):
        return False
    return not (low.plain_digits and low.value <= 31 and is_day_of_month(text, low.start, low.end))


def _compound(text: str, match: re.Match, low: _Amount) -> tuple[Figure, ...]:
    """ "seven-day", "10-year-old": the number counts the noun it is joined to."""
    noun = match["compound"].lower()
    if noun in FRACTION_WORDS or noun in NOT_COMPOUND_UNITS:
        return ()
    unit = TIME_UNITS.get(noun, noun)
    qualifier, start = qualifier_before(text, low.start)
    return (Figure(start, match.end(), text[start:match.end()], low.value, qualifier, unit),)


def _unit(text: str, match: re.Match, low: _Amount) -> str:
    if match["pct"]:
        return "percentage point" if "point" in match["pct"].lower() else "percent"
    if low.currency:
        return low.currency
    unit = unit_after(text, match.end())
    if low.plain_digits and _is_year(text, low, unit):
        return "year"
    return unit


def _is_year(text: str, low: _Amount, unit: str) -> bool:
    if not (len(text[low.start:low.end]) == 4 and 1800 <= low.value <= 2100):
        return False
    if qualifier_before(text, low.start)[0] != "exact":
        return False
    counts_things = unit.endswith("s") or unit == "people"
    return word_before(text, low.start) in _YEAR_CUES or not counts_things


def _range(text: str, start: int, end: int, low: _Amount, high: _Amount,
           unit: str) -> tuple[Figure, ...]:
    low_value = low.value
    if high.scale > 1 and low.scale == 1 and low.value * high.scale <= high.value:
        # "$2-3 billion": the scale of the upper end applies to both.
        low_value *= high.scale
    if high.value <= low_value:
        return ()
    qualifier, start = qualifier_before(text, start)
    return (Figure(start, end, text[start:end], low_value, qualifier,
                   low.currency or high.currency or unit, high.value),)


def _qualified(text: str, start: int, end: int, value: float, unit: str) -> Figure:
    qualifier, start = qualifier_before(text, start)
    return Figure(start, end, text[start:end], value, qualifier, unit)


def _amount(match: re.Match, group: str) -> _Amount:
    start, end = match.span(group)
    parts = AMOUNT.fullmatch(match[group])
    currency = CURRENCY_SIGNS[parts["currency"].lower()] if parts["currency"] else ""
    if parts["words"]:
        words = [w for w in _NUMBER_WORD_SPLIT.split(parts["words"].lower()) if w]
        value = spelled_value(words) * (0.5 if words[0] == "half" else 1.0)
        scale = SCALES[words[-1]] if len(words) > 1 and words[-1] in SCALES else 1
        return _Amount(start, end, value, currency, scale, True, False)
    digits = parts["digits"]
    value = float(digits.replace(",", ""))
    scale = (parts["scale"] or "").lower()
    multiplier = SCALES.get(scale) or SCALE_SUFFIXES.get(scale) or 1
    plain = digits.isdigit() and not currency and not scale
    return _Amount(start, end, value * multiplier, currency, multiplier, False, plain)

