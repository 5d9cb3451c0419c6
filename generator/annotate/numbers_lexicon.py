"""The words of numbers in English news copy: tables that the figure finder reads.

Data only (immutable mappings and tuples), plus the one small function that
turns a run of number words into its value.
"""
from __future__ import annotations

from types import MappingProxyType


def _word_set(spaced: str) -> frozenset[str]:
    """A set of words written as one space-separated string, for readable tables."""
    return frozenset(spaced.split())


CARDINALS = MappingProxyType({
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
})
SCALES = MappingProxyType({
    "hundred": 100, "thousand": 1_000, "million": 1_000_000,
    "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
})
ORDINALS = MappingProxyType({
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100, "thousandth": 1000,
})
# Suffixes shortening a scale after digits ("$3.2bn", "5m", "12k").
SCALE_SUFFIXES = MappingProxyType({
    "bn": 1_000_000_000, "b": 1_000_000_000, "m": 1_000_000, "mn": 1_000_000,
    "mln": 1_000_000, "k": 1_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000,
})

# Vague quantities: the value is the unit the word multiplies.
VAGUE = MappingProxyType({
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000,
    "millions": 1_000_000, "billions": 1_000_000_000,
    "tens of thousands": 10_000, "hundreds of thousands": 100_000,
    "tens of millions": 10_000_000, "hundreds of millions": 100_000_000,
})

# Words before a figure that say how exact it is; longest phrases first.
QUALIFIER_PHRASES = MappingProxyType({
    "approx": ("close to", "about", "nearly", "around", "almost", "some", "roughly",
               "an estimated", "estimated", "approximately", "more or less", "circa",
               "an approximate", "nigh on", "the best part of"),
    "min": ("more than", "at least", "over", "upwards of", "in excess of", "just over",
            "well over", "no fewer than", "no less than", "above", "a minimum of",
            "as few as"),
    "max": ("as many as", "up to", "fewer than", "less than", "at most", "no more than",
            "not more than", "as much as", "a maximum of", "just under", "under",
            "below", "up to a maximum of"),
})

# What a currency sign or word stands for (ISO 4217).
CURRENCY_SIGNS = MappingProxyType({
    "$": "USD", "us$": "USD", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "nz$": "NZD",
    "£": "GBP", "€": "EUR", "¥": "JPY",
})
CURRENCY_WORDS = MappingProxyType({
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "francs": "CHF", "usd": "USD", "eur": "EUR",
    "gbp": "GBP",
})
PERCENT_WORDS = ("percent", "per cent", "%", "pct")

# Time units are singularised ("two days" -> "day"); other nouns stay as written.
TIME_UNITS = MappingProxyType({
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "night": "night",
    "nights": "night", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "decade": "decade",
    "decades": "decade", "century": "century", "centuries": "century",
})

# A word after a figure that is not what it counts.
NOT_UNITS = _word_set("""
a about above across after again against ago all also among an and any are as at
be been before being below between both but by can could did do does during each
either else even ever every for from had has have he her here him his how i if in
including into is it its just last late least less many may me might more most much
must my near neither next no nor not now of off on once only or other our out over
own per same she should since so some such than that the their them then there these
they this those though through to too under until up upon us very was we were what
when where which while who whom whose why will with within would yet you your
said says say told according percent cent earlier later ago apiece each respectively
times
""")

MONTHS = _word_set("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""")

# Words that make a following or preceding "one" a pronoun, not a count.
PRONOUN_ONE_BEFORE = _word_set(
    "the no any every each this that which such someone anyone last only little big "
    "right wrong another no-one")
PRONOUN_ONE_AFTER = _word_set(
    "of another who which that whose thing or can cannot could would should may might must "
    "will shall has had is was does did")

# After a hyphen, words that make an idiom, not a count: "one-off", "two-way".
NOT_COMPOUND_UNITS = _word_set("off sided way on fold time")

# Plural fractions: "two-thirds" is a share, not a count of thirds.
FRACTION_WORDS = _word_set(
    "half halves third thirds quarter quarters fifth fifths sixth sixths tenth tenths")


def spelled_value(words: list[str]) -> float:
    """The value of number words in order: ["two", "hundred", "fifty"] -> 250."""
    total, current = 0, 0
    for word in words:
        if word in CARDINALS:
            current += CARDINALS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
    return float(total + current)
