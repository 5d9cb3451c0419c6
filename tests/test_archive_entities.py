"""reconcile_entities: alias cases from tests/fixtures/entities/reconcile.yaml, the
gazetteer, types, names and ids."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.archive.entities import reconcile_entities
from generator.archive.entities_names import name_parts, phonetic, same_name
from generator.model import (
    Annotation,
    Article,
    Block,
    EntityTable,
    Gazetteer,
    GazetteerEntry,
    Mention,
    Story,
)

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "entities" / "reconcile.yaml").read_text())


def make_article(article_id: str, names: list[list]) -> tuple[Article, Annotation]:
    """An article whose text is its names joined by ' and ', each a mention."""
    text, mentions = "", []
    for name, kind, *score in names:
        start = len(text)
        text += name + " and "
        mentions.append(Mention(start, start + len(name), name, kind, name, score[0] if score else 0.9))
    text = text.removesuffix(" and ")
    article = Article(article_id, f"{article_id}.md", article_id, "", "", text,
                      (Block("paragraph", 0, len(text)),))
    return article, Annotation(article_id, (), tuple(mentions), ())


def reconcile(spec: list[dict]) -> EntityTable:
    made = [make_article(a["id"], a["mentions"]) for a in spec]
    stories: dict[str, list[str]] = {}
    for a in spec:
        stories.setdefault(a["story"], []).append(a["id"])
    return reconcile_entities([a for a, _ in made], {n.article: n for _, n in made},
                              [Story(s, tuple(ids), ids[0]) for s, ids in sorted(stories.items())], Gazetteer())


def ids_by_spelling(table: EntityTable) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for mentions in table.mentions.values():
        for m in mentions:
            ids.setdefault(m.text, set()).add(m.entity)
    return ids


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fixture(case):
    ids = ids_by_spelling(reconcile(case["articles"]))
    for group in case.get("same", []):
        assert len(set().union(*(ids[s] for s in group))) == 1, group
    for a, b in case.get("different", []):
        assert not ids[a] & ids[b], (a, b)


def test_gazetteer_tags_its_names_with_its_type_and_ignores_its_ignored():
    spec = [{"id": "a", "story": "s", "mentions": [["Hezbollah", "person", 0.4], ["Reuters", "org"]]},
            {"id": "b", "story": "s", "mentions": [["Beirut", "place"]]}]
    made = [make_article(a["id"], a["mentions"]) for a in spec]
    missed = Article("c", "c.md", "c", "", "", "Fighters of Hizbollah left.", (Block("paragraph", 0, 27),))
    gazetteer = Gazetteer(entries=(GazetteerEntry("Hezbollah", "org", ("Hizbollah",), "A party.", "https://x"),),
                          ignore=("Reuters",))
    table = reconcile_entities([a for a, _ in made] + [missed],
                               {**{n.article: n for _, n in made}, "c": Annotation("c", (), (), ())},
                               [Story("s", ("a", "b"), "a"), Story("t", ("c",), "c")], gazetteer)
    entity = next(e for e in table.entities if e.name == "Hezbollah")
    assert (entity.id, entity.type, entity.description, entity.link) == ("hezbollah", "org", "A party.", "https://x")
    assert entity.articles == ("a", "c")
    assert [(m.text, m.entity, m.type) for m in table.mentions["c"]] == [("Hizbollah", "hezbollah", "org")]
    assert all(m.text != "Reuters" for m in table.mentions["a"])


def test_type_is_the_weight_of_the_mentions():
    table = reconcile([{"id": "a", "story": "s", "mentions": [["Aleppo", "place"], ["Aleppo", "place"]]},
                       {"id": "b", "story": "s", "mentions": [["Aleppo", "org", 0.4]]}])
    (entity,) = table.entities
    assert entity.type == "place"
    assert {m.type for ms in table.mentions.values() for m in ms} == {"place"}


def test_canonical_name_is_the_full_form_and_id_its_slug():
    table = reconcile([{"id": "a", "story": "s", "mentions": [["Assad", "person"], ["Assad", "person"],
                                                               ["Bashar al-Assad", "person"], ["U.N.", "org"]]},
                       {"id": "b", "story": "s", "mentions": [["UN", "org"], ["United Nations", "org"]]}])
    assert [(e.id, e.name, e.aliases, e.articles) for e in table.entities] == [
        ("bashar-al-assad", "Bashar al-Assad", ("Assad", "Bashar al-Assad"), ("a",)),
        ("united-nations", "United Nations", ("U.N.", "UN", "United Nations"), ("a", "b")),
    ]


def test_two_entities_of_one_slug_get_distinct_ids():
    table = reconcile([{"id": "a", "story": "s", "mentions": [["Saint-Denis", "place"]]},
                       {"id": "b", "story": "t", "mentions": [["Saint-Denis", "place"], ["Saint Denis", "person"]]}])
    assert sorted(e.id for e in table.entities) == ["saint-denis", "saint-denis-person"]


def test_output_does_not_depend_on_input_order():
    spec = CASES[3]["articles"]
    made = [make_article(a["id"], a["mentions"]) for a in spec]
    annotations = {n.article: n for _, n in made}
    stories = [Story("s1", ("paper", "wire"), "wire")]
    forward = reconcile_entities([a for a, _ in made], annotations, stories, Gazetteer())
    backward = reconcile_entities([a for a, _ in reversed(made)], dict(reversed(annotations.items())),
                                  stories, Gazetteer())
    assert forward == backward


def test_every_article_has_its_resolved_mentions_in_text_order():
    table = reconcile(CASES[0]["articles"])
    assert set(table.mentions) == {"wire", "paper"}
    for mentions in table.mentions.values():
        assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_a_sure_longer_name_keeps_its_span_around_a_gazetteer_name():
    article, annotation = make_article("a", [["Aleppo Army", "org"], ["Aleppo", "place", 0.4]])
    gazetteer = Gazetteer(entries=(GazetteerEntry("Aleppo", "place"),))
    table = reconcile_entities([article], {"a": annotation}, [Story("s", ("a",), "a")], gazetteer)
    assert [(m.text, m.type, m.entity) for m in table.mentions["a"]] == [
        ("Aleppo Army", "org", "aleppo-army"), ("Aleppo", "place", "aleppo")]


def test_two_names_the_gazetteer_declares_stay_two():
    article, annotation = make_article("a", [["United Nations", "org"], ["UN", "org"]])
    gazetteer = Gazetteer(entries=(GazetteerEntry("United Nations", "org"), GazetteerEntry("UN", "org")))
    table = reconcile_entities([article], {"a": annotation}, [Story("s", ("a",), "a")], gazetteer)
    assert sorted(e.id for e in table.entities) == ["un", "united-nations"]


PAIRS = yaml.safe_load((Path(__file__).parent / "fixtures" / "entities" / "transliterations.yaml").read_text())


def sounds(name: str) -> tuple[str, ...]:
    return tuple(map(phonetic, name_parts(name)))


@pytest.mark.parametrize(("a", "b"), PAIRS["same"])
def test_transliterations_sound_the_same(a, b):
    assert same_name(sounds(a), sounds(b))


@pytest.mark.parametrize(("a", "b"), PAIRS["different"])
def test_names_that_only_look_alike_do_not(a, b):
    assert not same_name(sounds(a), sounds(b))


def test_gazetteer_names_match_whole_words_longest_first():
    text = "The U.N. Security Council and the U.N. met in Homsville, not Homs."
    article = Article("a", "a.md", "a", "", "", text, (Block("paragraph", 0, len(text)),))
    gazetteer = Gazetteer(entries=(GazetteerEntry("United Nations", "org", ("U.N.",)),
                                   GazetteerEntry("UN Security Council", "org", ("U.N. Security Council",)),
                                   GazetteerEntry("Homs", "place")))
    table = reconcile_entities([article], {"a": Annotation("a", (), (), ())}, [Story("s", ("a",), "a")], gazetteer)
    assert [(m.text, m.entity) for m in table.mentions["a"]] == [
        ("U.N. Security Council", "un-security-council"), ("U.N.", "united-nations"), ("Homs", "homs")]
