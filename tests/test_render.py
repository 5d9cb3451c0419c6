"""render_site on a small hand-made Site: which pages, what they link to, what they escape."""
import re

import pytest

from generator.render import render_site
from generator.theme import load_theme
from tests.fixtures.render.factories import HOSTILE_NAME, make_site
from tests.fixtures.render.pages import Page, render_pages, site_config


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return render_pages(tmp_path_factory.mktemp("site"))


@pytest.fixture
def config(tmp_path):
    return site_config(tmp_path)


def test_every_page_is_rendered(pages):
    assert sorted(pages) == [
        "articles/guardian-aleppo/index.html",
        "articles/other/solo/index.html",
        "articles/wire/aleppo/index.html",
        "dates/2024/02/index.html",
        "dates/2024/03/index.html",
        "dates/2024/index.html",
        "dates/index.html",
        "entities/aleppo/index.html",
        "entities/hezbollah/index.html",
        "entities/index.html",
        "entities/united-nations/index.html",
        "index.html",
        "search/index.html",
        "sources/ap/index.html",
        "sources/index.html",
        "sources/reuters/index.html",
        "sources/the-guardian/index.html",
        "stories/aleppo-exodus/compare/wire~aleppo--guardian-aleppo/index.html",
        "stories/aleppo-exodus/index.html",
    ]


def test_pages_nest_properly_and_never_put_a_link_in_a_link(pages):
    for path, html in pages.items():
        page = Page(html)
        assert (page.errors, page.stack, page.nested_links) == ([], [], 0), path


def test_every_link_and_asset_is_under_the_base_path(pages):
    for path, html in pages.items():
        for href in re.findall(r'(?:href|src)="([^"#]*)', html):
            assert href in ("", "data:,") or href.startswith(("/archive/", "https://")), (path, href)
        assert '<link rel="stylesheet" href="/archive/static/style.css">' in html


def test_hostile_titles_and_names_are_escaped_everywhere(pages):
    for path, html in pages.items():
        assert "<script>" not in html, path
        assert HOSTILE_NAME not in html, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["articles/guardian-aleppo/index.html"]
    assert "Hezbollah&#34;&gt;&lt;script&gt;alert(2)" in pages["entities/hezbollah/index.html"]


def test_the_site_title_and_language_on_every_page(pages):
    for html in pages.values():
        assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
        assert "Story &lt;Archive&gt;" in html


def test_rendering_is_deterministic(config):
    theme = load_theme(config)
    assert render_site(make_site(), config, theme) == render_site(make_site(), config, theme)


def test_an_article_page_with_its_css_stays_light(pages, config):
    css = load_theme(config).static["static/style.css"]
    for path, html in pages.items():
        assert len(html.encode()) + len(css) < 60_000, path


def test_home_lists_stories_newest_first_with_sources_dates_and_versions(pages):
    html = pages["index.html"]
    items = re.findall(r'<a class="story-title" href="([^"]+)">([^<]+)</a>', html)
    assert items == [("/archive/stories/aleppo-exodus/", "Thousands flee Aleppo"),
                     ("/archive/articles/other/solo/", "Aleppo market reopens")]
    assert '<span class="sources">Reuters, The Guardian</span>' in html
    assert '<time datetime="2024-03-05">2024-03-05</time>' in html
    assert "2 versions" in html and "1 version<" in html
