"""Importing from URLs: pages and feeds served on 127.0.0.1 by the test itself, never another host.

Covers following a feed entry's link when the feed carries only a summary,
re-running an import (nothing new), and a changed article becoming a new
version of its story.
"""
from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from browser import serve

from generator.cli import main
from generator.ingest import import_files
from generator.ingest.frontmatter import split_front_matter

REPO = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).parent / "fixtures" / "ingest" / "sources"
RETRIEVED = datetime(2024, 3, 9, 12, 0, tzinfo=UTC)
STRIKE = ("Dock workers at the city terminal voted on Thursday to end their strike after the port "
          "authority agreed to a pay rise of 6.5 percent and a review of night-shift rotas.")
FERRY = ("The island ferry will leave at 7.10 instead of 7.00 from Monday, the operator said, to make "
         "room for the freight that has piled up on the quays during the strike.")


def atom_feed(base: str, entries: list[tuple[str, str, str]]) -> str:
    """An Atom feed of (slug, title, full text) entries, their links under BASE."""
    items = "".join(
        f"<entry><title>{title}</title><link href=\"{base}news/{slug}\"/><id>tag:gazette,{slug}</id>"
        f"<author><name>Ann Lee</name></author><published>2024-03-07T17:05:00Z</published>"
        f"<updated>2024-03-07T17:05:00Z</updated><content type=\"html\">&lt;p&gt;{text}&lt;/p&gt;</content></entry>"
        for slug, title, text in entries)
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" "
            f"xml:lang=\"en\"><title>Harbour Gazette</title><id>{base}feed.atom</id>"
            f"<updated>2024-03-07T17:05:00Z</updated><rights>© Harbour Gazette</rights>{items}</feed>")


def front(path: Path) -> dict:
    return yaml.safe_load(split_front_matter(path.read_text(encoding="utf-8"))[0])


@pytest.fixture
def site(tmp_path):
    """A folder served on 127.0.0.1, and its URL."""
    folder = tmp_path / "served"
    folder.mkdir()
    with serve(folder) as url:
        yield folder, url


def test_the_same_feed_twice_then_a_changed_article_becomes_a_second_version(site, tmp_path):
    folder, base = site
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(REPO / "site.yaml", archive / "site.yaml")
    content = archive / "content"
    entries = [("dock-strike", "Dock workers end strike", STRIKE), ("ferry", "Ferry times change", FERRY)]
    (folder / "feed.atom").write_text(atom_feed(base, entries), encoding="utf-8")

    first = import_files([base + "feed.atom"], content, now=RETRIEVED)
    again = import_files([base + "feed.atom"], content, now=RETRIEVED)
    changed = [entries[0][:2] + (STRIKE.replace("6.5 percent", "7 percent"),), entries[1]]
    (folder / "feed.atom").write_text(atom_feed(base, changed), encoding="utf-8")
    third = import_files([base + "feed.atom"], content, now=RETRIEVED)

    assert [(one.path.name, one.status) for one in first] == [
        ("dock-workers-end-strike.md", "new"), ("ferry-times-change.md", "new")]
    assert [(one.path.name, one.status) for one in again] == [
        ("dock-workers-end-strike.md", "already"), ("ferry-times-change.md", "already")]
    assert [(one.path.name, one.status) for one in third] == [
        ("dock-workers-end-strike-2.md", "version"), ("ferry-times-change.md", "already")]
    assert sorted(path.name for path in content.iterdir()) == [
        "dock-workers-end-strike-2.md", "dock-workers-end-strike.md", "ferry-times-change.md"]
    original, edit = front(content / "dock-workers-end-strike.md"), front(content / "dock-workers-end-strike-2.md")
    assert original["story"] == edit["story"] == "dock-workers-end-strike"
    assert original["url"] == edit["url"] == base + "news/dock-strike"
    assert edit["imported_from"] == base + "feed.atom"
    assert "story" not in front(content / "ferry-times-change.md")
    assert "7 percent" in (content / "dock-workers-end-strike-2.md").read_text(encoding="utf-8")

    assert main(["--source", str(archive)]) == 0
    stories = json.loads((archive / "build/data/stories.json").read_text(encoding="utf-8"))
    story = next(one for one in stories if one["id"] == "dock-workers-end-strike")
    assert story["articles"] == ["dock-workers-end-strike", "dock-workers-end-strike-2"]
    page = (archive / "build/articles/dock-workers-end-strike-2/index.html").read_text(encoding="utf-8")
    assert "Version 2 of 2" in page


