"""Files a static host needs besides the pages: .nojekyll, 404.html, robots.txt,
sitemap.xml and Atom feeds.

Sitemaps and feeds need absolute URLs (the sitemap protocol and RFC 4287 both
require them), so they are written only when base_url names a host; with a
bare path such as "/" the site gets no sitemap.xml, no feeds and no Sitemap
line in robots.txt. Every date comes from the articles, never from the clock.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

from generator import urls
from generator.config import SiteConfig
from generator.model import Article, Site
from generator.render import page_paths
from generator.render_context import has_host, page
from generator.render_lists import newest_first
from generator.theme import Theme

FEED_ENTRIES = 50
NO_DATE = "1970-01-01T00:00:00Z"
"""The `updated` of a feed or entry when no article gives a date."""
SITEMAP_LIMIT = 50_000
"""URLs one sitemap file may hold (sitemaps.org); more are split under a sitemap index."""
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def publish_files(site: Site, config: SiteConfig, theme: Theme) -> dict[str, bytes]:
    """Output path under build/ -> bytes, for the hosting files."""
    files = {
        urls.NO_JEKYLL: b"",
        urls.NOT_FOUND: page(theme, "404.html", config, page_title="Page not found"),
        urls.ROBOTS: robots_txt(config).encode("utf-8"),
    }
    if has_host(config):
        files.update(sitemap_files(page_paths(site, config), config.base_url))
        files.update(feed_files(site, config))
    return dict(sorted(files.items()))


def robots_txt(config: SiteConfig) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if has_host(config):
        lines.append(f"Sitemap: {config.base_url}{urls.SITEMAP}")
    return "\n".join(lines) + "\n"


def sitemap_files(paths: Sequence[str], base_url: str) -> dict[str, bytes]:
    """sitemap.xml for every page; over SITEMAP_LIMIT, an index of sitemaps/N.xml."""
    chunks = [paths[i:i + SITEMAP_LIMIT] for i in range(0, len(paths), SITEMAP_LIMIT)] or [[]]
    if len(chunks) == 1:
        return {urls.SITEMAP: _urlset(chunks[0], base_url)}
    files = {f"sitemaps/{n}.xml": _urlset(chunk, base_url) for n, chunk in enumerate(chunks, 1)}
    index = "".join(f"<sitemap><loc>{_text(base_url + path)}</loc></sitemap>\n" for path in files)
    files[urls.SITEMAP] = _xml('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                               f"{index}</sitemapindex>\n")
    return files


def _urlset(paths: Iterable[str], base_url: str) -> bytes:
    entries = "".join(f"<url><loc>{_text(base_url + path)}</loc></url>\n" for path in paths)
    return _xml(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n')


def feed_files(site: Site, config: SiteConfig) -> dict[str, bytes]:
    """feed.xml (the newest articles) and stories/<id>/feed.xml for each story."""
    by_id = {a.id: a for a in site.articles}
    files = {urls.FEED: atom_feed(config, urls.FEED, config.title, urls.HOME, site.articles)}
    for story in site.stories:
        versions = [by_id[a] for a in story.articles if a in by_id]
        if not versions:
            continue
        original = by_id.get(story.original, versions[0])
        home = urls.story_path(story.id) if len(versions) > 1 else urls.article_path(original.id)
        path = urls.story_feed_path(story.id)
        files[path] = atom_feed(config, path, f"{original.title} · {config.title}", home, versions)
    return files


def atom_feed(config: SiteConfig, path: str, title: str, home: str, articles: Iterable[Article]) -> bytes:
    """An Atom feed at PATH of the FEED_ENTRIES newest ARTICLES, about the page at HOME."""
    newest = newest_first(articles)[:FEED_ENTRIES]
    updated = max((atom_date(a.date) for a in newest if a.date), key=dt.datetime.fromisoformat, default=NO_DATE)
    entries = "".join(_entry(config, article) for article in newest)
    subtitle = f"<subtitle>{_text(config.description)}</subtitle>\n" if config.description else ""
    return _xml(
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={_attr(config.language)}>\n'
        f"<id>{_text(config.base_url + path)}</id>\n<title>{_text(title)}</title>\n{subtitle}"
        f"<updated>{updated}</updated>\n<author><name>{_text(config.title)}</name></author>\n"
        f'<link rel="self" type="application/atom+xml" href={_attr(config.base_url + path)}/>\n'
        f'<link rel="alternate" type="text/html" href={_attr(config.base_url + home)}/>\n'
        f"{entries}</feed>\n")


def _entry(config: SiteConfig, article: Article) -> str:
    url = config.base_url + urls.article_path(article.id)
    author = article.byline or article.source
    return (
        f"<entry>\n<id>{_text(url)}</id>\n<title>{_text(article.title)}</title>\n"
        f'<link rel="alternate" type="text/html" href={_attr(url)}/>\n'
        f"<updated>{atom_date(article.date) if article.date else NO_DATE}</updated>\n"
        + (f"<author><name>{_text(author)}</name></author>\n" if author else "")
        + f"<summary>{_text(lede(article))}</summary>\n</entry>\n")


def lede(article: Article) -> str:
    """The first block of the body (after the headline), else the title."""
    body = [b for b in article.blocks if b.kind != "title"]
    return article.text[body[0].start:body[0].end] if body else article.title


def atom_date(value: str) -> str:
    """An ISO 8601 date or date-time as an RFC 3339 date-time; a bare date is midnight UTC."""
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    stamp = moment.isoformat(timespec="seconds")
    return stamp.removesuffix("+00:00") + "Z" if stamp.endswith("+00:00") else stamp


def _text(value: str) -> str:
    """Escaped XML text, without the control characters XML 1.0 cannot hold."""
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    """A quoted, escaped XML attribute value."""
    return quoteattr(_NOT_XML.sub("", value))


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8")
