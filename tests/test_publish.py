"""publish_files: .nojekyll, 404.html, robots.txt, sitemap.xml and Atom feeds; page meta."""
import dataclasses
import xml.etree.ElementTree as ET

import pytest

from generator.publish import atom_date, publish_files
from generator.render import render_site
from generator.theme import load_theme
from tests.fixtures.render.factories import make_config, make_site
from tests.fixtures.render.pages import Page, site_config

BASE = "https://example.github.io/archive/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def publish(tmp_path, site=None, base_url=BASE):
    site_config(tmp_path)  # the stand-in search.html, if the theme has none
    config = make_config(tmp_path, base_url)
    return publish_files(site or make_site(), config, load_theme(config))


def with_articles(site, articles):
    """SITE holding only ARTICLES (no stories, entities or annotations)."""
    return dataclasses.replace(site, articles=tuple(sorted(articles, key=lambda a: a.id)), annotations={},
                               stories=(), alignments=(), related={}, reuse={}, discrepancies={},
                               entities=dataclasses.replace(site.entities, entities=(), mentions={}))


def test_a_site_with_a_host_gets_every_hosting_file(tmp_path):
    assert sorted(publish(tmp_path)) == [".nojekyll", "404.html", "feed.xml", "robots.txt", "sitemap.xml",
                                         "stories/aleppo-exodus/feed.xml"]


def test_the_sitemap_lists_every_page_by_absolute_url(tmp_path):
    files = publish(tmp_path)
    locs = [loc.text for loc in ET.fromstring(files["sitemap.xml"]).iter(f"{SITEMAP}loc")]
    config = make_config(tmp_path, BASE)
    pages = render_site(make_site(), config, load_theme(config))
    assert locs == sorted(BASE + path.removesuffix("index.html") for path in pages)
    assert files["robots.txt"] == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n".encode()


def test_the_feed_carries_absolute_ids_and_links_and_the_newest_date(tmp_path):
    feed = ET.fromstring(publish(tmp_path)["feed.xml"])
    assert feed.findtext(f"{ATOM}id") == BASE + "feed.xml"
    assert feed.findtext(f"{ATOM}updated") == "2024-03-05T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        BASE + "articles/guardian-aleppo/", BASE + "articles/wire/aleppo/", BASE + "articles/other/solo/"]
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [e.findtext(f"{ATOM}id") for e in entries]
    assert entries[0].findtext(f"{ATOM}title") == "<script>alert(1)</script>"
    assert entries[1].findtext(f"{ATOM}updated") == "2024-03-04T09:00:00Z"


def test_a_story_feed_holds_its_versions_and_links_its_page(tmp_path):
    feed = ET.fromstring(publish(tmp_path)["stories/aleppo-exodus/feed.xml"])
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == BASE + "stories/aleppo-exodus/"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "stories/aleppo-exodus/feed.xml"
    assert len(feed.findall(f"{ATOM}entry")) == 2


def test_the_feed_keeps_the_fifty_newest_undated_last_then_by_id(tmp_path):
    site = make_site()
    model = site.articles[0]
    dated = [dataclasses.replace(model, id=f"d{n:02}", date=f"2024-01-{n:02}") for n in range(1, 31)]
    undated = [dataclasses.replace(model, id=f"u{n:02}", date="") for n in range(30)]
    feed = ET.fromstring(publish(tmp_path, with_articles(site, dated + undated))["feed.xml"])
    ids = [e.findtext(f"{ATOM}id").removeprefix(BASE + "articles/") for e in feed.findall(f"{ATOM}entry")]
    assert ids == [f"d{n:02}/" for n in range(30, 0, -1)] + [f"u{n:02}/" for n in range(20)]
    assert feed.findtext(f"{ATOM}updated") == "2024-01-30T00:00:00Z"


def test_with_no_dated_article_the_feed_says_1970_never_the_build_time(tmp_path):
    site = make_site()
    feed = ET.fromstring(publish(tmp_path, with_articles(site, [dataclasses.replace(site.articles[0], date="")]))
                         ["feed.xml"])
    assert feed.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"


def test_control_characters_and_markup_in_content_stay_well_formed(tmp_path):
    site = make_site()
    hostile = dataclasses.replace(site.articles[0], title="A\x00B\x1b & <i>]]></i>", source="X\"'<")
    files = publish(tmp_path, with_articles(site, [hostile]))
    entry = ET.fromstring(files["feed.xml"]).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "AB & <i>]]></i>"


def test_a_site_at_a_bare_path_gets_no_sitemap_feeds_or_absolute_urls(tmp_path):
    files = publish(tmp_path, base_url="/")
    assert sorted(files) == [".nojekyll", "404.html", "robots.txt"]
    assert files["robots.txt"] == b"User-agent: *\nAllow: /\n"
    assert files[".nojekyll"] == b""
    config = make_config(tmp_path, "/")
    for html in render_site(make_site(), config, load_theme(config)).values():
        assert b'rel="canonical"' not in html and b"og:url" not in html and b"application/atom+xml" not in html


def test_the_404_page_links_under_the_base_path_and_is_not_indexed(tmp_path):
    page = Page(publish(tmp_path)["404.html"].decode())
    hrefs = [a["href"] for a in page.find("a")]
    assert hrefs and all(h.startswith("/archive/") or h == "#main" for h in hrefs)
    assert page.find("meta", name="robots", content="noindex")
    assert not page.find("link", rel="canonical")


def test_pages_carry_canonical_open_graph_and_feed_links(tmp_path):
    config = make_config(tmp_path, BASE)
    pages = render_site(make_site(), config, load_theme(config))
    story = Page(pages["stories/aleppo-exodus/index.html"].decode())
    assert story.find("link", rel="canonical", href=BASE + "stories/aleppo-exodus/")
    assert story.find("meta", property="og:url", content=BASE + "stories/aleppo-exodus/")
    assert story.find("meta", property="og:title", content="Thousands flee Aleppo")
    assert story.find("meta", property="og:site_name", content="Story <Archive>")
    assert story.find("meta", property="og:description", content="Versions & figures")
    assert story.find("meta", name="twitter:card", content="summary")
    assert story.find("link", rel="alternate", type="application/atom+xml", href="/archive/feed.xml")
    assert story.find("link", rel="alternate", type="application/atom+xml",
                      href="/archive/stories/aleppo-exodus/feed.xml")
    article = Page(pages["articles/wire/aleppo/index.html"].decode())
    assert article.find("meta", property="og:type", content="article")
    assert article.find("meta", property="og:title", content="Thousands flee Aleppo")


def test_hosting_files_are_deterministic(tmp_path):
    assert publish(tmp_path) == publish(tmp_path)


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-03-05", "2024-03-05T00:00:00Z"),
    ("2024-03-04T09:00:00Z", "2024-03-04T09:00:00Z"),
    ("2016-12-04T10:30:00", "2016-12-04T10:30:00Z"),
    ("2016-12-04T10:30:00+02:00", "2016-12-04T10:30:00+02:00"),
])
def test_atom_dates_are_rfc3339(value, expected):
    assert atom_date(value) == expected
