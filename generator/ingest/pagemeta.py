"""What a news page says about itself where trafilatura does not look, or looks last:
schema.org article metadata (JSON-LD), the outlet's name, the language, the rights line.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html

ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle",
    "OpinionNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report",
    "ScholarlyArticle", "TechArticle",
})
_RIGHTS_META = ("copyright", "dcterms.rights", "dc.rights", "rights")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Metadata read from the page's head and its JSON-LD; empty strings where it says nothing."""

    outlet: str
    lang: str
    rights: str


def read_page_meta(data: bytes) -> PageMeta:
    """The outlet, language and rights line a page declares."""
    try:
        tree = lxml_html.document_fromstring(data)
    except (ValueError, lxml_html.etree.ParserError):
        return PageMeta("", "", "")
    article = next(_json_ld_articles(tree), {})
    return PageMeta(
        outlet=_name(article.get("publisher")) or _meta(tree, "og:site_name")
        or _meta(tree, "application-name"),
        lang=normalise_lang(tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
                            or _text(article.get("inLanguage")) or _meta(tree, "og:locale")
                            or _meta(tree, "content-language")),
        rights=_rights(tree, article),
    )


def normalise_lang(tag: str) -> str:
    """"en_GB" -> "en-GB", "AR" -> "ar"; empty for anything that is not a language tag."""
    parts = tag.strip().replace("_", "-").split("-")
    if not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return ""
    rest = [part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part for part in parts[1:]]
    return "-".join([parts[0].lower(), *rest])


def _json_ld_articles(tree: Any) -> Iterator[dict[str, Any]]:
    """Every schema.org article object in the page's JSON-LD blocks, @graph included."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            found = json.loads(script.text_content())
        except ValueError:
            continue
        stack = found if isinstance(found, list) else [found]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            types = item.get("@type", [])
            if ARTICLE_TYPES.intersection(types if isinstance(types, list) else [types]):
                yield item
            graph = item.get("@graph")
            stack.extend(graph if isinstance(graph, list) else [])


def _rights(tree: Any, article: dict[str, Any]) -> str:
    """The copyright line and the licence, each where the page gives it, joined by "; "."""
    copyright_line = _copyright(article) or next(filter(None, (_meta(tree, key) for key in _RIGHTS_META)), "")
    licence = _text(article.get("license")) or _licence_link(tree)
    return "; ".join(part for part in dict.fromkeys((copyright_line, licence)) if part)


def _copyright(article: dict[str, Any]) -> str:
    """schema.org's copyrightNotice, else "© YEAR HOLDER"."""
    notice = _text(article.get("copyrightNotice"))
    if notice:
        return notice
    holder = _name(article.get("copyrightHolder"))
    year = _text(article.get("copyrightYear"))
    return f"© {year} {holder}" if holder and year else f"© {holder}" if holder else ""


def _name(value: Any) -> str:
    """An Organization's or Person's name (the first of a list), or a bare string."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name", "")
    return _text(value)


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return " ".join(str(value).split()) if isinstance(value, (str, int)) else ""


def _meta(tree: Any, key: str) -> str:
    """The content of <meta name|property|http-equiv=KEY>, matched without regard to case."""
    lowered = "translate(@{attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    for attr in ("property", "name", "http-equiv"):
        found = tree.xpath(f"//meta[{lowered.format(attr=attr)}=$key]/@content", key=key)
        if found and found[0].strip():
            return " ".join(found[0].split())
    return ""


def _licence_link(tree: Any) -> str:
    """<a rel="license" href=...>: its text and address."""
    for link in tree.xpath('//a[contains(concat(" ", normalize-space(@rel), " "), " license ")]'):
        text = " ".join(link.text_content().split())
        href = link.get("href", "")
        return f"{text} ({href})" if text and href and text != href else text or href
    return ""
