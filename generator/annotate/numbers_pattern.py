"""The precompiled regular expressions that find numeric expressions.

Built once from the lexicon's tables, they run on lower-cased text: a
case-insensitive scan is several times slower. ANCHOR finds where a figure may
start (a digit, a currency sign, a number word; the words compiled as a trie,
so each position costs about one character test); FIGURE_PATTERN is matched at
each anchor. Its named groups say which shape matched: `vague` ("tens of
thousands"), `between` ranges (`blo`, `bhi`), amounts (`lo`, an optional range
end `hi`, `pct`, a `compound` noun as in "seven-day"), `dozen`, ordinals `ord`
and `decade` ("the 1990s"). AMOUNT splits one amount ("$3.2 billion", "two
hundred") into its parts.
"""
from __future__ import annotations

import re

from generator.annotate.numbers_lexicon import (
    CARDINALS,
    ORDINALS,
    SCALE_SUFFIXES,
    SCALES,
    VAGUE,
)


def _trie(words) -> str:
    """An alternation of literal words as a regex trie: "t(?:en|hree|wo)"."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_branch(root)


def _trie_branch(node: dict) -> str:
    branches = [re.escape(char) + _trie_branch(node[char]) for char in sorted(node) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
    return body + ("?" if "" in node else "")


def _alternation(words) -> str:
    """Longest first, so that "seventeen" wins over "seven"."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_CARDINAL = _alternation(CARDINALS)
_NUMBER_WORD = _alternation([*CARDINALS, *SCALES])
_SCALE_WORD = _alternation(SCALES)
_SUFFIX = _alternation(SCALE_SUFFIXES)
_CURRENCY = r"(?:us\$|a\$|c\$|hk\$|nz\$|[$£€¥])"
# "1,250.5" or "1250.5"; not inside a word, a time (10:30), a date (5/12) or a
# model name (F-16).
_DIGITS = r"(?<![\w.:/])(?:(?<![A-Za-z]-)|(?<=mid-))(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![:/]\d)"
# "seventy-five", "two hundred and fifty", "a million", "half a million".
_SPELLED = (rf"(?:(?:a|one|half\s+a)\s+(?:{_SCALE_WORD})"
            rf"|(?:{_CARDINAL})(?:(?:[ -]|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)"
            rf"(?:{_NUMBER_WORD})(?![\w]))*)(?![\w])")


def _amount(name: str) -> str:
    """A named amount: currency sign, digits or words, a scale word or suffix."""
    return (rf"(?P<{name}>(?:{_CURRENCY}\s?)?(?:{_DIGITS}(?:\s+(?:{_SCALE_WORD})\b"
            rf"|(?:{_SUFFIX})\b)?(?![\w])|{_SPELLED}))")


# "scores" counts only in "scores of"; elsewhere it is a noun ("the scores").
_VAGUE = (rf"(?P<vague>{_alternation(w for w in VAGUE if w != 'scores')}"
          rf"|(?:several|a\s+few)\s+(?:{_SCALE_WORD})|scores(?=\s+of\b))(?![\w])")
_BETWEEN = rf"(?P<between>between\s+{_amount('blo')}\s+and\s+{_amount('bhi')})"
_RANGED_AMOUNT = (rf"{_amount('lo')}(?:(?P<rsep>\s*[-–—]\s*|\s+to\s+){_amount('hi')})?"
                  r"(?P<pct>\s*%|\s+per\s?cent\b|\s+percentage\s+points?\b|\s+pct\b)?"
                  r"(?:-(?P<compound>[a-z]+)(?:-old)?(?![\w]))?")
_DOZEN = r"(?P<dozen>(?:a|one|half\s+a)\s+dozen)(?![\w])"
# "the 1990s": a decade, named by its first year.
_DECADE = r"(?P<decade>(?<![\w.])(?:1[89]|20)\d0s)(?![\w])"
_ORDINAL = rf"(?P<ord>(?<![\w.])\d+(?:st|nd|rd|th)|(?:{_alternation(ORDINALS)}))(?![\w])"

FIGURE_PATTERN = re.compile(
    rf"(?:(?<![\w-])|(?<=mid-))(?:{_VAGUE}|{_BETWEEN}|{_DOZEN}|{_ORDINAL}|{_DECADE}|{_RANGED_AMOUNT})")

_ANCHOR_WORDS = (*CARDINALS, *ORDINALS, *(w.split()[0] for w in VAGUE), "several", "between",
                 *(f"a {w}" for w in (*SCALES, "few", "dozen")), "half a",
                 "us$", "a$", "c$", "hk$", "nz$")
# One charset branch and one trie: every extra top-level branch slows the scan.
ANCHOR = re.compile(rf"[$£€¥\d]|\b{_trie(_ANCHOR_WORDS)}\b")

# An amount matched above, split into its parts.
AMOUNT = re.compile(
    rf"(?P<currency>{_CURRENCY})?\s?(?:(?P<digits>[\d,.]+)(?:\s*(?P<scale>{_SCALE_WORD}|{_SUFFIX}))?"
    rf"|(?P<words>.+))",
    re.DOTALL,
)
