"""The search files: a lunr index lunr.js can load, display data, deterministic bytes."""
from __future__ import annotations

import base64
import json
from dataclasses import replace
from pathlib import Path

from generator.config import SiteConfig
from generator.model import (
    Article,
    Block,
    Entity,
    EntityMention,
    EntityTable,
    Gazetteer,
    GazetteerEntry,
    Site,
    Story,
)
from generator.search.index import (
    FORMAT,
    SIBLINGS,
    build_index,
    build_search_files,
    declared_aliases,
    in_search_order,
    index_documents,
)
from generator.search.stemmer import stem
from generator.search.tokens import tokens

ROOT = Path(__file__).resolve().parent.parent


def article(article_id: str, title: str, body: str, source: str = "Reuters", date: str = "2013-06-05") -> Article:
    text = f"{title}\n\n{body}"
    return Article(id=article_id, path=f"{article_id}.md", title=title, source=source, date=date, text=text,
                   blocks=(Block("title", 0, len(title)), Block("paragraph", len(title) + 2, len(text))),
                   byline="Dominic Evans")


def entity(entity_id: str, name: str, kind: str, aliases: tuple[str, ...], articles: tuple[str, ...]) -> Entity:
    return Entity(id=entity_id, name=name, type=kind, aliases=tuple(sorted(aliases)), articles=articles)


def mention(text: str, entity_id: str) -> EntityMention:
    return EntityMention(start=0, end=len(text), text=text, type="org", entity=entity_id)


def small_site() -> Site:
    """A wire report, its rewrite (which spells Hezbollah differently), an Arabic article, an unrelated one."""
    articles = (
        article("paper/qusair", "Assad's forces retake Qusair",
                "Hizbullah militants helped Bashar al-Assad's army take the town; more than 30,000 fled, "
                "according to the United Nations, which wants an initial seven-day truce.",
                source="The Guardian"),
        article("sport/results", "Monday football results", "The home team won 3-1.", source="AP"),
        article("wire/qusair", "Syrian army seizes Qusair",
                "Hezbollah fighters and Syrian troops seized the town of Qusair on Monday; close to 30,000 "
                "people fled, the U.N. said. Aid costs rose 12.5% to $3.2 million."),
        article("world/ar", "معركة القصير", "قال مسؤولون في بيروت، إن مقاتلي حزب الله دخلوا المدينة.",
                source="Al Akhbar"),
    )
    entities = (
        entity("hezbollah", "Hezbollah", "org", ("Hezbollah", "Hizbullah"), ("paper/qusair", "wire/qusair")),
        entity("bashar-al-assad", "Bashar al-Assad", "person", ("Bashar al-Assad",), ("paper/qusair",)),
        entity("united-nations", "United Nations", "org", ("U.N.", "United Nations"), ("paper/qusair", "wire/qusair")),
    )
    mentions = {
        "paper/qusair": (mention("Hizbullah", "hezbollah"), mention("Bashar al-Assad", "bashar-al-assad"),
                         mention("United Nations", "united-nations")),
        "wire/qusair": (mention("Hezbollah", "hezbollah"), mention("U.N.", "united-nations")),
    }
    return Site(articles=articles, annotations={}, entities=EntityTable(entities, mentions),
                stories=(Story("qusair", ("wire/qusair", "paper/qusair"), "wire/qusair"),),
                alignments=(), related={}, reuse={}, discrepancies={})


def site_config(root: Path, base_url: str = "https://example.org/archive/") -> SiteConfig:
    declared = GazetteerEntry("Hezbollah", "org", aliases=("Hizballah", "HEZBOLLAH"))
    return SiteConfig(root=root, title="Qusair archive", base_url=base_url, gazetteer=Gazetteer((declared,)))


def search(site: Site, config: SiteConfig, query: str) -> list[str]:
    """Article ids for QUERY, best first, from one whole lunr.py index (what the split files hold)."""
    index = whole_index(site, config)
    lunr_query = index.create_query()
    for token in tokens(query):
        lunr_query.term(stem(token), use_pipeline=False)
    return [in_search_order(site)[int(result["ref"])].id for result in index.query(lunr_query)]


def whole_index(site: Site, config: SiteConfig):
    entities = {entity.id: entity for entity in site.entities.entities}
    return build_index(index_documents(site, entities, declared_aliases(config)))


def doc(files: dict[str, bytes], ref: int) -> dict:
    return json.loads(files[f"search/d/0/{ref}.json"])


def test_an_alias_finds_the_article_that_spells_the_name_otherwise(tmp_path):
    files = (small_site(), site_config(tmp_path))
    assert sorted(search(*files, "Hizbullah")) == ["paper/qusair", "wire/qusair"]
    assert sorted(search(*files, "Hezbollah")) == ["paper/qusair", "wire/qusair"]


def test_an_alias_declared_in_the_gazetteer_finds_the_entity_s_articles(tmp_path):
    files = (small_site(), site_config(tmp_path))
    assert sorted(search(*files, "Hizballah")) == ["paper/qusair", "wire/qusair"]


def test_figures_and_abbreviations_are_found_as_typed(tmp_path):
    files = (small_site(), site_config(tmp_path))
    assert sorted(search(*files, "30000")) == ["paper/qusair", "wire/qusair"]
    assert sorted(search(*files, "30,000")) == ["paper/qusair", "wire/qusair"]
    assert search(*files, "12.5%") == ["wire/qusair"]
    assert search(*files, "3.2") == ["wire/qusair"]
    assert search(*files, "seven-day") == ["paper/qusair"]
    assert sorted(search(*files, "UN")) == ["paper/qusair", "wire/qusair"]


