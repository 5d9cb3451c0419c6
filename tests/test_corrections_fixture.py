"""Archives the machine gets wrong (tests/fixtures/corrections, tests/fixtures/corrections-story),
and the corrections that fix them."""
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main

FIXTURE = Path(__file__).parent / "fixtures/corrections"
STORY_FIXTURE = Path(__file__).parent / "fixtures/corrections-story"
MORNING, EVENING, BAKERY = "hama-shelling", "hama-shelling-evening", "homs-bakery"


def found(root: Path) -> tuple[dict[str, tuple[str, str]], dict[str, dict]]:
    record = json.loads((root / "build/data/articles/market.json").read_text())
    return ({m["text"]: (m["type"], m["entity"]) for m in record["entities"]},
            {n["text"]: n for n in record["numbers"]})


def first_links(root: Path) -> list:
    """The links of market's second sentence (Traders in Hama said prices rose...)."""
    record = json.loads((root / "build/data/articles/market.json").read_text())
    return [(a["article"], a["sentence"], a["relation"]) for a in record["sentences"][1].get("aligned", ())]


def stories(root: Path) -> dict[str, list[str]]:
    return {s["id"]: s["articles"] for s in json.loads((root / "build/data/stories.json").read_text())}


def test_the_machine_is_wrong_without_corrections_and_right_with_them(tmp_path):
    root = tmp_path / "archive"
    shutil.copytree(FIXTURE, root)
    (root / "corrections.yaml").rename(tmp_path / "corrections.yaml")
    assert main(["--source", str(root)]) == 0
    names, numbers = found(root)
    assert names["Bread Costs"][0] == "person" and names["Sunny Weather"][0] == "person"  # what the rules say
    assert names["Orontes"][0] == "org" and names["Committee"][1] == "committee"
    assert names["Hama Chamber"][0] == "person" and numbers["12"]["unit"] is None
    assert stories(root) == {} and first_links(root) == []  # two versions the machine did not see as such

    (tmp_path / "corrections.yaml").rename(root / "corrections.yaml")
    assert main(["--source", str(root)]) == 0
    names, numbers = found(root)
    assert "Bread Costs" not in names and "Sunny Weather" not in names
    assert names["Orontes"] == ("place", "orontes") and names["Committee"] == ("org", "relief-committee")
    assert names["Hama Chamber of Commerce"] == ("org", "hama-chamber-of-commerce")
    assert "Hama Chamber" not in names and "Commerce" not in names
    assert numbers["12"]["unit"] == "trucks"
    assert stories(root) == {"hama-market": ["market", "market-evening"]}
    assert first_links(root) == [("market-evening", "s2", "rewrite")]
    assert (root / "build/stories/hama-market/index.html").is_file()
    entities = {e["id"]: e for e in json.loads((root / "build/data/entities.json").read_text())}
    assert "Committee" in entities["relief-committee"]["aliases"]
    assert entities["committee"]["articles"] == ["market-evening"]  # linked in market only, as corrected
    assert not (root / "build/entities/bread-costs").exists()
    page = (root / "build/articles/market/index.html").read_text()
    assert 'href="/entities/hama-chamber-of-commerce/"' in page and 'href="/entities/sunny-weather/"' not in page


def test_the_committee_merged_instead_of_linked(tmp_path):
    root = tmp_path / "archive"
    shutil.copytree(FIXTURE, root)
    (root / "corrections.yaml").write_text("merges:\n  - [relief-committee, committee]\n")
    assert main(["--source", str(root)]) == 0
    names, _ = found(root)
    assert names["Committee"] == ("org", "relief-committee") and names["Relief Committee"][1] == "relief-committee"
    assert not (root / "build/entities/committee").exists()


@pytest.fixture(scope="module")
def story_builds(tmp_path_factory) -> tuple[Path, Path]:
    """tests/fixtures/corrections-story built as the machine judges it, and with its corrections
    (--strict: every one of them applies)."""
    machine, corrected = (tmp_path_factory.mktemp(name) / "archive" for name in ("machine", "corrected"))
    for root in (machine, corrected):
        shutil.copytree(STORY_FIXTURE, root)
    (machine / "corrections.yaml").unlink()
    assert main(["--source", str(machine)]) == 0
    assert main(["--source", str(corrected), "--strict"]) == 0
    return machine, corrected


