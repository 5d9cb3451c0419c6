"""Navigation: pagination, source pages, breadcrumbs, and a link checker over built sites."""
import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from generator.config import load_config
from generator.model import EntityMention
from generator.pipeline import build
from generator.publish import publish_files
from generator.render import page_paths, render_site
from generator.render_lists import page_window
from generator.theme import load_theme
from generator.write import write_site
from tests.conftest import copy_archive
from tests.fixtures.render.factories import make_config, make_site
from tests.fixtures.render.pages import Page


def crowded_site(count: int):
    """COUNT one-article stories from each of two outlets, every article naming Aleppo."""
    site = make_site()
    model = next(a for a in site.articles if a.id == "other/solo")
    start = model.text.index("Aleppo")
    articles = [dataclasses.replace(model, id=f"a{n:03}", source=("AP", "A.P.")[n % 2],
                                    date=f"2024-01-01T{n // 60:02}:{n % 60:02}:00Z") for n in range(count)]
    mention = EntityMention(start, start + 6, "Aleppo", "place", "aleppo")
    aleppo = dataclasses.replace(site.entities.entities[0], articles=tuple(a.id for a in articles))
    return dataclasses.replace(
        site, articles=tuple(articles), annotations={a.id: site.annotations[model.id] for a in articles},
        entities=dataclasses.replace(site.entities, entities=(aleppo,), mentions={a.id: (mention,) for a in articles}),
        stories=(), alignments=(), related={}, reuse={}, discrepancies={})


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    config = make_config(tmp_path_factory.mktemp("crowded"))
    site = crowded_site(120)
    return site, config, {p: html.decode() for p, html in render_site(site, config, load_theme(config)).items()}


def rels(html: str) -> dict[str, str]:
    nav = Page(html).find("a", rel="prev") + Page(html).find("a", rel="next")
    return {a["rel"]: a["href"] for a in nav}


def test_an_entity_named_in_120_articles_gets_two_pages_linked_prev_and_next(crowded):
    _, _, pages = crowded
    first, second = pages["entities/aleppo/index.html"], pages["entities/aleppo/page/2/index.html"]
    assert "entities/aleppo/page/3/index.html" not in pages
    assert len(re.findall(r'<article class="appearance">', first)) == 100
    assert len(re.findall(r'<article class="appearance">', second)) == 20
    assert rels(first) == {"next": "/archive/entities/aleppo/page/2/"}
    assert rels(second) == {"prev": "/archive/entities/aleppo/"}
    assert '<nav class="pagination" aria-label="Pages">' in first
    assert "<title>Aleppo (page 2 of 2) · Story &lt;Archive&gt;</title>" in second


def test_the_home_page_lists_at_most_50_stories_a_page(crowded):
    _, _, pages = crowded
    homes = ["index.html", "page/2/index.html", "page/3/index.html"]
    assert [len(re.findall('class="story-title"', pages[p])) for p in homes] == [50, 50, 20]
    assert "page/4/index.html" not in pages
    assert rels(pages["page/2/index.html"]) == {"prev": "/archive/", "next": "/archive/page/3/"}
    assert 'href="/archive/articles/a119/"' in pages["index.html"]


def test_each_source_has_a_page_of_its_articles_newest_first(crowded):
    _, _, pages = crowded
    index = pages["sources/index.html"]
    assert re.findall(r'<td><a href="([^"]+)">([^<]+)</a></td><td>(\d+)</td>', index) == [
        ("/archive/sources/a-p/", "A.P.", "60"), ("/archive/sources/ap/", "AP", "60")]
    listed = re.findall(r'class="story-title" href="/archive/articles/([^/]+)/"', pages["sources/ap/index.html"])
    assert listed == [f"a{n:03}" for n in range(118, -1, -2)]


def test_the_date_archive_lists_years_months_and_each_months_articles_in_pages(tmp_path):
    site = crowded_site(130)
    moved = tuple(dataclasses.replace(a, date="2023-11-30T09:00:00Z") if n < 5 else
                  dataclasses.replace(a, date="") if n < 8 else a for n, a in enumerate(site.articles))
    config = make_config(tmp_path)
    pages = {p: html.decode() for p, html in
             render_site(dataclasses.replace(site, articles=moved), config, load_theme(config)).items()}
    rows = r'<td><a href="([^"]+)">([^<]+)</a></td><td>(\d+)</td>'
    assert re.findall(rows, pages["dates/index.html"]) == [("/archive/dates/2024/", "2024", "122"),
                                                          ("/archive/dates/2023/", "2023", "5")]
    assert "3 articles without a date are not listed here." in pages["dates/index.html"]
    assert re.findall(rows, pages["dates/2024/index.html"]) == [("/archive/dates/2024/01/", "January 2024", "122")]
    listed = [re.findall(r'class="story-title" href="/archive/articles/([^/]+)/"', pages[p])
              for p in ("dates/2024/01/index.html", "dates/2024/01/page/2/index.html")]
    assert [len(one) for one in listed] == [100, 22] and listed[0][0] == "a129" and listed[1][-1] == "a008"
    assert rels(pages["dates/2024/01/page/2/index.html"]) == {"prev": "/archive/dates/2024/01/"}
    assert "<h1>January 2024</h1>" in pages["dates/2024/01/page/2/index.html"]
    assert "January 2024 (page 2 of 2)" in pages["dates/2024/01/page/2/index.html"]