def test_a_feed_of_summaries_is_followed_to_each_article_page(site, tmp_path):
    folder, base = site
    (folder / "news").mkdir()
    shutil.copy(PAGES / "ledger.html", folder / "news" / "talks.html")
    (folder / "feed.rss").write_text(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>The Daily Ledger: World</title>"
        f"<link>{base}</link><item><title>Talks stall</title><link>{base}news/talks.html?utm_source=rss</link>"
        "<description>Negotiators left Geneva without a date.</description>"
        "<pubDate>Tue, 05 Mar 2024 08:30:00 GMT</pubDate></item></channel></rss>", encoding="utf-8")

    (result,) = import_files([base + "feed.rss"], tmp_path / "content", now=RETRIEVED)

    text = result.path.read_text(encoding="utf-8")
    meta = front(result.path)
    assert meta["title"] == "Ceasefire talks stall in Geneva"
    assert meta["source"] == "The Daily Ledger" and meta["byline"] == "Jane Doe"
    assert meta["date"] == "2024-03-05T08:30:00Z"
    assert meta["url"] == "https://ledger.example/world/2024/03/05/ceasefire-talks-stall"  # the page's canonical
    assert meta["imported_from"] == base + "feed.rss"
    assert "close to 30,000 people had fled" in text
    assert "Negotiators left Geneva without a date." not in text  # the summary gave way to the page
    assert "disgrace" not in text


def test_with_no_follow_a_feed_entry_keeps_its_summary(site, tmp_path):
    folder, base = site
    (folder / "feed.rss").write_text(
        "<rss version=\"2.0\"><channel><title>Ledger</title><item><title>Talks stall</title>"
        f"<link>{base}missing.html</link><description>Negotiators left Geneva without a date.</description>"
        "</item></channel></rss>", encoding="utf-8")
    (result,) = import_files([base + "feed.rss"], tmp_path / "content", follow=False, now=RETRIEVED)
    assert result.path.read_text(encoding="utf-8").endswith("\n\nNegotiators left Geneva without a date.\n")


def test_a_page_imports_from_its_url(site, tmp_path):
    folder, base = site
    shutil.copy(PAGES / "dispatch.html", folder / "strike")  # no suffix: the media type tells
    (result,) = import_files([base + "strike"], tmp_path / "content", now=RETRIEVED)
    meta = front(result.path)
    assert (result.path.name, meta["imported_from"]) == ("dock-workers-end-three-week-strike-after-pay-deal.md",
                                                         base + "strike")
    assert meta["retrieved"] == "2024-03-09T12:00:00Z"


def test_an_http_error_is_one_line_naming_the_url(site, tmp_path, capsys):
    _, base = site
    assert main(["import", base + "gone.html", "--content", str(tmp_path / "content")]) == 1
    assert capsys.readouterr().err == (
        f"error: {base}gone.html: HTTP 404 File not found: the server did not give the page; check "
        "the address, or open it in a browser, save the page and import the file\n")
    assert not (tmp_path / "content").exists()


def test_a_host_that_does_not_answer_is_one_line_naming_the_url(tmp_path, capsys):
    with serve(tmp_path) as base:
        pass  # the server is closed again: nothing listens on its port now
    assert main(["import", base + "page.html", "--content", str(tmp_path / "content")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {base}page.html: cannot be fetched (")
    assert err.endswith("); check the address and the network, or open it in a browser, save the page "
                        "and import the file\n")
    assert err.count("\n") == 1