def record(root: Path, article_id: str) -> dict:
    return json.loads((root / f"build/data/articles/{article_id}.json").read_text())


def people(root: Path, article_id: str) -> list[tuple[str, str]]:
    return [(m["text"], m["entity"]) for m in record(root, article_id)["entities"] if m["type"] == "person"]


def entity_table(root: Path) -> dict[str, dict]:
    return {e["id"]: e for e in json.loads((root / "build/data/entities.json").read_text())}


def appearances(root: Path, entity_id: str) -> list[str]:
    """The articles the entity's page lists."""
    page = (root / f"build/entities/{entity_id}/index.html").read_text()
    return sorted(re.findall(r'<article class="appearance">\s*<h3><a href="/articles/([^/"]+)/"', page))


def test_one_name_for_two_people_split_in_two(story_builds):
    machine, corrected = story_builds
    # The machine: the governor of Hama and a baker in Homs, both Ahmad Khalil, are one person.
    assert entity_table(machine)["ahmad-khalil"]["articles"] == [MORNING, EVENING, BAKERY]
    assert people(machine, BAKERY) == [("Ahmad Khalil", "ahmad-khalil"), ("Khalil", "ahmad-khalil")]
    assert appearances(machine, "ahmad-khalil") == [MORNING, EVENING, BAKERY]
    assert not (machine / "build/entities/ahmad-khalil-baker").exists()

    table = entity_table(corrected)
    assert table["ahmad-khalil"]["articles"] == [MORNING, EVENING]
    baker = table["ahmad-khalil-baker"]
    assert (baker["name"], baker["type"], baker["articles"]) == ("Ahmad Khalil (baker)", "person", [BAKERY])
    assert people(corrected, BAKERY) == [("Ahmad Khalil", "ahmad-khalil-baker"), ("Khalil", "ahmad-khalil-baker")]
    assert people(corrected, EVENING) == [("Ahmad Khalil", "ahmad-khalil"), ("Khalil", "ahmad-khalil")]
    assert appearances(corrected, "ahmad-khalil") == [MORNING, EVENING]
    assert appearances(corrected, "ahmad-khalil-baker") == [BAKERY]
    page = (corrected / f"build/articles/{BAKERY}/index.html").read_text()
    assert 'href="/entities/ahmad-khalil-baker/"' in page and 'href="/entities/ahmad-khalil/"' not in page


def links(root: Path, article_id: str, quote: str) -> list[tuple[str, str, str]]:
    """The links of the sentence of the article that holds the quote."""
    data = record(root, article_id)
    at = data["text"].index(quote)
    sentence = next(s for s in data["sentences"] if s["start"] <= at < s["end"])
    return [(a["article"], a["sentence"], a["relation"]) for a in sentence.get("aligned", ())]


def compare_rows(root: Path, left: str, right: str) -> list[tuple[str, str, str, str]]:
    """The rows of a compare page: (kind, relation, left sentence, right sentence)."""
    page = (root / f"build/stories/{MORNING}/compare/{left}--{right}/index.html").read_text()
    rows = []
    for kind, relation, cells in re.findall(r'<tr class="row ([\w-]+)[^"]*"(?: data-relation="(\w+)")?>(.*?)</tr>',
                                            page, re.DOTALL):
        sides = dict(re.findall(r'<td class="(left|right)" data-sentence="([^"]*)"', cells))
        rows.append((kind, relation, sides.get("left", ""), sides.get("right", "")))
    return rows