def test_arabic_words_are_indexed(tmp_path):
    files = (small_site(), site_config(tmp_path))
    assert search(*files, "بيروت") == ["world/ar"]
    assert search(*files, "القصير") == ["world/ar"]


def test_a_word_in_the_title_ranks_first(tmp_path):
    files = (small_site(), site_config(tmp_path))
    assert search(*files, "Monday") == ["sport/results", "wire/qusair"]


def test_the_manifest_names_the_fields_shards_and_sources(tmp_path):
    manifest = json.loads(build_search_files(small_site(), site_config(tmp_path))["search/manifest.json"])
    assert manifest["fields"] == ["title", "entities", "body", "source", "byline", "date"]
    assert manifest["docs"] == 4 and manifest["shards"]
    assert manifest["shards"] == sorted(manifest["shards"], key=lambda term: term.encode("utf-16-be"))
    assert manifest["sources"] == ["AP", "Al Akhbar", "Reuters", "The Guardian"]
    files = build_search_files(small_site(), site_config(tmp_path))
    assert manifest["format"] == FORMAT  # the layout search.js reads, and says it reads
    assert f"var FORMAT = {FORMAT};".encode() in files["static/search.js"]


def test_refs_keep_a_story_s_versions_together_where_its_first_comes():
    site = small_site()
    assert [one.id for one in in_search_order(site)] == ["paper/qusair", "wire/qusair", "sport/results", "world/ar"]
    lone = replace(site, stories=())
    assert in_search_order(lone) == list(lone.articles)


def test_an_article_file_holds_what_a_result_shows_and_its_story_s_other_versions(tmp_path):
    files = build_search_files(small_site(), site_config(tmp_path))
    first = doc(files, 0)
    assert {key: value for key, value in first.items() if key not in "vw"} == {
        "id": "paper/qusair",
        "title": "Assad's forces retake Qusair",
        "source": "The Guardian",
        "date": "2013-06-05",
        "story": "Syrian army seizes Qusair",
        "story_url": "/archive/stories/qusair/",
        "st": 0,
    }  # no text and no address: the shards hold fifty of these a term; search.js makes the address
    wire = doc(files, 1)
    assert first["w"] == [[1, {key: value for key, value in wire.items() if key not in "vw"}]]  # one fetch, both
    assert wire["id"] == "wire/qusair" and wire["w"] == [[0, {key: value for key, value in first.items()
                                                             if key not in "vw"}]]
    assert "story" not in doc(files, 2) and doc(files, 2)["st"] == -1 and doc(files, 2)["w"] == []
    assert json.loads(files["search/st/0.json"]) == [0, 1]
    continues = base64.b64decode(json.loads(files["search/manifest.json"])["continues"])
    assert [continues[n >> 3] >> (n & 7) & 1 for n in range(4)] == [0, 1, 0, 0]  # wire/qusair goes on paper's story


def test_an_article_file_holds_at_most_the_nearest_versions_of_a_big_story(tmp_path):
    versions = tuple(f"v/{n:02d}" for n in range(SIBLINGS + 5))
    site = Site(tuple(article(one, f"Version {one}", "The same report.") for one in versions), {},
                EntityTable((), {}), (Story("big", versions, versions[0]),), (), {}, {}, {})
    files = build_search_files(site, site_config(tmp_path))
    assert [ref for ref, _ in doc(files, 0)["w"]] == list(range(1, SIBLINGS + 1))
    assert [ref for ref, _ in doc(files, 12)["w"]] == [n for n in range(2, 23) if n != 12]


def test_entities_are_ranked_by_articles_and_found_by_every_name(tmp_path):
    files = build_search_files(small_site(), site_config(tmp_path))
    entities = json.loads(files["search/e/0.json"])
    assert [one["name"] for one in entities] == ["Hezbollah", "United Nations", "Bashar al-Assad"]
    assert entities[0] == {"name": "Hezbollah", "type": "org", "aliases": ["Hizballah", "Hizbullah"],
                           "url": "/archive/entities/hezbollah/", "articles": 2}
    terms = {entry[0]: entry for n in range(len(json.loads(files["search/manifest.json"])["shards"]))
             for entry in json.loads(files[f"search/t/{n}.json"])}
    assert terms[stem("hizballah")][6] == [0] and terms["u.n."][6] == [1] and terms["un"][6] == [1]
    assert terms[stem("hizballah")][9] == [entities[0]] and terms["u.n."][9] == [entities[1]]  # no fetch to show them


def test_the_same_site_gives_the_same_bytes(tmp_path):
    first = build_search_files(small_site(), site_config(tmp_path))
    second = build_search_files(small_site(), site_config(tmp_path))
    assert first == second
    assert {"search/manifest.json", "search/t/0.json", "search/d/0/0.json", "search/e/0.json",
            "search/s/0.json", "static/lunr.js", "static/search.js"} <= set(first)


def test_scripts_come_from_the_theme_and_a_site_may_override_search_js(tmp_path):
    files = build_search_files(small_site(), site_config(tmp_path))
    assert files["static/search.js"] == (ROOT / "templates" / "static" / "search.js").read_bytes()
    assert b"lunr" in files["static/lunr.js"][:200]
    (tmp_path / "templates" / "static").mkdir(parents=True)
    (tmp_path / "templates" / "static" / "search.js").write_text("/* the site's own */")
    assert build_search_files(small_site(), site_config(tmp_path))["static/search.js"] == b"/* the site's own */"
