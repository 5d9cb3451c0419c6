"""An RSS or Atom feed -> its entries, with feedparser (every RSS version, Atom 0.3 and 1.0, RDF).

An entry that carries the article (content:encoded, Atom content) is an
article as it stands; one that carries only a summary names the page to
follow for the full text, and keeps the summary for when it is not followed.
"""
from __future__ import annotations

import calendar
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from generator.errors import ContentError
from generator.ingest.blocks import body_blocks
from generator.ingest.fetch import clean_url
from generator.ingest.pagemeta import normalise_lang
from generator.ingest.plaintext import WireArticle, derive_title


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed."""

    article: WireArticle
    """What the feed itself says: the full text, or only the summary when `page` is set."""
    page: str = ""
    """The entry's link, when the feed carries only a summary and the page has the text."""


def read_feed(data: bytes, *, origin: str, url: str = "", retrieved: str = "") -> tuple[FeedEntry, ...]:
    """Every entry of the feed, in the feed's order; ContentError when it is not a feed."""
    parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    problem = parsed.get("bozo_exception")
    if not parsed.entries and hasattr(problem, "getLineNumber"):
        raise ContentError(origin, problem.getLineNumber(), f"is not well-formed XML "
                                                            f"({problem.getMessage()}); fix the feed or fetch it again")
    if not parsed.entries and not parsed.version:
        raise ContentError(origin, 0, "is not an RSS or Atom feed; check that the file or address "
                                      "is the feed itself")
    channel = parsed.feed
    entries = []
    for number, entry in enumerate(parsed.entries, start=1):
        content = next((part.get("value", "") for part in entry.get("content", ()) if part.get("value")), "")
        body = body_blocks(content or entry.get("summary", ""))
        link = clean_url(urljoin(url or "", entry.get("link", "")))
        if not body and not link:
            raise ContentError(origin, 0, f"entry {number} ({entry.get('title', 'untitled')!r}) has "
                                          "neither text nor a link; remove it from the feed or fix it")
        title = " ".join(entry.get("title", "").split())
        article = WireArticle(
            title=title or (derive_title(body[0][1]) if body else link),
            source=" ".join(entry.get("source", {}).get("title", channel.get("title", "")).split()),
            byline=" ".join(entry.get("author", "").split()),
            dateline="",
            date=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            credits="",
            story="",
            body=body,
            lang=normalise_lang(_entry_language(entry) or channel.get("language", "")),
            rights=" ".join((entry.get("rights") or channel.get("rights") or "").split()),
            url=link,
            retrieved=retrieved,
            imported_from=origin,
        )
        entries.append(FeedEntry(article, "" if content or not link else link))
    return tuple(entries)


def merge_page(entry: FeedEntry, page: WireArticle) -> WireArticle:
    """The followed page's article; what the page leaves out, the feed gives; provenance names the feed."""
    feed = entry.article
    return replace(
        page,
        title=page.title or feed.title,
        source=page.source or feed.source,
        byline=page.byline or feed.byline,
        date=feed.date or page.date,
        lang=page.lang or feed.lang,
        rights=page.rights or feed.rights,
        url=page.url or feed.url,
        retrieved=feed.retrieved,
        imported_from=feed.imported_from,
    )


def _entry_language(entry: feedparser.FeedParserDict) -> str:
    for detail in (*entry.get("content", ()), entry.get("summary_detail") or {}, entry.get("title_detail") or {}):
        if detail.get("language"):
            return detail["language"]
    return ""


def _iso(parsed: time.struct_time | None) -> str:
    """feedparser's UTC struct_time -> "2024-03-05T08:30:00Z"; empty when the feed gives no date."""
    if parsed is None:
        return ""
    moment = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    return moment.isoformat().replace("+00:00", "Z")
