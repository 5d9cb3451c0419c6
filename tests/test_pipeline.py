"""The stages together on a small archive with no story keys."""
from pathlib import Path

from generator.config import load_config
from generator.pipeline import build

WIRE = """---
title: Rebels hold out in Idlib
source: Reuters
date: 2020-03-01
---

Rebel groups in Idlib have told the United Nations they will not leave their shrinking enclave, a senior
rebel official said on Sunday. The U.N. estimates that close to 50,000 people have been displaced by the
latest fighting. Aid convoys from Turkey delivered food to the city on Saturday, officials said.
"""
PAPER = """---
title: Idlib rebels vow to stay
source: The Paper
date: 2020-03-02
---

Rebel groups in Idlib have told the United Nations they will not leave their shrinking enclave, a senior
rebel official said on Sunday. The UN estimates that more than 50,000 people have been displaced by the
latest fighting. Prices in the city's markets have doubled since the offensive began.
"""
OTHER = """---
title: Harvest festival opens in Bergen
source: The Local
date: 2020-03-01
---

Farmers and bakers gathered in the old harbour for the autumn market, selling apples and bread.
"""


def test_versions_without_a_story_key_are_grouped_aligned_and_compared(tmp_path: Path):
    (tmp_path / "site.yaml").write_text("title: Test\n")
    content = tmp_path / "content"
    content.mkdir()
    for name, text in (("wire.md", WIRE), ("paper.md", PAPER), ("other.md", OTHER)):
        (content / name).write_text(text)
    result = build(load_config(tmp_path))
    site = result.site
    assert result.problems == ()
    (story,) = site.stories
    assert (story.articles, story.original) == (("wire", "paper"), "wire")
    links = {(a.article, l.sentence, l.other_sentence, l.relation)
             for a in site.alignments for l in a.links if a.article == "paper"}
    assert ("paper", "s2", "s2", "copy") in links
    (figure,) = [d for d in site.discrepancies[story.id] if d.kind == "figure"]
    assert {(m.article, m.text) for m in figure.mentions} == {("wire", "close to 50,000"),
                                                              ("paper", "more than 50,000")}
    assert "articles/other/index.html" in result.files and "data/stories.json" in result.files


def test_an_articles_fingerprint_is_its_cache_key_unless_a_correction_changed_its_annotation(tmp_path: Path):
    import dataclasses

    from generator import diskcache
    from generator.perarticle import read_and_annotate
    from generator.pipeline import fingerprints

    (tmp_path / "content").mkdir()
    (tmp_path / "site.yaml").write_text("title: T\n")
    for name, text in (("wire", WIRE), ("paper", PAPER)):
        (tmp_path / "content" / f"{name}.md").write_text(text)
    prepared = read_and_annotate(load_config(tmp_path))
    annotations = {a.id: prepared.annotations[a.path] for a in prepared.articles}
    wire, paper = sorted(prepared.articles, key=lambda a: a.path != "wire.md")
    assert len(set(prepared.keys.values())) == 2
    corrected = {**annotations, paper.id: dataclasses.replace(annotations[paper.id], mentions=())}
    found = fingerprints(prepared.articles, corrected, prepared)
    assert found[wire.id] == prepared.keys["wire.md"]
    assert found[paper.id] == diskcache.key(paper, corrected[paper.id]) != prepared.keys["paper.md"]
    assert fingerprints(prepared.articles, annotations) == {
        a.id: diskcache.key(a, annotations[a.id]) for a in prepared.articles}


def test_the_search_index_made_beside_the_cross_article_stage_is_the_one_the_whole_site_makes(tmp_path: Path,
                                                                                             monkeypatch):
    from generator import parallel
    from generator.search.index import build_search_files

    monkeypatch.setattr(parallel, "_forkable", lambda: True)  # threads other tests left behind aside
    (tmp_path / "site.yaml").write_text("title: Test\n")
    (tmp_path / "content").mkdir()
    for name, text in (("wire.md", WIRE), ("paper.md", PAPER), ("other.md", OTHER)):
        (tmp_path / "content" / name).write_text(text)
    config = load_config(tmp_path)
    result = build(config)
    index = build_search_files(result.site, config)
    assert {name: result.files[name] for name in index} == index
    searched = {name for name in result.files if name.startswith("search/")} - {"search/index.html"}  # the page
    assert searched == {name for name in index if name.startswith("search/")}
