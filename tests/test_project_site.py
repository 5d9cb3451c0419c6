"""The seed site published at a host's root and as a GitHub Pages project site under /archive/:
served from 127.0.0.1 at that path, every link resolves, search works, feeds and sitemap are absolute."""
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from browser import chromium, search, serve
from conftest import copy_archive
from test_navigation import broken_links

from generator.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize("base_url", ["https://example.github.io/archive/", "https://example.org/"])
def test_a_site_served_under_its_base_path_links_searches_and_publishes_absolute_urls(tmp_path, base_url):
    archive = copy_archive(tmp_path / "source")
    site_yaml = archive / "site.yaml"
    site_yaml.write_text(re.sub(r"(?m)^base_url: .*$", f"base_url: {base_url}", site_yaml.read_text()))
    assert main(["--source", str(archive)]) == 0
    path = "/" + base_url.split("/", 3)[3]  # "/archive/" or "/"
    root = tmp_path / "host"
    shutil.copytree(archive / "build", root / path.strip("/"))
    assert broken_links(root, root / path.strip("/"), path) == []

    site = root / path.strip("/")
    feed = ET.parse(site / "feed.xml").getroot()
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")] + [one.text for one in feed.iter(f"{ATOM}id")]
    assert links and all(link.startswith(base_url) for link in links), links
    locations = [one.text for one in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert len(locations) > 40 and all(one.startswith(base_url) for one in locations)
    assert f"Sitemap: {base_url}sitemap.xml" in (site / "robots.txt").read_text()

    with serve(root) as url, chromium() as page:
        page.goto(url + path.lstrip("/") + "search/")
        page.locator("#search[data-ready=true]").wait_for(state="attached")
        found = search(page, "Hizbullah")
        assert len(found) == 2 and all(href.startswith(path + "articles/") for href in found)
        page.locator("a.search-result-title").first.click()
        page.wait_for_url(url + found[0].lstrip("/"))
        assert page.locator("h1").count() == 1
        assert page.console_errors == []
