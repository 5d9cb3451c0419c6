"""Editors' corrections (corrections.yaml): names removed, added and retyped, found again after the
article is edited elsewhere, and reported with file:line when their text is gone."""
import json

import pytest
from conftest import copy_archive, whole_build
from test_cli import tree

from generator.cli import main
from generator.corrections import locate

WIRE = "rebels-defiant-as-syrian-army-nears-aleppos-old-city"
REWRITE = "rebels-in-aleppo-have-told-the-united-states-they-will-not"

CORRECTIONS = f"""\
mentions:
  - article: {REWRITE}
    exact: Hanano
    suffix: " district"
    action: remove
  - article: {WIRE}
    exact: eye hospital
    prefix: "important "
    action: add
    type: place
  - article: {WIRE}
    exact: Fastaqim
    action: retype
    type: group
"""


def names(root, article_id: str) -> dict[str, str]:
    record = json.loads((root / f"build/data/articles/{article_id}.json").read_text())
    return {one["text"]: one["type"] for one in record["entities"]}


def entities(root) -> dict[str, dict]:
    return {one["id"]: one for one in json.loads((root / "build/data/entities.json").read_text())}


@pytest.fixture
def corrected(tmp_path):
    root = copy_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    before = (names(root, WIRE), names(root, REWRITE), entities(root))
    (root / "corrections.yaml").write_text(CORRECTIONS)
    return root, before


def test_each_kind_of_name_correction_shows_in_the_data_and_the_pages(corrected, capsys):
    root, (wire, rewrite, table) = corrected
    assert "Hanano" in rewrite and "eye hospital" not in wire and table["fastaqim"]["type"] != "group"
    assert main(["--source", str(root)]) == 0
    assert "Hanano" not in names(root, REWRITE) and "Hanano" in names(root, WIRE)  # only where corrected
    assert names(root, WIRE)["eye hospital"] == "place"
    after = entities(root)
    assert after["hanano"]["articles"] == [WIRE]
    assert after["eye-hospital"]["type"] == "place" and after["fastaqim"]["type"] == "group"
    assert names(root, WIRE)["Fastaqim"] == "group"
    page = (root / f"build/articles/{REWRITE}/index.html").read_text()
    assert 'href="/entities/hanano/"' not in page
    assert 'href="/entities/eye-hospital/"' in (root / f"build/articles/{WIRE}/index.html").read_text()


def test_pages_kept_from_the_build_before_a_correction_or_its_removal_are_those_a_whole_build_makes(tmp_path):
    root = tmp_path / "archive"
    (root / "content").mkdir(parents=True)
    (root / "site.yaml").write_text("title: T\n")
    (root / "content/lone.md").write_text("---\ntitle: Floods\n---\n\nOfficials in Basra said 3,000 people fled.\n")
    assert main(["--source", str(root)]) == 0
    (root / "corrections.yaml").write_text("figures:\n  - article: lone\n    exact: 3,000\n    remove: true\n")
    for step in ("corrected", "uncorrected"):
        if step == "uncorrected":
            (root / "corrections.yaml").unlink()
        assert main(["--source", str(root)]) == 0
        assert tree(root / "build") == tree(whole_build(root, tmp_path / step)), step
    assert tree(tmp_path / "corrected/build")["articles/lone/index.html"] != tree(tmp_path / "uncorrected/build")[
        "articles/lone/index.html"]


def test_a_correction_still_applies_after_the_article_is_edited_around_it(corrected):
    root, _ = corrected
    article = root / f"content/{REWRITE}.md"
    head, body = article.read_text().split("\n---\n", 1)
    article.write_text(head + "\n---\n\nA new first paragraph about the Hanano market.\n" + body +
                       "\nA closing line added later.\n")
    assert main(["--source", str(root)]) == 0
    record = json.loads((root / f"build/data/articles/{REWRITE}.json").read_text())
    hanano = [one for one in record["entities"] if one["text"] == "Hanano"]
    assert len(hanano) == 1 and record["text"][hanano[0]["end"]:].startswith(" market")  # the other one


def test_a_correction_whose_text_is_gone_is_reported_on_its_line_and_the_site_still_builds(corrected, capsys):
    root, _ = corrected
    article = root / f"content/{WIRE}.md"
    article.write_text(article.read_text().replace("included a strategically important eye hospital", "included a school"))
    capsys.readouterr()
    assert main(["--source", str(root)]) == 0
    out, err = capsys.readouterr()
    assert f"warning: corrections.yaml:6: 'eye hospital' is no longer in {WIRE}: this correction is not applied; " \
           "update its quote or remove it" in err
    assert out.startswith("built 2 articles") and "1 correction(s) not applied (see above)" in out
    assert main(["--source", str(root), "--strict"]) == 1


