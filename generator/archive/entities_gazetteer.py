"""The site owner's gazetteer over the recogniser: its names are tagged wherever
they occur, with its type, and its `ignore` names never are."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator.archive.entities_names import fold
from generator.model import Gazetteer, GazetteerEntry, Mention

_GAZETTEER_SCORE = 1.0
# A recogniser's name this sure (a head word, the lexicon) keeps its longer span
# around a gazetteer name: "Aleppo Army" stays one organisation around "Aleppo".
_SURE_OF_SPAN = 0.9
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class GazetteerIndex:
    """The gazetteer made ready for matching."""

    by_first_word: Mapping[str, tuple[tuple[str, int], ...]]
    """First word of a name or alias -> (name, where in it the word begins) for each name
    it opens, longest first. Matching looks up each word of a text once, whatever the
    gazetteer's size."""
    entries: Mapping[str, GazetteerEntry]
    """Folded name or alias -> its entry."""
    ignored: frozenset[str]
    """Folded names never to tag."""


def index_gazetteer(gazetteer: Gazetteer) -> GazetteerIndex:
    entries = {fold(name): entry for entry in gazetteer.entries
               for name in (entry.name, *entry.aliases)}
    ignored = frozenset(fold(name) for name in gazetteer.ignore)
    opening: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for entry in gazetteer.entries:
        for name in (entry.name, *entry.aliases):
            first = _WORD.search(name)
            if first and fold(name) not in ignored:
                opening[first.group()].add((name, first.start()))
    by_first_word = {w: tuple(sorted(names, key=lambda n: (-len(n[0]), n))) for w, names in opening.items()}
    return GazetteerIndex(by_first_word, entries, ignored)


def _occurrences(text: str, index: GazetteerIndex) -> Iterator[tuple[int, int]]:
    """Every whole-word occurrence of a gazetteer name, longest first where two begin together."""
    free_from = 0
    for word in _WORD.finditer(text):
        names = index.by_first_word.get(word.group())
        if names is None or word.start() < free_from:
            continue
        for name, offset in names:
            start, end = word.start() - offset, word.start() - offset + len(name)
            if (text.startswith(name, start) and (start == 0 or not text[start - 1].isalnum())
                    and (end == len(text) or not text[end].isalnum())):
                yield start, end
                free_from = end
                break


def apply_gazetteer(text: str, mentions: tuple[Mention, ...], index: GazetteerIndex) -> list[Mention]:
    """The recogniser's mentions with the gazetteer's names laid over them, sorted, not overlapping."""
    found: list[Mention] = []
    if index.by_first_word:
        longer = [m for m in mentions if m.score >= _SURE_OF_SPAN]
        for start, end in _occurrences(text, index):
            if any(m.start <= start and end <= m.end and m.end - m.start > end - start for m in longer):
                continue
            surface = text[start:end]
            entry = index.entries[fold(surface)]
            found.append(Mention(start, end, surface, entry.type, surface, _GAZETTEER_SCORE))
    if not found and not index.ignored:
        return list(mentions)
    kept = [m for m in mentions if fold(m.key) not in index.ignored
            and not any(g.start < m.end and m.start < g.end for g in found)]
    return sorted(found + kept, key=lambda m: m.start)
