"""URL-safe identifiers from names and paths, readable in any script."""
from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """`Bashar al-Assad` -> `bashar-al-assad`; `Алеппо` -> `aleppo`; never empty."""
    ascii_text = unidecode(unicodedata.normalize("NFKC", text)).lower()
    slug = _NOT_WORD.sub("-", ascii_text.replace("'", "")).strip("-")
    return slug or "x"
