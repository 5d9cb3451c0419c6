"""News pages, a feed, JSON lines and CSV import into the expected content files.

Each source in fixtures/ingest/sources/ is imported on its own; what it writes
must equal fixtures/ingest/expected/<source>/, file for file. After a change
meant to alter the output, regenerate the expected files with

    REGENERATE_INGEST_FIXTURES=1 python -m pytest tests/test_ingest_fixtures.py

and read the diff before committing it.
"""
from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.ingest import import_files
from generator.read import read_articles

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SOURCES = FIXTURES / "sources"
EXPECTED = FIXTURES / "expected"
RETRIEVED = datetime(2024, 3, 9, 12, 0, tzinfo=UTC)
ARGUMENTS = {
    "export.jsonl": {"mapping": "title=headline,body=story_text,date=published_at,byline=meta.author,"
                                "source=meta.outlet,url=permalink,lang=language"},
    "export.csv": {"mapping": "title=Headline,body=Body,date=Published,byline=Writers,url=Link,"
                              "source=Outlet,rights=Licence"},
}
"""The command line's options for a source, where it needs any."""
NOT_TEXT = {
    "ledger.html": ["Related", "famine", "disgrace", "morning briefing", "Diplomatic Correspondent"],
    "courier.html": ["lire aussi", "famine", "Encore une réunion", "Les plus lus", "S'abonner"],
    "dispatch.html": ["Related", "Dockers vote", "About time", "Leave a Reply", "Recent Posts",
                      "Words by", "Creative Commons"],
    "harbour-feed.xml": ["track("],
}
"""Words of the page's related-links boxes, comments, navigation and credits that must not reach the text."""


def imported(source: str, tmp_path: Path, monkeypatch) -> dict[str, str]:
    """The content files that importing SOURCE writes, by name."""
    monkeypatch.chdir(SOURCES)  # provenance names the file as given: sources/<name> is stable
    content = tmp_path / "content"
    results = import_files([source], content, now=RETRIEVED, **ARGUMENTS.get(source, {}))
    assert {one.status for one in results} == {"new"}
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(content.iterdir())}


@pytest.mark.parametrize("source", sorted(path.name for path in SOURCES.iterdir()))
def test_source_imports_into_the_expected_content_files(source, tmp_path, monkeypatch):
    written = imported(source, tmp_path, monkeypatch)
    expected_dir = EXPECTED / source
    if os.environ.get("REGENERATE_INGEST_FIXTURES"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        expected_dir.mkdir(parents=True)
        for name, text in written.items():
            (expected_dir / name).write_text(text, encoding="utf-8", newline="\n")
    expected = {path.name: path.read_text(encoding="utf-8") for path in sorted(expected_dir.iterdir())}
    assert written == expected


@pytest.mark.parametrize("source", sorted(NOT_TEXT))
def test_related_links_comments_and_navigation_stay_out_of_the_text(source, tmp_path, monkeypatch):
    written = imported(source, tmp_path, monkeypatch)
    bodies = "".join(text.split("\n---\n", 1)[1] for text in written.values())
    assert [words for words in NOT_TEXT[source] if words in bodies] == []


def test_every_imported_article_reads_back_with_its_provenance(tmp_path, monkeypatch):
    for source in sorted(path.name for path in SOURCES.iterdir()):
        imported(source, tmp_path / source, monkeypatch)
        result = read_articles(tmp_path / source / "content")
        assert result.errors == ()
        for article in result.articles:
            assert article.retrieved == "2024-03-09T12:00:00Z"
            assert article.imported_from.startswith(source)
            assert article.url.startswith("https://")
