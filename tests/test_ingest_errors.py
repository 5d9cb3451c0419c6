"""Import errors: one line each, naming file:line or the URL and what to do; exit 1, nothing written."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

CSV = "headline,text\nPort strike ends,Dockers went back to work.\nFerry times,\n"


def run_import(tmp_path: Path, capsys, *args: str) -> str:
    """The error output of `build import ARGS`, which must fail and write nothing."""
    assert main(["import", *args, "--content", str(tmp_path / "content")]) == 1
    assert not (tmp_path / "content").exists()
    return capsys.readouterr().err


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


@pytest.mark.parametrize(("mapping", "message"), [
    ("title=headline,body", ("--map: 'body' is not FIELD=COLUMN; write it as, for example, "
                            "--map title=headline,body=text")),
    ("headline=title", ("--map: 'headline' is not an article field; map one of title, body, date, "
                       "source, byline, dateline, credits, story, lang, url, rights")),
])
def test_a_malformed_mapping_is_named(tmp_path, capsys, mapping, message):
    table = write(tmp_path, "a.csv", CSV)
    assert run_import(tmp_path, capsys, table, "--map", mapping) == f"error: {message}\n"


def test_a_mapped_column_missing_from_the_header_names_the_columns(tmp_path, capsys):
    table = write(tmp_path, "a.csv", CSV)
    assert run_import(tmp_path, capsys, table, "--map", "title=headline,body=story") == (
        f"error: {table}:1: --map body=story: the file has no column 'story' "
        "(its columns: headline, text); fix --map\n")


def test_a_table_with_no_body_column_asks_for_a_mapping(tmp_path, capsys):
    table = write(tmp_path, "a.csv", CSV)
    assert run_import(tmp_path, capsys, table, "--map", "title=headline") == (
        f"error: {table}:1: no column holds the article text: name it with --map body=COLUMN "
        "(the columns: headline, text)\n")


def test_a_row_without_text_is_named_by_its_line(tmp_path, capsys):
    table = write(tmp_path, "a.csv", CSV)
    assert run_import(tmp_path, capsys, table, "--map", "title=headline,body=text") == (
        f"error: {table}:3: the record has no text in 'text' (the body); fill it in, remove the "
        "record, or map the body with --map body=COLUMN\n")


def test_a_bad_date_in_a_table_is_named_by_its_line(tmp_path, capsys):
    table = write(tmp_path, "a.jsonl", '{"title": "A", "body": "Text.", "date": "yesterday"}\n')
    assert run_import(tmp_path, capsys, table) == (
        f"error: {table}:1: 'date' holds 'yesterday', not a date; write it as 2024-03-05 or "
        "2024-03-05T08:30:00Z\n")


def test_a_broken_json_line_is_named(tmp_path, capsys):
    table = write(tmp_path, "a.jsonl", '{"title": "A", "body": "Text."}\n{"title": "B", body}\n')
    assert run_import(tmp_path, capsys, table) == (
        f"error: {table}:2: is not a line of JSON (Expecting property name enclosed in double "
        "quotes, column 16); fix or remove the line\n")


def test_a_missing_file_and_a_page_without_an_article_are_both_reported(tmp_path, capsys):
    page = write(tmp_path, "front.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    missing = str(tmp_path / "nowhere.html")
    assert run_import(tmp_path, capsys, missing, page) == (
        f"error: {missing}: no such file or folder; check the path\n"
        f"error: {page}: no article text found in the page; save the article's own page (not a front "
        "page, a search page or a page behind a login) and import it again\n")


def test_a_file_that_cannot_be_read_is_named(tmp_path, capsys):
    folder = tmp_path / "feeds.xml"
    folder.mkdir()
    (folder / "notes.md").write_text("not importable")
    assert run_import(tmp_path, capsys, str(folder)) == (
        f"error: {folder}: the folder holds no file to import (.atom, .csv, .htm, .html, .jsonl, "
        ".ndjson, .rss, .shtml, .tsv, .txt, .xhtml, .xml); check the path\n")


@pytest.mark.parametrize(("xml", "message"), [
    ("<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>",
     ": is not an RSS or Atom feed; check that the file or address is the feed itself"),
    ("<?xml version='1.0'?><rss><channel><title>A</titl></channel></rss>",
     ":1: is not well-formed XML (mismatched tag); fix the feed or fetch it again"),
    ("<rss><channel><item><title>A</title></item></channel></rss>",
     ": entry 1 ('A') has neither text nor a link; remove it from the feed or fix it"),
], ids=["svg", "broken", "empty-entry"])
def test_an_xml_file_that_is_not_a_feed_is_named(tmp_path, capsys, xml, message):
    feed = write(tmp_path, "feed.xml", xml)
    assert run_import(tmp_path, capsys, feed) == f"error: {feed}{message}\n"


def test_a_title_for_a_source_of_several_articles_is_refused(tmp_path, capsys):
    table = write(tmp_path, "a.jsonl", '{"title": "A", "body": "One."}\n{"title": "B", "body": "Two."}\n')
    assert run_import(tmp_path, capsys, table, "--title", "Same") == (
        f"error: {table}: --title names one article but the source holds 2; leave --title out to use "
        "each article's headline\n")
