"""The built seed site's entity page for Hezbollah: one entity under both spellings the
outlets use, each spelling with the outlet and the article that writes it."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REUTERS = "rebels-defiant-as-syrian-army-nears-aleppos-old-city"
NEWSPAPER = "rebels-in-aleppo-have-told-the-united-states-they-will-not"


@dataclass
class Spelling:
    name: str = ""
    text: str = ""
    links: list[str] = field(default_factory=list)

    @property
    def outlets(self) -> str:
        """What entity.html writes between the dash and the articles: "<strong>X</strong> — A, B (...)"."""
        return self.text.partition("—")[2].partition("(")[0].strip()


class Spellings(HTMLParser):
    """Each <li> of <ul class="spellings">: the spelling (its <strong>), its whole text, its links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[Spelling] = []
        self._in_list = self._in_item = self._in_name = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul" and ("class", "spellings") in attrs:
            self._in_list = True
        elif self._in_list and tag == "li":
            self._in_item = True
            self.found.append(Spelling())
        elif self._in_item and tag == "strong":
            self._in_name = True
        elif self._in_item and tag == "a":
            self.found[-1].links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._in_list = False
        elif tag == "li":
            self._in_item = False
        elif tag == "strong":
            self._in_name = False

    def handle_data(self, data: str) -> None:
        if self._in_item:
            self.found[-1].text += data
            if self._in_name:
                self.found[-1].name += data


def spellings(page: Path) -> dict[str, Spelling]:
    parser = Spellings()
    parser.feed(page.read_text(encoding="utf-8"))
    return {s.name: s for s in parser.found}


def test_the_hezbollah_page_lists_both_spellings_with_their_outlets(built_seed_site):
    found = spellings(built_seed_site / "entities" / "hezbollah" / "index.html")
    assert sorted(found) == ["Hezbollah", "Hizbullah"]
    hezbollah, hizbullah = found["Hezbollah"], found["Hizbullah"]
    assert (hezbollah.outlets, hizbullah.outlets) == ("Reuters", "Unknown newspaper")
    assert hezbollah.links == [f"/articles/{REUTERS}/"]
    assert hizbullah.links == [f"/articles/{NEWSPAPER}/"]


def test_no_other_entity_page_claims_a_spelling_of_hezbollah(built_seed_site):
    for page in (built_seed_site / "entities").glob("*/index.html"):
        if page.parent.name != "hezbollah":
            assert not {"Hezbollah", "Hizbullah"} & set(spellings(page)), page.parent.name
