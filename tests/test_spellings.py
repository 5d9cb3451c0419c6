"""spelling_discrepancies: spellings that differ between the versions of a story."""
from __future__ import annotations

from generator.archive.spellings import spelling_discrepancies
from generator.model import (
    Discrepancy,
    DiscrepancyMention,
    Entity,
    EntityMention,
    EntityTable,
    Story,
)

STORY = Story("s", ("wire", "paper"), "wire")


def table(spellings: dict[str, dict[str, list[str]]]) -> EntityTable:
    """{entity name: {article: [spellings]}} as a table; ids are the names lowercased."""
    mentions: dict[str, list[EntityMention]] = {"wire": [], "paper": []}
    entities = []
    for name, by_article in sorted(spellings.items()):
        for article, texts in by_article.items():
            for text in texts:
                start = len(mentions[article]) * 100
                mentions[article].append(EntityMention(start, start + len(text), text, "org", name.lower()))
        entities.append(Entity(name.lower(), name, "org", (), tuple(by_article)))
    return EntityTable(tuple(entities), {a: tuple(ms) for a, ms in mentions.items()})


def test_a_transliteration_and_a_dotted_form_are_discrepancies():
    found = spelling_discrepancies(STORY, table({
        "Hezbollah": {"wire": ["Hezbollah"], "paper": ["Hizbullah", "Hizbullah"]},
        "United Nations": {"wire": ["U.N."], "paper": ["UN", "United Nations"]},
    }))
    assert found == (
        Discrepancy("spelling", "Hezbollah", (DiscrepancyMention("paper", "", "Hizbullah"),
                                              DiscrepancyMention("wire", "", "Hezbollah"))),
        Discrepancy("spelling", "United Nations", (DiscrepancyMention("paper", "", "UN"),
                                                   DiscrepancyMention("wire", "", "U.N."))),
    )


def test_a_surname_a_case_difference_or_one_spelling_is_not():
    assert spelling_discrepancies(STORY, table({
        "Bashar al-Assad": {"wire": ["Bashar al-Assad", "Assad"], "paper": ["Assad"]},
        "Aleppo Army": {"wire": ["Aleppo Army"], "paper": ["Aleppo army"]},
        "Aleppo": {"wire": ["ALEPPO", "Aleppo"], "paper": ["Aleppo"]},
    })) == ()


def test_a_spelling_both_versions_use_is_not():
    assert spelling_discrepancies(STORY, table({
        "United Nations": {"wire": ["U.N.", "UN"], "paper": ["UN"]},
    })) == ()


def test_articles_outside_the_story_are_not_compared():
    assert spelling_discrepancies(Story("t", ("wire",), "wire"), table({
        "Hezbollah": {"wire": ["Hezbollah"], "paper": ["Hizbullah"]},
    })) == ()