def test_a_link_between_two_facts_removed_and_a_changed_figure_no_longer_a_copy(story_builds):
    machine, corrected = story_builds
    # The machine: shops reopening (Wire) and schools reopening (Courier) are one sentence reworded,
    # and the convoy of 30 trucks and of 40 is one sentence copied.
    assert links(machine, EVENING, "Schools in Hama") == [(MORNING, "s5", "rewrite")]
    assert links(machine, MORNING, "Shops in Hama") == [(EVENING, "s5", "rewrite")]
    assert links(machine, EVENING, "40 trucks") == [(MORNING, "s4", "copy")]
    assert links(machine, MORNING, "30 trucks") == [(EVENING, "s4", "copy")]
    rows = compare_rows(machine, MORNING, EVENING)
    assert ("changed", "rewrite", "s5", "s5") in rows and ("changed", "copy", "s4", "s4") in rows
    assert [d for d in json.loads((machine / "build/data/stories.json").read_text())[0]["discrepancies"]
            if d["kind"] == "only-in"] == []

    assert links(corrected, EVENING, "Schools in Hama") == [] and links(corrected, MORNING, "Shops in Hama") == []
    assert links(corrected, EVENING, "40 trucks") == [(MORNING, "s4", "rewrite")]
    assert links(corrected, MORNING, "30 trucks") == [(EVENING, "s4", "rewrite")]
    assert links(corrected, EVENING, "By Tuesday") == [(MORNING, "s3", "rewrite")]  # the others as they were
    rows = compare_rows(corrected, MORNING, EVENING)
    assert not any(row[2:] == ("s5", "s5") for row in rows)
    assert ("only-left", "", "s5", "") in rows and ("only-right", "", "", "s5") in rows
    assert ("changed", "rewrite", "s4", "s4") in rows
    story = json.loads((corrected / "build/data/stories.json").read_text())[0]
    assert [(d["about"], [(m["article"], m["sentence"]) for m in d["mentions"]])
            for d in story["discrepancies"] if d["kind"] == "only-in"] == [
        ("only in Wire", [(MORNING, "s5")]), ("only in Daily Courier", [(EVENING, "s5")])]


def figure_disagreements(root: Path) -> tuple[list, list]:
    """The story's figure disagreements and those dismissed: (about, figures, status, note) each."""
    story = json.loads((root / "build/data/stories.json").read_text())[0]
    return tuple([(d["about"], [m["text"] for m in d["mentions"]], d["status"], d["note"])
                  for d in found if d["kind"] == "figure"] for found in (story["discrepancies"], story["dismissed"]))


def test_a_disagreement_that_is_none_dismissed_and_a_real_one_confirmed(story_builds):
    machine, corrected = story_builds
    # The machine: 30,000 fled by Monday and more than 32,000 by Tuesday disagree.
    assert figure_disagreements(machine) == ([("people", ["30,000", "more than 32,000"], "", ""),
                                              ("trucks", ["30", "40"], "", "")], [])
    page = (machine / f"build/stories/{MORNING}/index.html").read_text()
    assert '<th scope="row">people <strong class="badge">versions disagree</strong>' in page
    assert "Differences the editors dismissed" not in page and "Confirmed by the editors" not in page
    assert '<a href="#s3">more than 32,000</a> here' in (machine / f"build/articles/{EVENING}/index.html").read_text()

    dismissal, confirmation = "The UN count rose from Monday to Tuesday", "The Red Crescent sent 30 trucks"
    assert figure_disagreements(corrected) == ([("trucks", ["30", "40"], "confirmed", confirmation)],
                                               [("people", ["30,000", "more than 32,000"], "dismissed", dismissal)])
    page = (corrected / f"build/stories/{MORNING}/index.html").read_text()
    assert '<th scope="row">people</th>' in page and '<th scope="row">trucks <strong class="badge">' in page
    dismissed = page[page.index("Differences the editors dismissed"):]
    assert "more than 32,000</a>" in dismissed and f'<p class="editors-note">{dismissal}</p>' in dismissed
    assert f"Confirmed by the editors: {confirmation}" in page
    article = (corrected / f"build/articles/{EVENING}/index.html").read_text()
    assert '<a href="#s3">more than 32,000</a> here' not in article and '<a href="#s4">40</a> here' in article
