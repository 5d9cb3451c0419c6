"""Names that the versions of one story spell differently (Hezbollah / Hizbullah, U.N. / UN).

A full name against its surname (Bashar al-Assad / Assad), an acronym against
its expansion (UN / United Nations) and a difference of case (Aleppo army /
Aleppo Army) are the same spelling told differently, not a discrepancy: only
spellings with the same number of words are compared.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from generator.archive.entities_names import name_parts
from generator.model import Discrepancy, DiscrepancyMention, EntityTable, Story


def spelling_discrepancies(story: Story, table: EntityTable, names: Mapping[str, str] | None = None
                           ) -> tuple[Discrepancy, ...]:
    """One discrepancy per entity that two versions of the story spell differently.
    NAMES: entity id -> name, if the caller has it (it is the same for every story)."""
    spellings: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for article in story.articles:
        for mention in table.mentions.get(article, ()):
            spellings[mention.entity][article].add(mention.text)
    names = entity_names(table) if names is None else names
    found = []
    for entity, by_article in sorted(spellings.items()):
        differing = _differing(by_article)
        if differing:
            found.append(Discrepancy(
                kind="spelling", about=names.get(entity, entity),
                mentions=tuple(DiscrepancyMention(article, "", text) for article, text in differing)))
    return tuple(found)


def entity_names(table: EntityTable) -> dict[str, str]:
    return {e.id: e.name for e in table.entities}


def _differing(by_article: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(article, spelling) for each spelling that another version writes another way."""
    folded = {a: {s.casefold() for s in texts} for a, texts in by_article.items()}
    involved: set[tuple[str, str]] = set()
    articles = sorted(by_article)
    for i, a in enumerate(articles):
        for b in articles[i + 1:]:
            for x in by_article[a]:
                for y in by_article[b]:
                    if (x.casefold() != y.casefold() and x.casefold() not in folded[b]
                            and y.casefold() not in folded[a] and _same_length(x, y)):
                        involved |= {(a, x), (b, y)}
    return sorted(involved)


def _same_length(x: str, y: str) -> bool:
    return len(name_parts(x)) == len(name_parts(y))
