"""The search files in headless Chromium: search.html + search.js + lunr.js over a small site.

The site is served from 127.0.0.1 under a project-site base path (/archive/);
the end-to-end test of a real built site is test_e2e's.
"""
from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import jinja2
import pytest
from browser import search, serve
from test_search_index import article, site_config, small_site

from generator.cli import main
from generator.search.index import build_search_files

playwright_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed at /usr/bin/chromium")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def write_site(folder: Path) -> None:
    """The search files and the search page, as the build would write them under /archive/."""
    hostile = article("zz/hostile", "<img src=x onerror=alert(1)> Qusair claim", "<b>Qusair</b> is quiet.")
    site = small_site()
    site = dataclasses.replace(site, articles=site.articles + (hostile,))
    config = site_config(folder, base_url="/archive/")
    files = build_search_files(site, config)
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "templates"), autoescape=True)
    page = environment.get_template("search.html").render(site=config, base=config.base_path, lang="en")
    files["search/index.html"] = page.encode("utf-8")
    files.update(article_data(site))
    for name, data in files.items():
        path = folder / "archive" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def article_data(site) -> dict[str, bytes]:
    """data/articles/<id>.json as the export writes it, with just what search.js reads: title, text, sentences."""
    files = {}
    for one in site.articles:
        ends = [match.end() for match in re.finditer(r"[.;]( |$)|\n\n", one.text)]
        starts = [0, *ends]
        sentences = [{"id": f"s{n}", "start": start, "end": end}
                     for n, (start, end) in enumerate(zip(starts, [*ends, len(one.text)]), 1) if end > start]
        record = {"id": one.id, "title": one.title, "text": one.text, "sentences": sentences}
        files[f"data/articles/{one.id}.json"] = json.dumps(record).encode("utf-8")
    return files


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    write_site(folder)
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/archive/search/"
    httpd.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    opened = browser.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    yield opened
    opened.close()
    # style.css is the theme's, not written here; anything else failing is a fault.
    assert [problem for problem in problems if "404" not in problem] == []


def result_titles(page) -> list[str]:
    return page.locator(".search-result-title").all_inner_texts()


def test_a_query_in_the_address_finds_both_spellings_with_the_entity_first(server, page):
    page.goto(server + "?q=Hizbullah")
    page.wait_for_selector(".search-result")
    assert page.input_value("#search-q") == "Hizbullah"
    assert sorted(result_titles(page)) == ["Assad's forces retake Qusair", "Syrian army seizes Qusair"]
    entity = page.locator(".search-entity-name").first
    assert entity.inner_text() == "Hezbollah"
    assert entity.get_attribute("href") == "/archive/entities/hezbollah/"
    # Each article's passage with the name, the other spelling marked too; the results say when
    # every passage is settled.
    page.wait_for_selector("#search-results[data-passages=done]", state="attached")
    assert page.locator(".search-passage").count() == 2
    assert sorted(page.locator(".search-snippet mark").all_inner_texts()) == ["Hezbollah", "Hizbullah"]
    first = page.locator(".search-result").first
    assert first.locator("a").first.get_attribute("href").startswith("/archive/articles/")


def test_typing_searches_by_prefix_and_updates_the_address(server, page):
    page.goto(server)
    page.wait_for_selector("#search[data-ready=true]")
    page.fill("#search-q", "30,000 Qusa")
    page.press("#search-q", "Enter")
    page.wait_for_selector(".search-result")
    assert sorted(result_titles(page)) == ["Assad's forces retake Qusair", "Syrian army seizes Qusair"]
    page.wait_for_url("**/archive/search/?q=30%2C000+Qusa")
    marks = page.locator(".search-result mark").all_inner_texts()
    assert marks and set(marks) <= {"30,000", "Qusair"}


def test_a_result_shows_and_links_the_passage_that_matches(server, page):
    page.goto(server + "?q=12.5%25")
    page.wait_for_selector(".search-passage")
    passage = page.locator(".search-passage")
    assert passage.inner_text() == "Aid costs rose 12.5% to $3.2 million."
    record = json.loads(article_data(small_site())["data/articles/wire/qusair.json"])
    sentence = next(one for one in record["sentences"] if "12.5%" in record["text"][one["start"]:one["end"]])
    assert passage.get_attribute("href") == "/archive/articles/wire/qusair/#" + sentence["id"]
    assert page.locator(".search-passage mark").all_inner_texts() == ["12.5%"]


