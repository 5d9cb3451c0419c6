"""Article pages: sentence anchors, names, figures, counterparts, disputes, story links."""
import re
from dataclasses import replace
from html import unescape

import pytest

from generator.render import render_site
from generator.theme import load_theme
from tests.fixtures.render.factories import make_site
from tests.fixtures.render.pages import Page, render_pages, site_config

WIRE = "articles/wire/aleppo/index.html"
PAPER = "articles/guardian-aleppo/index.html"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return render_pages(tmp_path_factory.mktemp("site"))


def body(html: str) -> str:
    return html[html.index('<div class="article-body">'):html.index("</article>")]


def test_every_sentence_is_an_anchor_in_order(pages):
    ids = [a["id"] for a in Page(pages[WIRE]).find("span", **{"class": "sentence"})]
    assert ids == ["s1", "s2", "s3", "s4"]
    assert '<h1><span class="sentence" id="s1">Thousands flee <a class="ent ent-place"' in pages[WIRE]


def test_names_link_to_their_entity_pages_under_the_base_path(pages):
    page = Page(pages[PAPER])
    assert page.find("a", **{"class": "ent ent-place", "href": "/archive/entities/aleppo/",
                             "title": "place · Aleppo"})
    assert page.find("a", **{"class": "ent ent-org", "href": "/archive/entities/united-nations/",
                             "title": "org · United Nations"})


def test_a_name_inside_a_link_is_marked_but_not_a_second_link(pages):
    html = pages[WIRE]
    assert ('<a href="https://un.org/?a=1&amp;b=2">the <span class="ent ent-org" '
            'title="org · United Nations">U.N.</span></a>') in html


def test_inline_markup_and_names_nest(pages):
    assert ('<strong><a class="ent ent-org" href="/archive/entities/hezbollah/" '
            'title="org · Hezbollah&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;">Hezbollah</a> fighters</strong>'
            ) in pages[WIRE]


def test_a_disputed_figure_links_to_the_other_versions_sentence(pages):
    figure = Page(pages[WIRE]).find("a", **{"class": "num num-approx disputed"})
    assert figure == [{"class": "num num-approx disputed", "href": "/archive/articles/guardian-aleppo/#s2",
                       "title": "30,000 · approx · people — also given as More than 30,000 (The Guardian)"}]
    assert '<a href="/archive/articles/guardian-aleppo/#s2">More than 30,000</a> in The Guardian' in pages[WIRE]


def test_aligned_sentences_link_to_their_counterparts(pages):
    links = Page(pages[PAPER]).find("a", **{"class": "counterpart"})
    assert [(a["href"], a["title"]) for a in links] == [
        ("/archive/articles/wire/aleppo/#s2", "rewrite in Reuters"),
        ("/archive/articles/wire/aleppo/#s3", "rewrite in Reuters"),
    ]
    assert re.search(r'id="s2">.*?</span><a class="counterpart" href="/archive/articles/wire/aleppo/#s2"',
                     pages[PAPER])


def test_the_text_of_the_page_is_the_article_text(pages):
    """Highlighting adds elements and counterpart links, never changes a character of the text."""
    wire = next(a for a in make_site().articles if a.id == "wire/aleppo")
    html = pages[WIRE]
    shown = html[html.index("<h1>"):html.index("</h1>")] + body(html)[:body(html).index("</div>")]
    shown = re.sub(r'<a class="counterpart[^>]*>v\d</a>', "", shown)
    shown = unescape(re.sub(r"<[^>]+>", "", shown))
    assert shown.split() == wire.text.split()


def test_the_page_language_is_the_articles_own(tmp_path):
    site = make_site()
    french = replace(site.articles[0], lang="fr")
    site = replace(site, articles=(french, *site.articles[1:]))
    config = site_config(tmp_path)
    pages = render_site(site, config, load_theme(config))
    assert pages[f"articles/{french.id}/index.html"].startswith(b'<!DOCTYPE html>\n<html lang="fr">')
    assert pages["index.html"].startswith(b'<!DOCTYPE html>\n<html lang="en">')


def test_metadata_story_navigation_and_credits(pages):
    html = pages[PAPER]
    assert '<span class="source">The Guardian</span><span class="byline">By A. Writer</span>' in html
    assert '<a href="/archive/stories/aleppo-exodus/">Version 2 of 2 — see the story</a>' in html
    assert '<a rel="prev" href="/archive/articles/wire/aleppo/">← Reuters</a>' in html
    assert '<p class="credits">Editing by B. Editor</p>' in html
    assert "(likely original)" in pages[WIRE]


def test_related_coverage_is_listed(pages):
    assert '<li><a href="/archive/articles/other/solo/">Aleppo market reopens</a>' in pages[WIRE]
    assert "Related coverage" not in pages[PAPER]


def test_the_legend_shows_every_type_and_qualifier(pages):
    legend = pages[WIRE][pages[WIRE].index('<details class="legend">'):]
    for kind in ("person", "org", "place", "group"):
        assert f'<span class="ent ent-{kind}">{kind}</span>' in legend
    for qualifier in ("exact", "approx", "min", "max", "vague"):
        assert f'<span class="num num-{qualifier}">{qualifier}</span>' in legend


def test_an_article_in_no_story_has_no_story_navigation(pages):
    html = pages["articles/other/solo/index.html"]
    assert "story-nav" not in html
    assert '<a class="ent ent-place" href="/archive/entities/aleppo/"' in html


def test_a_later_versions_paragraphs_show_how_much_comes_from_the_original(pages):
    paragraphs = re.findall(r'<p class="reuse reuse-(\w+)" data-reuse="(\d+)">', body(pages[PAPER]))
    assert [band for band, _ in paragraphs] == ["part", "little"]
    assert 30 <= int(paragraphs[0][1]) < 80 and paragraphs[1][1] == "0"
    assert "data-reuse" not in body(pages[WIRE])
    assert "A bar in the margin" in pages[PAPER] and "A bar in the margin" not in pages[WIRE]
