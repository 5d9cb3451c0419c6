"""An Arabic and a Russian news page: imported, built, right to left and left to right, found by search.

The pages are imported from files into a fresh archive, the site is built and
served on 127.0.0.1, and headless Chromium reads and searches it.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from browser import CHROMIUM, chromium, serve

from generator.cli import main
from generator.ingest import import_files

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = Path(__file__).parent / "fixtures" / "ingest" / "scripts"
ARABIC_ID = "ml-lmyn-ynhwn-drbhm-b-d-tfq-l-ljwr"
RUSSIAN_ID = "dokery-zavershili-zabastovku-posle-soglasheniia-o-zarplate"
ARABIC_TITLE = "عمال الميناء ينهون إضرابهم بعد اتفاق على الأجور"
RUSSIAN_TITLE = "Докеры завершили забастовку после соглашения о зарплате"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    archive = tmp_path_factory.mktemp("scripts") / "archive"
    archive.mkdir()
    shutil.copy(REPO / "site.yaml", archive / "site.yaml")
    import_files([SCRIPTS / "arabic.html", SCRIPTS / "russian.html"], archive / "content")
    assert main(["--source", str(archive)]) == 0
    return archive / "build"


def test_both_articles_get_readable_ascii_urls(built):
    pages = sorted(path.parent.name for path in (built / "articles").glob("*/index.html"))
    assert pages == sorted([ARABIC_ID, RUSSIAN_ID])
    assert all(re.fullmatch(r"[a-z0-9-]+", page) for page in pages)


def test_the_arabic_page_is_right_to_left_and_the_russian_left_to_right(built):
    arabic = (built / "articles" / ARABIC_ID / "index.html").read_text(encoding="utf-8")
    russian = (built / "articles" / RUSSIAN_ID / "index.html").read_text(encoding="utf-8")
    assert arabic.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    assert russian.startswith('<!DOCTYPE html>\n<html lang="ru">')  # ltr, as HTML has it by default
    assert ARABIC_TITLE in arabic and RUSSIAN_TITLE in russian


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed at /usr/bin/chromium")
def test_chromium_shows_each_page_in_its_direction_and_search_finds_a_word_of_each(built):
    pytest.importorskip("playwright.sync_api")
    with serve(built) as url, chromium() as page:
        page.goto(f"{url}articles/{ARABIC_ID}/")
        assert page.evaluate("getComputedStyle(document.querySelector('.article-body')).direction") == "rtl"
        assert page.evaluate("document.documentElement.lang") == "ar"
        page.goto(f"{url}articles/{RUSSIAN_ID}/")
        assert page.evaluate("getComputedStyle(document.querySelector('.article-body')).direction") == "ltr"
        assert page.evaluate("document.documentElement.lang") == "ru"

        assert search(page, url, "الإسكندرية") == [ARABIC_TITLE]
        assert search(page, url, "Новороссийска") == [RUSSIAN_TITLE]
        assert page.console_errors == []


def search(page, url: str, query: str) -> list[str]:
    """The titles of the articles the site's search page finds for QUERY."""
    page.goto(f"{url}search/")
    page.wait_for_selector('#search[data-ready="true"]')
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    page.wait_for_selector("#search-results a.search-result-title")
    return page.locator("#search-results a.search-result-title").all_inner_texts()
