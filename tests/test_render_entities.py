"""The entity index and entity pages of the hand-made Site."""
import re

import pytest

from tests.fixtures.render.pages import Page, render_pages


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return render_pages(tmp_path_factory.mktemp("site"))


def test_the_index_groups_entities_by_type_with_counts(pages):
    html = pages["entities/index.html"]
    groups = re.findall(r'<h2 id="type-(\w+)">', html)
    assert groups == ["org", "place"]
    rows = re.findall(r'<tr><td><a href="([^"]+)">([^<]+)</a></td><td>(\d+)</td><td>(\d+)</td></tr>', html)
    assert rows == [
        ("/archive/entities/hezbollah/", "Hezbollah&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;", "2", "2"),
        ("/archive/entities/united-nations/", "United Nations", "2", "2"),
        ("/archive/entities/aleppo/", "Aleppo", "3", "3"),
    ]


def test_an_entity_page_shows_description_and_a_nofollow_link(pages):
    html = pages["entities/aleppo/index.html"]
    assert '<p class="lede">A city in Syria.</p>' in html
    assert Page(html).find("a", href="https://en.wikipedia.org/wiki/Aleppo", rel="nofollow noopener")


def test_spellings_name_the_outlets_that_use_them(pages):
    html = pages["entities/united-nations/index.html"]
    assert re.search(r"<strong>U\.N\.</strong>\s*— Reuters\s*\(<a href=\"/archive/articles/wire/aleppo/\">", html)
    assert re.search(r"<strong>United Nations</strong>\s*— The Guardian", html)


def test_each_article_is_listed_with_the_sentence_and_the_mention_marked(pages):
    html = pages["entities/hezbollah/index.html"]
    titles = re.findall(r'<h3><a href="([^"]+)">', html)
    assert titles == ["/archive/articles/guardian-aleppo/", "/archive/articles/wire/aleppo/"]
    assert '<li><mark class="ent-org">Hizbullah</mark> fighters joined the assault. <a class="cell-link" ' \
           'href="/archive/articles/guardian-aleppo/#s3">in context</a></li>' in html


def test_entities_named_alongside_are_listed_by_shared_articles(pages):
    html = pages["entities/hezbollah/index.html"]
    companions = re.findall(r'<a class="ent ent-\w+" href="/archive/entities/([^/]+)/">', html)
    assert companions == ["aleppo", "united-nations"]
    assert "2 articles" in html