def test_a_wrong_corrections_file_names_its_line_and_writes_nothing(corrected, capsys):
    root, _ = corrected
    before = (root / "build/index.html").read_bytes()
    (root / "corrections.yaml").write_text(CORRECTIONS.replace("action: retype\n    type: group", "action: retype"))
    assert main(["--source", str(root)]) == 1
    assert "error: corrections.yaml:11: action retype needs a type" in capsys.readouterr().err
    assert (root / "build/index.html").read_bytes() == before


@pytest.mark.parametrize(("text", "exact", "prefix", "suffix", "found"), [
    ("the Hanano district and Hanano market", "Hanano", "", " market", (24, 30)),
    ("the Hanano district and Hanano market", "Hanano", "the ", "", (4, 10)),
    ("the Hanano district", "Hanano", "", " market", None),
    ("the Hanano district", "", "", "", None),
])
def test_the_quote_with_its_context_finds_its_place(text, exact, prefix, suffix, found):
    assert locate(text, exact, prefix, suffix) == found


def test_a_name_linked_to_another_entity_and_two_entities_merged(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    (root / "corrections.yaml").write_text(f"""\
mentions:
  - article: {WIRE}
    exact: Fastaqim
    action: link
    entity: jabha-shamiya
  - article: {WIRE}
    exact: Fastaqim
    action: link
    entity: no-such-entity
merges:
  - [russia, moscow]
  - [nowhere, aleppo]
""")
    assert main(["--source", str(root)]) == 0
    err = capsys.readouterr().err
    assert "warning: corrections.yaml:6: no entity 'no-such-entity': this link is not applied" in err
    assert "warning: corrections.yaml:12: no entity 'nowhere': this merge is not applied" in err
    table = entities(root)
    assert "fastaqim" not in table and "Fastaqim" in table["jabha-shamiya"]["aliases"]
    assert "moscow" not in table and {"Moscow", "Russia"} <= set(table["russia"]["aliases"])
    record = json.loads((root / f"build/data/articles/{WIRE}.json").read_text())
    assert {one["entity"] for one in record["entities"] if one["text"] in ("Fastaqim", "Moscow")} == {
        "jabha-shamiya", "russia"}
    assert not (root / "build/entities/moscow/index.html").exists()
    assert "Moscow" in (root / "build/entities/russia/index.html").read_text()


def test_a_disagreement_dismissed_with_a_note_and_one_confirmed(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    story = json.loads((root / "build/data/stories.json").read_text())[0]
    assert any(d["kind"] == "figure" and "30,000" in d["mentions"][0]["text"] for d in story["discrepancies"])
    note = "Both are UN estimates, from different days"
    (root / "corrections.yaml").write_text(f"""\
disagreements:
  - story: {story["id"]}
    about: "30,000"
    action: dismiss
    note: {note}
  - story: {story["id"]}
    about: "99,999"
    action: confirm
""")
    assert main(["--source", str(root)]) == 0
    assert f"warning: corrections.yaml:6: story '{story['id']}' has no disagreement about '99,999'" in \
        capsys.readouterr().err
    after = json.loads((root / "build/data/stories.json").read_text())[0]
    assert not any("30,000" in m["text"] for d in after["discrepancies"] if d["kind"] == "figure" for m in d["mentions"])
    assert [(d["status"], d["note"]) for d in after["dismissed"]] == [("dismissed", note)]
    page = (root / f"build/stories/{story['id']}/index.html").read_text()
    assert "Differences the editors dismissed" in page and note in page
    assert "Figures given differently elsewhere" not in (root / f"build/articles/{REWRITE}/index.html").read_text()

    (root / "corrections.yaml").write_text(f"""\
disagreements:
  - story: {story["id"]}
    about: "30,000"
    action: confirm
    note: Checked against both agencies
""")
    assert main(["--source", str(root)]) == 0
    confirmed = json.loads((root / "build/data/stories.json").read_text())[0]
    assert [d["status"] for d in confirmed["discrepancies"] if "30,000" in d["mentions"][0]["text"]] == ["confirmed"]
    page = (root / f"build/stories/{story['id']}/index.html").read_text()
    assert "Confirmed by the editors: Checked against both agencies" in page
    assert "Figures given differently elsewhere" in (root / f"build/articles/{REWRITE}/index.html").read_text()


def test_an_article_moved_into_a_story_and_one_moved_out(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    (root / "content/briefing.md").write_text("---\ntitle: Aleppo briefing\ndate: 2016-12-05\n---\n\n"
                                              "Officials gave a short briefing on the talks.\n")
    (root / "corrections.yaml").write_text("stories:\n  - article: briefing\n    story: aleppo-2016\n"
                                           "  - article: gone\n    story: aleppo-2016\n")
    assert main(["--source", str(root)]) == 0
    assert "warning: corrections.yaml:4: no article 'gone': this move is not applied" in capsys.readouterr().err
    stories = {s["id"]: s["articles"] for s in json.loads((root / "build/data/stories.json").read_text())}
    assert sorted(stories["aleppo-2016"]) == sorted([WIRE, REWRITE, "briefing"])
    assert "briefing" in (root / "build/stories/aleppo-2016/index.html").read_text()

    (root / "corrections.yaml").write_text(f"stories:\n  - article: {REWRITE}\n    alone: true\n"
                                           "  - article: briefing\n    story: aleppo-2016\n")
    assert main(["--source", str(root)]) == 0
    stories = {s["id"]: s["articles"] for s in json.loads((root / "build/data/stories.json").read_text())}
    assert stories["aleppo-2016"] == [WIRE, "briefing"] and not any(REWRITE in a for a in stories.values())


def test_a_figure_corrected_and_one_that_is_no_figure(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    numbers = {n["text"]: n for n in json.loads((root / f"build/data/articles/{REWRITE}.json").read_text())["numbers"]}
    assert numbers["more than 30,000"]["qualifier"] == "min" and "tens of thousands" in numbers
    (root / "corrections.yaml").write_text(f"""\
figures:
  - article: {REWRITE}
    exact: more than 30,000
    value: 31000
    qualifier: approx
    unit: people
  - article: {REWRITE}
    exact: tens of thousands
    remove: true
  - article: {REWRITE}
    exact: seven
    prefix: "nowhere "
    remove: true
""")
    assert main(["--source", str(root)]) == 0
    assert f"warning: corrections.yaml:10: no figure 'seven' in {REWRITE}" in capsys.readouterr().err
    numbers = {n["text"]: n for n in json.loads((root / f"build/data/articles/{REWRITE}.json").read_text())["numbers"]}
    assert (numbers["more than 30,000"]["value"], numbers["more than 30,000"]["qualifier"],
            numbers["more than 30,000"]["unit"]) == (31000, "approx", "people")
    assert "tens of thousands" not in numbers


def sentences(root, article_id: str) -> dict[str, tuple[str, list]]:
    """Sentence id -> (its first 40 characters, its links as (other sentence id, relation))."""
    record = json.loads((root / f"build/data/articles/{article_id}.json").read_text())
    return {s["id"]: (record["text"][s["start"]:s["end"]][:40],
                      [(a["sentence"], a["relation"]) for a in s.get("aligned", ())]) for s in record["sentences"]}


def test_alignment_links_added_removed_and_relabelled_both_ways(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    rewrite, wire = sentences(root, REWRITE), sentences(root, WIRE)
    mine = next(sid for sid, (_, links) in rewrite.items() if [r for _, r in links] == ["rewrite"])
    theirs = rewrite[mine][1][0][0]
    lonely = next(sid for sid, (text, links) in rewrite.items() if not links and len(text) > 20)
    target = next(sid for sid, (text, links) in wire.items() if len(text) > 20)
    (root / "corrections.yaml").write_text(yaml_dump({"alignments": [
        {"article": REWRITE, "quote": rewrite[mine][0], "other": WIRE, "other_quote": wire[theirs][0],
         "action": "relabel", "relation": "copy"},
        {"article": REWRITE, "quote": rewrite[lonely][0], "other": WIRE, "other_quote": wire[target][0],
         "action": "add", "relation": "partial"},
        {"article": REWRITE, "quote": rewrite[lonely][0], "other": WIRE, "other_quote": "no such words",
         "action": "remove"},
    ]}))
    assert main(["--source", str(root)]) == 0
    assert "warning: corrections.yaml:" in capsys.readouterr().err
    rewrite_after, wire_after = sentences(root, REWRITE), sentences(root, WIRE)
    assert rewrite_after[mine][1] == [(theirs, "copy")] and wire_after[theirs][1] == wire[theirs][1]  # one way
    assert (target, "partial") in rewrite_after[lonely][1] and (lonely, "partial") in wire_after[target][1]
    relabelled = (root / "corrections.yaml").read_text().replace("relation: copy", "relation: partial")
    (root / "corrections.yaml").write_text(relabelled)  # one way only: from the rewrite to the wire
    assert main(["--source", str(root)]) == 0
    assert sentences(root, REWRITE)[mine][1] == [(theirs, "partial")]
    assert main(["--source", str(root), "--output", str(tmp_path / "whole")]) == 0
    assert tree(root / "build") == tree(tmp_path / "whole")  # the compare page too, built where it was

    (root / "corrections.yaml").write_text(yaml_dump({"alignments": [
        {"article": REWRITE, "quote": rewrite[mine][0], "other": WIRE, "other_quote": wire[theirs][0],
         "action": "remove"}]}))
    assert main(["--source", str(root)]) == 0
    assert sentences(root, REWRITE)[mine][1] == [] and (mine, "rewrite") not in sentences(root, WIRE)[theirs][1]


def yaml_dump(value) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True, width=1000)


def test_an_entity_split_in_two(tmp_path, capsys):
    root = copy_archive(tmp_path / "archive")
    assert main(["--source", str(root)]) == 0
    before = entities(root)["aleppo"]
    assert WIRE in before["articles"] and REWRITE in before["articles"]
    (root / "corrections.yaml").write_text(yaml_dump({"splits": [{
        "entity": "aleppo", "name": "Aleppo (the province)", "type": "place",
        "mentions": [{"article": REWRITE, "exact": "Aleppo"}, {"article": REWRITE, "exact": "Nowhere"}]}]}))
    assert main(["--source", str(root)]) == 0
    assert "'Nowhere' in " in capsys.readouterr().err
    table = entities(root)
    assert table["aleppo-the-province"]["name"] == "Aleppo (the province)"
    assert table["aleppo-the-province"]["articles"] == [REWRITE] and REWRITE in table["aleppo"]["articles"]
    record = json.loads((root / f"build/data/articles/{REWRITE}.json").read_text())
    assert next(m["entity"] for m in record["entities"] if m["text"] == "Aleppo") == "aleppo-the-province"
    assert (root / "build/entities/aleppo-the-province/index.html").is_file()


def test_editing_corrections_never_re_annotates_an_article(corrected):
    root, _ = corrected
    cache = root / ".cache/story-archive/articles"
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert main(["--source", str(root)]) == 0
    (root / "corrections.yaml").write_text(CORRECTIONS.replace("type: place", "type: org"))
    assert main(["--source", str(root)]) == 0
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == before
    assert names(root, WIRE)["eye hospital"] == "org"


def test_a_link_to_an_article_of_no_story_follows_edits_to_either_side_as_a_whole_build_would(tmp_path):
    """The data files of a story are kept while their inputs stand; a corrected link reaches out of
    the story, so the other article's edits must remake them (the second reader's case)."""
    root = copy_archive(tmp_path / "archive")
    (root / "content/lone.md").write_text(
        "---\ntitle: Floods in Basra\nsource: Courier\n---\n\nOfficials in Basra said 3,000 people fled the floods.\n\n"
        "The river rose overnight after days of rain in the north.\n")
    assert main(["--source", str(root)]) == 0
    wire = json.loads((root / f"build/data/articles/{WIRE}.json").read_text())
    first = wire["text"][wire["sentences"][1]["start"]:wire["sentences"][1]["end"]]
    (root / "corrections.yaml").write_text(yaml_dump({"alignments": [
        {"article": WIRE, "quote": first[:30], "other": "lone", "other_quote": "The river rose overnight",
         "action": "add", "relation": "partial"}]}))
    lone = root / "content/lone.md"
    rewrite = root / f"content/{REWRITE}.md"
    for step, change in [("linked", lambda: None),
                         ("lone edited", lambda: lone.write_text(lone.read_text().replace(
                             "Officials in", "A new first line.\n\nOfficials in"))),
                         ("quote changed", lambda: lone.write_text(lone.read_text().replace(
                             "The river rose overnight", "The water rose"))),
                         ("only the linked sentence left", lambda: lone.write_text(  # its id moves
                             "---\ntitle: Floods in Basra\nsource: Courier\n---\n\n"
                             "The river rose overnight after days of rain in the north.\n")),
                         ("rewrite edited", lambda: rewrite.write_text(rewrite.read_text().replace(
                             "---\n\n", "---\n\nA new opening sentence here.\n\n", 1)))]:
        change()
        main(["--source", str(root)])
        assert tree(root / "build") == tree(whole_build(root, tmp_path / step)), step