def test_a_result_found_by_its_byline_shows_its_opening_sentence(server, page):
    """No sentence has the query's words (they are in the byline): each result shows its first
    sentence after the title, as the opening lines of the article."""
    page.goto(server + "?q=Dominic")
    page.wait_for_selector("#search-results[data-passages=done]", state="attached")
    passages = dict(zip(result_titles(page), page.locator(".search-passage").all_inner_texts(), strict=True))
    assert passages["Syrian army seizes Qusair"] == "Hezbollah fighters and Syrian troops seized the town of Qusair on Monday;"
    assert len(passages) == len(small_site().articles) + 1  # and the hostile one
    assert page.locator(".search-passage mark").count() == 0


def test_an_index_of_another_format_is_refused_with_a_message_not_misread(server, page):
    def older(route):
        manifest = json.loads(route.fetch().body())
        route.fulfill(json={**manifest, "format": 1})
    page.route("**/search/manifest.json", older)
    page.goto(server + "?q=Qusair")
    status = page.locator("#search-status")
    status.filter(has_text="another version").wait_for()
    assert "could not be loaded" in status.inner_text() and page.locator(".search-result").count() == 0


def test_a_marked_word_keeps_the_punctuation_around_it(server, page):
    page.goto(server + "?q=million")
    page.wait_for_selector(".search-passage")
    passages = page.locator(".search-passage")
    assert "Aid costs rose 12.5% to $3.2 million." in passages.all_inner_texts()
    assert set(page.locator(".search-passage mark").all_inner_texts()) == {"million"}


def test_an_abbreviation_finds_the_entity_first_and_marks_every_spelling(server, page):
    page.goto(server + "?q=UN")
    page.wait_for_selector(".search-passage")
    assert page.locator(".search-entity-name").all_inner_texts() == ["United Nations"]
    assert sorted(page.locator(".search-snippet mark").all_inner_texts()) == ["U.N."]


def test_arabic_query(server, page):
    page.goto(server + "?q=" + "بيروت")
    page.wait_for_selector(".search-result")
    assert result_titles(page) == ["معركة القصير"]


def test_arrow_keys_move_through_results(server, page):
    page.goto(server + "?q=Monday")
    page.wait_for_selector(".search-result")
    page.focus("#search-q")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Monday football results"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Syrian army seizes Qusair"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-q"


def test_article_text_is_shown_as_text_never_as_markup(server, page):
    page.goto(server + "?q=claim")
    page.wait_for_selector(".search-result")
    assert result_titles(page) == ["<img src=x onerror=alert(1)> Qusair claim"]
    assert page.locator("#search-results img, #search-results b").count() == 0


PUNCTUATION = ROOT / "tests/fixtures/search/punctuation"
WITH_FIGURES = ["/articles/brackets/", "/articles/commas/", "/articles/stops/"]


def test_figures_and_abbreviations_are_found_whatever_punctuation_surrounds_them(tmp_path, page):
    """A real build of fixture articles that write 30,000, U.N., 12.5% and $3.2 before a comma, before a
    full stop and inside brackets; each query, typed bare or with that punctuation, finds all three."""
    shutil.copytree(PUNCTUATION, tmp_path / "archive")
    assert main(["--source", str(tmp_path / "archive")]) == 0
    queries = {query: WITH_FIGURES for query in (
        "30,000", "30,000,", "30,000.", "(30,000)", "U.N.", "U.N.,", "(U.N.)", "12.5%", "12.5%.", "(12.5%)",
        "$3.2", "$3.2,", "($3.2)")}
    queries |= {"نصر الله": ["/articles/arabic/"], "Лавров": ["/articles/russian/"],
                "лавров,": ["/articles/russian/"]}
    with serve(tmp_path / "archive/build") as url:
        page.goto(url + "search/")
        page.locator("#search[data-ready=true]").wait_for(state="attached")
        for query, wanted in queries.items():
            assert sorted(search(page, query)) == wanted, query
