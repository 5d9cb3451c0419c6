"""Home, story pages and compare views of the hand-made two-version story."""
import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator.model import Alignment, SentenceLink
from generator.render_compare import compare_context, compare_rows
from generator.render_context import Lookup
from tests.fixtures.render.factories import make_config, make_site
from tests.fixtures.render.pages import Page, render_pages

STORY = "stories/aleppo-exodus/index.html"
COMPARE = "stories/aleppo-exodus/compare/wire~aleppo--guardian-aleppo/index.html"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return render_pages(tmp_path_factory.mktemp("site"))


def rows(html: str) -> list[tuple[str, str, str]]:
    """(row classes, left sentence ids, right sentence ids) of a compare view."""
    found = []
    for classes, cells in re.findall(r'<tr class="row ([^"]+)"[^>]*>(.*?)</tr>', html, re.DOTALL):
        left = re.search(r'<td class="left(?: empty)?"(?: data-sentence="([^"]*)")?', cells).group(1) or ""
        right = re.search(r'<td class="right(?: empty)?"(?: data-sentence="([^"]*)")?', cells).group(1) or ""
        found.append((classes, left, right))
    return found


def test_the_timeline_marks_the_original_and_shows_reuse(pages):
    html = pages[STORY]
    versions = re.findall(r'<li class="version( original)?">.*?<span class="source">([^<]+)</span>', html, re.DOTALL)
    assert versions == [(" original", "Reuters"), ("", "The Guardian")]
    assert '<strong class="badge">likely original</strong>' in html
    assert "50% of words and 50% of sentences from the original" in html


def test_the_story_links_one_compare_view_per_pair_the_original_on_the_left(pages):
    links = re.findall(r'href="(/archive/stories/aleppo-exodus/compare/[^"]+)"', pages[STORY])
    assert set(links) == {"/archive/" + COMPARE.removesuffix("index.html")}
    assert not any("/compare/guardian-aleppo--" in path for path in pages)  # the other way round: swapped in place
    assert '<button id="swap-sides" class="swap-sides" type="button" aria-pressed="false" hidden>' in pages[COMPARE]


def test_the_figures_table_marks_the_disagreement(pages):
    html = pages[STORY]
    assert re.search(r'<tr class="disputed">\s*<th scope="row">people <strong class="badge">versions disagree',
                     html)
    assert '<span class="num disputed" title="30,000 · min · people">More than 30,000</span>' in html
    assert ('<a href="/archive/articles/wire/aleppo/#s2">Close to 30,000</a> (Reuters); '
            '<a href="/archive/articles/guardian-aleppo/#s2">More than 30,000</a> (The Guardian)') in html


def test_spellings_and_passages_only_one_version_has(pages):
    html = pages[STORY]
    assert "“Hizbullah” (The Guardian); “Hezbollah” (Reuters)" in html
    assert "<h3>New in The Guardian</h3>" in html and "<h3>Only in Reuters</h3>" in html
    assert '<li><a href="/archive/articles/guardian-aleppo/#s4">Residents described heavy shelling.</a></li>' in html


def test_compare_rows_pair_aligned_sentences_and_give_the_rest_rows_of_their_own(pages):
    assert rows(pages[COMPARE]) == [
        ("only-left", "s1", ""),
        ("only-right", "", "s1"),
        ("changed", "s2", "s2"),
        ("changed", "s3", "s3"),
        ("only-left", "s4", ""),
        ("only-right", "", "s4"),
    ]


def test_compare_cells_mark_words_cut_and_added_and_link_their_sentence(pages):
    html = pages[COMPARE]
    assert "<del>Close to</del> 30,000 people have fled Aleppo, the <del>U.N.</del> said<del> on Monday</del>." in html
    assert "<ins>More than</ins> 30,000 people have fled Aleppo, the <ins>United Nations</ins> said." in html
    assert Page(html).find("a", **{"class": "cell-link", "href": "/archive/articles/guardian-aleppo/#s3"})
    assert '<span class="flag">only in Reuters</span>' in html


def test_a_compare_view_escapes_the_hostile_title(pages):
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[COMPARE]


def test_compare_rows_join_several_sentences_and_flag_a_moved_one():
    site = make_site()
    wire, paper = "wire/aleppo", "guardian-aleppo"
    links = (SentenceLink("s2", wire, "s2", "partial", 0.6), SentenceLink("s2", wire, "s3", "partial", 0.5),
             SentenceLink("s4", wire, "s1", "rewrite", 0.5, moved=True))
    site = replace(site, alignments=(Alignment(paper, wire, links),))
    lookup = Lookup.of(site, make_config(Path("/nowhere")))
    rows = compare_rows(lookup, wire, paper)
    assert [(r.kind, r.left and r.left.sentences, r.right and r.right.sentences, r.moved) for r in rows] == [
        ("only-right", None, ("s1",), False),
        ("changed", ("s2", "s3"), ("s2",), False),
        ("only-right", None, ("s3",), False),
        ("changed", ("s1",), ("s4",), True),
        ("only-left", ("s4",), None, False),
    ]
    assert rows[3].left.url == "/archive/articles/wire/aleppo/#s1"
    assert "<del>" in rows[1].left.html and "<ins>" in rows[1].right.html


def test_compare_rows_read_the_other_direction_when_only_it_is_aligned():
    site = make_site()
    site = replace(site, alignments=site.alignments[:1])  # wire -> paper only
    lookup = Lookup.of(site, make_config(Path("/nowhere")))
    rows = compare_rows(lookup, "wire/aleppo", "guardian-aleppo")
    assert [(r.kind, r.left and r.left.sentences, r.right and r.right.sentences) for r in rows][2:4] == [
        ("changed", ("s2",), ("s2",)), ("changed", ("s3",), ("s3",))]


def test_a_theme_that_links_to_the_swapped_view_finds_its_address():
    site = make_site()
    lookup = Lookup.of(site, make_config(Path("/nowhere")))
    (story,) = site.stories
    context = compare_context(lookup, story, "wire/aleppo", "guardian-aleppo")
    assert context["swap_url"] == "/archive/" + COMPARE.removesuffix("index.html") + "#swapped"
