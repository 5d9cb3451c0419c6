"""How two spellings of a name are compared: folding, transliteration, surnames.

`fold` makes the spellings that differ only in case, dots and apostrophes one
(U.N. / UN, ALEPPO / Aleppo). `phonetic` goes further, for the ways outlets
transliterate one Arabic or Russian name (Hezbollah / Hizbullah, Yusuf /
Youssef, Petrov / Petroff): vowels fall into three classes, doubled letters are
one, f/v/w and k/q/c are one consonant, the article al-/el- is dropped.
"""
from __future__ import annotations

import re

from unidecode import unidecode

_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)-")
_NOT_NAME = re.compile(r"[^a-z0-9 -]+")
_DOUBLED = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aiu]+")
# Spellings of one sound, in the order they are applied.
_SOUNDS = (("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("w", "v"), ("v", "f"),
           ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ey", "ai"), ("ay", "ai"), ("ei", "ai"),
           ("y", "i"), ("e", "i"), ("o", "u"))
# Words that join a name's parts, ignored when initials are taken.
_LINK_WORDS = frozenset(("of", "for", "the", "and", "de", "du", "des", "la", "le"))


def fold(name: str) -> str:
    """Case, dots, apostrophes and spacing aside: 'U.N.' -> 'un', "Shi’ite" -> 'shiite'."""
    plain = unidecode(name).lower().replace(".", "").replace("'", "")
    return " ".join(plain.split())


def name_parts(name: str) -> tuple[str, ...]:
    """The folded words of a name, without the Arabic article: 'Bashar al-Assad' -> (bashar, assad)."""
    words = _NOT_NAME.sub(" ", fold(name)).split()
    return tuple(_ARABIC_ARTICLE.sub("", w) for w in words if w not in ("al", "el"))


def phonetic(word: str) -> str:
    """One spelling for the transliterations of a folded word: 'youssef' and 'yusuf' -> 'iusif', 'iusuf'."""
    word = _DOUBLED.sub(r"\1", word.replace("-", ""))
    for spelling, sound in _SOUNDS:
        word = word.replace(spelling, sound)
    return _DOUBLED.sub(r"\1", word)


def skeleton(word: str) -> str:
    """The consonants of a phonetic form: the key that puts candidate spellings in one block."""
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", word)) or word


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def same_sound(a: str, b: str) -> bool:
    """Two words, as phonetic forms, that are one name transliterated two ways.

    Equal forms, or (for longer words) one consonant skeleton and one vowel's
    difference: Yusuf / Youssef, Rahman / Rehman, but not Omar / Amara.
    """
    if a == b:
        return True
    return len(a) > 3 and skeleton(a) == skeleton(b) and _within_one_edit(a, b)


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names, as the phonetic forms of their words, that are one name transliterated."""
    return len(a) == len(b) and all(same_sound(x, y) for x, y in zip(a, b, strict=True))


def initials(name: str) -> str:
    """'United Nations' -> 'un'; 'United States of America' -> 'usa'."""
    words = [w for w in fold(name).replace("-", " ").split() if w not in _LINK_WORDS]
    return "".join(w[0] for w in words) if len(words) > 1 else ""