def test_names_that_share_a_slug_share_a_source_page(tmp_path):
    site = make_site()
    renamed = tuple(dataclasses.replace(a, source="Reuters") if a.source == "AP" else
                    dataclasses.replace(a, source="REUTERS") if a.source == "Reuters" else a for a in site.articles)
    config = make_config(tmp_path)
    pages = render_site(dataclasses.replace(site, articles=renamed), config, load_theme(config))
    assert b"<h1>REUTERS / Reuters</h1>" in pages["sources/reuters/index.html"]


def test_the_sitemap_paths_are_the_rendered_pages(crowded):
    site, config, pages = crowded
    assert page_paths(site, config) == sorted(p.removesuffix("index.html") for p in pages)


def test_breadcrumbs_lead_home_on_article_story_entity_and_source_pages():
    config_pages = {p: html.decode() for p, html in render_site(
        make_site(), make_config(Path("/nonexistent")), load_theme(make_config(Path("/nonexistent")))).items()}

    def crumbs(path):
        html = config_pages[path]
        nav = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', html, re.DOTALL).group(1)
        return re.findall(r'<li(?: aria-current="page")?>(?:<a href="([^"]+)">)?([^<]+)', nav)

    assert crumbs("articles/wire/aleppo/index.html") == [
        ("/archive/", "Home"), ("/archive/stories/aleppo-exodus/", "Story (2 versions)"),
        ("", "Thousands flee Aleppo")]
    assert crumbs("articles/other/solo/index.html") == [("/archive/", "Home"), ("", "Aleppo market reopens")]
    assert crumbs("stories/aleppo-exodus/index.html") == [("/archive/", "Home"), ("", "Thousands flee Aleppo")]
    assert crumbs("entities/aleppo/index.html") == [
        ("/archive/", "Home"), ("/archive/entities/", "Entities"), ("/archive/entities/#type-place", "place"),
        ("", "Aleppo")]
    assert crumbs("sources/ap/index.html") == [("/archive/", "Home"), ("/archive/sources/", "Sources"), ("", "AP")]


@pytest.mark.parametrize(("number", "count", "window"), [
    (1, 1, [1]), (1, 3, [1, 2, 3]), (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]), (10, 10, [1, None, 8, 9, 10]),
])
def test_the_pagination_shows_the_first_the_last_and_nearby_pages(number, count, window):
    assert page_window(number, count) == window


class Links(HTMLParser):
    """The links (href, src, action) and the ids of one page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.links, self.ids = [], set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.update(v for k, v in attrs.items() if k == "id" or (tag == "a" and k == "name"))
        self.links += [v for k, v in attrs.items() if k in ("href", "src", "action") and v is not None]


def broken_links(root: Path, site: Path, base: str) -> list[tuple[str, str]]:
    """Every (page, link) under SITE (served at BASE from ROOT) that reaches no file or no id."""
    pages = {p: Links(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}
    broken = []
    for path, page in pages.items():
        url = "/" + path.relative_to(root).as_posix().removesuffix("index.html")
        for link in page.links:
            target = urlparse(urljoin(url, link))
            if target.scheme not in ("http", "https", "data", "mailto") and not resolves(root, base, pages, target):
                broken.append((url, link))
    return broken


def resolves(root: Path, base: str, pages: dict[Path, Links], target) -> bool:
    """Whether TARGET (a parsed URL path) is a file under BASE and its #fragment an id on it."""
    file = root / unquote(target.path).lstrip("/")
    file = file / "index.html" if target.path.endswith("/") else file
    if not target.path.startswith(base) or not file.is_file():
        return False
    return not target.fragment or (file in pages and target.fragment in pages[file].ids)


def test_the_link_checker_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<p id="here"></p><a href="#here"></a><a href="../a/#here"></a>'
                                           '<a href="/b/"></a><a href="/a/#gone"></a><a href="https://x.org/"></a>')
    assert broken_links(tmp_path, tmp_path, "/") == [("/a/", "/b/"), ("/a/", "/a/#gone")]


def test_every_link_of_the_built_seed_site_resolves(built_seed_site):
    assert broken_links(built_seed_site, built_seed_site, "/") == []


def test_every_link_resolves_on_a_project_site_under_its_base_path(tmp_path):
    archive = copy_archive(tmp_path / "source")
    site_yaml = archive / "site.yaml"
    site_yaml.write_text(re.sub(r"(?m)^base_url: .*$", "base_url: https://example.github.io/archive/",
                                site_yaml.read_text()))
    config = load_config(archive)
    result = build(config)
    assert result.problems == ()
    files = {**result.files, **publish_files(result.site, config, load_theme(config))}
    root = tmp_path / "archive-root"
    write_site(files, root / "archive")
    assert (root / "archive/feed.xml").is_file() and (root / "archive/sitemap.xml").is_file()
    assert broken_links(root, root / "archive", "/archive/") == []
