"""An article the rules get wrong (tests/fixtures/corrections), and the corrections that fix it."""
import json
import shutil
from pathlib import Path

from generator.cli import main

FIXTURE = Path(__file__).parent / "fixtures/corrections"


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
