"""WireArticle -> a content/ file: YAML front matter, then a Markdown body.

The text is escaped so that CommonMark reads back exactly the words that were
written: wire copy holds asterisks, underscores and brackets that are not
formatting, and a paragraph may start with "-" or "1." without being a list.
"""
from __future__ import annotations

import re

import yaml

from generator.ingest.plaintext import WireArticle

FRONT_MATTER_KEYS = (
    "title", "source", "byline", "dateline", "date", "story", "lang", "credits",
    "rights", "url", "retrieved", "imported_from",
)
_FENCE = "---"
# Characters that open inline markup; "&" only where it would start an entity.
_INLINE_MARKUP = re.compile(r"[\\`*_\[<]|&(?=#?[0-9A-Za-z]+;)")
# Line starts that open a block: heading, list, quote, tilde fence, ordered list.
_BLOCK_MARKER = re.compile(r"[#+\->~]|(?P<number>\d{1,9})[.)](?= |\Z)")
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_CLOSING_HASHES = re.compile(r"(?:^|(?<= ))#+\Z")


def to_markdown(article: WireArticle) -> str:
    """The whole content file: front matter, a blank line, the body."""
    return front_matter(article) + "\n" + markdown_body(article) + "\n"


def front_matter(article: WireArticle) -> str:
    """The `---` fenced YAML block, keys in a fixed order, empty ones left out."""
    fields = {key: getattr(article, key) for key in FRONT_MATTER_KEYS if getattr(article, key)}
    # A width no line reaches: PyYAML would otherwise fold long titles and credits.
    dumped = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"{_FENCE}\n{dumped if fields else ''}{_FENCE}\n"


def markdown_body(article: WireArticle) -> str:
    """Headings as `## Heading`, paragraphs between blank lines."""
    blocks = []
    for kind, text in article.body:
        line = _LINE_BREAK.sub(" ", text).strip()
        if not line:
            continue
        blocks.append(f"## {escape_heading(line)}" if kind == "heading" else escape_paragraph(line))
    return "\n\n".join(blocks)


def split_front_matter(markdown: str) -> tuple[str, str]:
    """(front matter YAML, body) of a content file; ("", whole text) when it has none."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    if lines[0].strip() != _FENCE:
        return "", markdown
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == _FENCE:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]).strip("\n")
    return "", markdown


def escape_inline(text: str) -> str:
    """Backslash-escape what would start emphasis, code, a link, HTML or an entity."""
    return _INLINE_MARKUP.sub(lambda found: "\\" + found.group(), text)


def escape_paragraph(text: str) -> str:
    """A paragraph line that CommonMark reads as a paragraph of exactly `text`."""
    escaped = escape_inline(text)
    marker = _BLOCK_MARKER.match(escaped)
    if not marker:
        return escaped
    if marker["number"]:
        digits = marker["number"]
        return digits + "\\" + escaped[len(digits) :]
    return "\\" + escaped


def escape_heading(text: str) -> str:
    """Heading text whose trailing "#"s are not taken for a closing sequence."""
    escaped = escape_inline(text)
    closing = _CLOSING_HASHES.search(escaped)
    if not closing:
        return escaped
    return escaped[: closing.start()] + "\\" + escaped[closing.start() :]
