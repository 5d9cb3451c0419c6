"""The stemmer the index is built with: lunr.py's, made to agree with lunr.js'.

The browser stems the query with lunr.js' Porter stemmer, so the index must
hold the stems lunr.js would give. lunr.py's port differs from it in step 1c
only (a final y: lunr.py stems "Monday" to "mondai", lunr.js keeps "monday"),
so this stemmer overrides that step with lunr.js' rule; tests check the two
agree word for word through node.
"""
from __future__ import annotations

from functools import lru_cache

from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer
from lunr.token import Token

VOWELS = "aeiou"


class LunrJsPorterStemmer(PorterStemmer):
    def step1c(self) -> None:
        """lunr.js: a final y becomes i after a consonant that is not the word's first letter."""
        if self.k - self.k0 >= 2 and self.b[self.k] == "y" and self.b[self.k - 1] not in VOWELS:
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """WORD's stem as lunr.js' stemmer gives it (cached: news text repeats its words)."""
    return LunrJsPorterStemmer().stem(word)


def lunr_js_stemmer(token: Token, i: int | None = None, tokens: list[Token] | None = None) -> Token:
    """A lunr pipeline function: stem the token in place, as lunr.js would."""
    return token.update(lambda word, metadata=None: stem(word))


Pipeline.register_function(lunr_js_stemmer, "lunrJsStemmer")
