"""Whole-site checks of the seed site and a 300-article synthetic archive: valid HTML (the Nu Html
Checker), accessibility (axe-core in Chromium, at phone and desk widths), links, page weight.

vnu-jar and axe-core come from the npm registry (package.json, `npm ci`); vnu runs on Java.
"""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, serve
from synthetic import write_archive
from test_navigation import broken_links

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
WIDTHS = (375, 1280)
ARTICLE_BUDGET = 60_000
"""Bytes of an article page: its HTML, stylesheets and scripts, uncompressed."""


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory) -> Path:
    root = write_archive(tmp_path_factory.mktemp("synthetic") / "archive", 300)
    assert main(["--source", str(root)]) == 0
    return root / "build"


@pytest.fixture(params=["seed", "synthetic"])
def site(request, built_seed_site) -> Path:
    return built_seed_site if request.param == "seed" else request.getfixturevalue("synthetic_site")


def vnu_errors(folder: Path) -> list[str]:
    """The Nu Html Checker's errors over every HTML file under FOLDER, as file:line: message."""
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                          str(folder)], capture_output=True, text=True, check=False)
    messages = json.loads(run.stderr)["messages"]
    assert run.returncode == (1 if messages else 0), run.stderr[-2000:]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages]


def test_the_checker_reports_an_error_in_a_broken_page(tmp_path):
    (tmp_path / "bad.html").write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
                                       "<body><div><p>text</span></body></html>")
    assert any("Stray end tag" in error for error in vnu_errors(tmp_path))


def test_every_page_is_valid_html(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 40
    assert vnu_errors(site) == []


def test_every_link_and_anchor_resolves(site):
    assert broken_links(site, site, "/") == []


def article_weight(site: Path, page: Path) -> int:
    html = page.read_text(encoding="utf-8")
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert all(asset.startswith("/static/") for asset in assets), assets
    return len(html.encode("utf-8")) + sum((site / asset.lstrip("/")).stat().st_size for asset in assets)


def test_no_article_page_weighs_more_than_60_kb(site):
    weights = {page: article_weight(site, page) for page in (site / "articles").rglob("index.html")}
    heaviest = max(weights, key=weights.get)
    assert weights[heaviest] <= ARTICLE_BUDGET, heaviest


def page_types(site: Path) -> list[str]:
    """One URL path of each kind of page the site has (the first, in sorted order)."""
    def first(pattern: str) -> str:
        found = sorted(site.glob(pattern))
        assert found, pattern
        return "/" + found[0].relative_to(site).as_posix().removesuffix("index.html")

    return ["/", first("articles/*/index.html") if list(site.glob("articles/*/index.html"))
            else first("articles/*/*/index.html"), first("stories/*/index.html"),
            first("stories/*/compare/*/index.html"), "/entities/", first("entities/*/index.html"), "/sources/",
            first("sources/*/index.html"), "/dates/", first("dates/*/*/index.html"), "/search/?q=Aleppo",
            "/404.html"]


def test_axe_finds_no_violation_and_no_page_logs_an_error(site):
    from playwright.sync_api import sync_playwright

    axe = AXE.read_text(encoding="utf-8")
    problems, errors = [], []
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            # bypass_csp: the site forbids inline scripts, and axe is injected as one
            context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
            page = context.new_page()
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.on("pageerror", lambda error: errors.append(str(error)))
            for path in page_types(site):
                page.goto(url + path.lstrip("/"))
                if path.startswith("/search/"):
                    page.locator("#search-results[data-state=done]").wait_for(state="attached")
                page.add_script_tag(content=axe)
                result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
                problems += [(width, path, v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                             for v in result["violations"]]  # of any impact, not only serious ones
                problems += [(width, path, "console", error) for error in errors if "404" not in path]
                errors.clear()
            context.close()
        browser.close()
    assert problems == [], "\n".join(map(str, problems))
