"""A saved or fetched news page -> WireArticle, with trafilatura.

trafilatura finds the article's text among the navigation, related-links
boxes, comment sections and footers, and reads the headline, byline, date
(htmldate) and canonical URL from the page's metadata. What it does not read,
or reads less well than a news archive needs (the outlet from schema.org's
publisher before a copyright line, the language, the rights), comes from
pagemeta.
"""
from __future__ import annotations

import trafilatura

from generator.errors import ContentError
from generator.ingest.fetch import clean_url
from generator.ingest.pagemeta import read_page_meta
from generator.ingest.plaintext import BodyBlock, WireArticle, derive_title

SIGN_OFF_MAX_WORDS = 12
_BLOCK_KINDS = {"head": "heading", "p": "paragraph", "quote": "paragraph", "item": "paragraph"}
_NO_TEXT = ("no article text found in the page; save the article's own page (not a front page, "
            "a search page or a page behind a login) and import it again")


def read_web_page(data: bytes, *, origin: str, url: str = "", retrieved: str = "") -> WireArticle:
    """The article on the page; ContentError(origin, 0, ...) when it holds none."""
    document = trafilatura.bare_extraction(
        data, url=url or None, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, include_links=False, include_formatting=False,
        date_extraction_params={"original_date": True, "extensive_search": True},
    )
    if document is None or document.body is None:
        raise ContentError(origin, 0, _NO_TEXT)
    title = _clean(document.title)
    body = _body_blocks(document.body, title)
    if not body:
        raise ContentError(origin, 0, _NO_TEXT)
    meta = read_page_meta(data)
    byline = ", ".join(name.strip() for name in _clean(document.author).split(";") if name.strip())
    credits = ""
    if len(body) > 1 and _is_sign_off(body[-1][1], byline):
        credits, body = body[-1][1], body[:-1]
    return WireArticle(
        title=title or derive_title(body[0][1]),
        source=meta.outlet or _outlet(document.sitename) or _clean(document.hostname),
        byline=byline,
        dateline="",
        date=_clean(document.date),
        credits=credits,
        story="",
        body=body,
        lang=meta.lang,
        rights=meta.rights or _clean(document.license),
        url=clean_url(_clean(document.url) or url),
        retrieved=retrieved,
        imported_from=origin,
    )


def _body_blocks(body, title: str) -> tuple[BodyBlock, ...]:
    """Headings and paragraphs in reading order; the headline, repeated as the first heading, left out."""
    blocks: list[BodyBlock] = []
    for element in body.iter("head", "p", "quote", "item"):
        if element.getparent() is not None and element.getparent().tag in ("quote", "item"):
            continue  # its text is read with its parent's
        text = _clean("".join(element.itertext()))
        if text:
            blocks.append((_BLOCK_KINDS[element.tag], text))
    if blocks and blocks[0] == ("heading", title):
        blocks.pop(0)
    return tuple(blocks)


def _is_sign_off(paragraph: str, byline: str) -> bool:
    """A closing line that names the author ("Étienne Müller, à Genève"): credits, not text."""
    first_author = byline.split(",")[0].strip()
    return bool(first_author) and paragraph.startswith(first_author) and len(paragraph.split()) <= SIGN_OFF_MAX_WORDS


def _outlet(sitename: str | None) -> str:
    """trafilatura's site name, unless what it found is a copyright line."""
    name = _clean(sitename)
    return "" if "©" in name or "copyright" in name.lower() else name


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())
