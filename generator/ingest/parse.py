"""A Payload -> its articles, by kind: a web page, a feed (links followed), a table, wire text."""
from __future__ import annotations

from dataclasses import replace

from generator.errors import ContentError
from generator.ingest.feed import merge_page, read_feed
from generator.ingest.plaintext import WireArticle, parse_wire_text
from generator.ingest.sources import Fetcher, Payload
from generator.ingest.table import ColumnMap, read_table
from generator.ingest.webpage import read_web_page


def parse_payload(payload: Payload, *, retrieved: str, fetch: Fetcher, follow: bool = True,
                  mapping: ColumnMap = (), title: str = "", source: str = "", date: str = "",
                  story: str = "") -> list[WireArticle]:
    """Every article the payload holds, with its provenance; ContentErrors name the payload."""
    origin = payload.origin
    if payload.kind == "html":
        return [read_web_page(payload.data, origin=origin, url=payload.url, retrieved=retrieved)]
    if payload.kind == "feed":
        articles = []
        for entry in read_feed(payload.data, origin=origin, url=payload.url, retrieved=retrieved):
            if entry.page and follow:
                fetched = fetch(entry.page)
                page = read_web_page(fetched.data, origin=entry.page, url=fetched.url, retrieved=retrieved)
                articles.append(merge_page(entry, page))
            elif entry.article.body:
                articles.append(entry.article)
            else:
                raise ContentError(origin, 0, f"the entry {entry.article.title!r} has no text and "
                                              "--no-follow keeps its link from being read; "
                                              "import without --no-follow")
        return articles
    if payload.kind in ("jsonl", "csv"):
        return list(read_table(payload.data, kind=payload.kind, origin=origin, mapping=mapping,
                               retrieved=retrieved, delimiter=payload.delimiter))
    article = parse_wire_text(read_wire_text(payload), title=title, source=source, date=date, story=story)
    if not article.body:
        raise ContentError(origin, 0, "the file has a headline or credits but no article text; "
                                      "check that the whole article was saved")
    return [replace(article, url=payload.url, retrieved=retrieved, imported_from=origin)]


def read_wire_text(payload: Payload) -> str:
    """The payload's text; ContentError if it is empty, binary or not UTF-8."""
    data = payload.data
    if b"\0" in data:
        raise ContentError(
            payload.origin, 0, "the file holds NUL bytes, so it is not plain text "
            "(a PDF, a word-processor or a UTF-16 file?); "
            "save the article as plain UTF-8 text and import that"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            payload.origin, 0, "the file is not UTF-8 text "
            f"(byte 0x{data[error.start]:02x} on line {line}); convert it to UTF-8 "
            "(for example `iconv -f windows-1252 -t utf-8`) and import it again"
        ) from None
    if not text.lstrip("\ufeff").strip():
        raise ContentError(
            payload.origin, 0, "the file is empty: there is no article to import; "
            "check that it was saved whole"
        )
    return text
