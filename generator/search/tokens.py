"""Search tokens: one set of rules for the index (here) and the query (search.js).

Every word, figure and abbreviation stays findable whatever punctuation
surrounds it, and in each form a reader may type it:

    "30,000,"    -> 30,000  30000
    "(U.N.)"     -> u.n.  un
    "12.5%."     -> 12.5%  12.5
    "$3.2"       -> $3.2  3.2
    "seven-day"  -> seven-day  seven  day
    "Aleppo's"   -> aleppo's  aleppo
    "Café"       -> café  cafe

templates/static/search.js implements the same rules; tests/test_search_tokens.py
checks that both give the same tokens on tests/fixtures/search/tokens.json.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SEPARATORS = re.compile(
    "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
    "\u2012-\u2015\u2212/]+"
)
"""Whitespace, the dashes that separate (figure, en, em, horizontal bar, minus) and "/"."""
HYPHENS = re.compile("[-\u2010]")
"""Hyphens join words: the compound is kept, and each part."""
FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u03c2": "\u03c3"})
"""One apostrophe; one sigma (JavaScript lower-cases a final capital sigma to \u03c2, Python to \u03c3)."""
NUMBER = re.compile(r"^[0-9][0-9,.]*")
"""A figure, maybe glued to its unit or scale: 30,000; 12.5; 3.2bn; 10km."""
DIGIT_GROUPS = re.compile(r"([0-9]),(?=[0-9])")
"""A thousands separator (no look-behind: search.js mirrors it, and older Safari lacks it)."""


def is_word_char(char: str) -> bool:
    """A letter, digit or combining mark of any script (Arabic, Cyrillic...)."""
    return unicodedata.category(char)[0] in "LNM"


def is_currency(char: str) -> bool:
    return unicodedata.category(char) == "Sc"


def is_abbreviation(word: str) -> bool:
    """Single letters joined by dots, without the final dot: "u.n", "u.s"."""
    letters = word.split(".")
    return len(letters) > 1 and all(len(one) == 1 and unicodedata.category(one)[0] == "L" for one in letters)


def normalise(text: str) -> str:
    """NFKC, lower case, one apostrophe, one sigma."""
    return unicodedata.normalize("NFKC", text).lower().translate(FOLD)


def tokens(text: str) -> list[str]:
    """The search tokens of TEXT, in text order; each word's variants follow it."""
    return [token for chunk in SEPARATORS.split(normalise(text)) for token in chunk_tokens(chunk)]


@lru_cache(maxsize=1 << 16)
def chunk_tokens(chunk: str) -> tuple[str, ...]:
    """The tokens of one chunk between separators: the word, its variants, then its parts'.

    Cached: news text repeats its words, and this is most of the index build's time.
    """
    found = word_variants(trim(chunk))
    parts = HYPHENS.split(found[0]) if found else []
    if len(parts) > 1:
        for part in parts:
            found += [token for token in word_variants(trim(part)) if token not in found]
    return tuple(found)


def trim(chunk: str) -> str:
    """Strip surrounding punctuation; keep a currency sign, a per cent sign, an abbreviation's dot."""
    start, end = 0, len(chunk)
    while start < end and not (is_word_char(chunk[start]) or is_currency(chunk[start])):
        start += 1
    while end > start and not (is_word_char(chunk[end - 1]) or chunk[end - 1] == "%"):
        end -= 1
    core = chunk[start:end]
    if end < len(chunk) and chunk[end] == "." and is_abbreviation(core):
        core += "."
    return core if any(is_word_char(char) for char in core) else ""


def word_variants(word: str) -> list[str]:
    """WORD (already trimmed) and the other forms a reader may type for it."""
    if not word:
        return []
    found = [word]
    bare = word
    while bare and is_currency(bare[0]):
        bare = bare[1:]
    bare = bare.removesuffix("%")
    number = NUMBER.match(bare)
    unit = bare[number.end():] if number else ""
    if is_abbreviation(word.removesuffix(".")):
        found.append(word.replace(".", ""))
    elif number and (not unit or unit.isalpha()):
        found += [bare, number[0], DIGIT_GROUPS.sub(r"\1", number[0])]
    elif word.endswith("'s") and len(word) > 2:
        found.append(word[:-2])
    return list(dict.fromkeys(found + [without_marks(token) for token in found]))


def without_marks(word: str) -> str:
    """WORD without accents and other combining marks: "café" -> "cafe", "i̇stanbul" -> "istanbul"."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if unicodedata.category(char) != "Mn"))
