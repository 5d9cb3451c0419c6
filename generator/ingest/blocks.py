"""Body text as feeds and exports carry it (an HTML fragment, or plain text) -> body blocks."""
from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from generator.ingest.plaintext import (
    BodyBlock,
    classify_blocks,
    normalise,
    split_chunks,
)

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = _HEADINGS | {"p", "li", "blockquote", "pre", "dd", "dt", "figcaption"}
_SKIPPED = frozenset({"script", "style", "noscript", "template", "aside", "nav", "form", "iframe"})
_LOOKS_LIKE_HTML = re.compile(r"<(?:p|div|br|h[1-6]|ul|ol|li|blockquote|span|a|em|strong|b|i)\b[^>]*>", re.IGNORECASE)


def body_blocks(text: str) -> tuple[BodyBlock, ...]:
    """Blocks of an HTML fragment, or of plain text whose paragraphs are separated by blank lines."""
    if _LOOKS_LIKE_HTML.search(text):
        return fragment_blocks(text)
    return classify_blocks(split_chunks(normalise(text)))


def fragment_blocks(fragment: str) -> tuple[BodyBlock, ...]:
    """Headings and paragraphs of an HTML fragment; text outside any block element,
    split at double line breaks, makes paragraphs of its own."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return classify_blocks(split_chunks(normalise(fragment)))
    for skipped in root.xpath("|".join(f"//{tag}" for tag in _SKIPPED)):
        skipped.drop_tree()
    for line_break in root.iter("br"):
        line_break.tail = "\n" + (line_break.tail or "")
    blocks: list[BodyBlock] = []
    loose: list[str] = []
    _walk(root, blocks, loose)
    _flush(loose, blocks)
    return tuple(blocks)


def _walk(element, blocks: list[BodyBlock], loose: list[str]) -> None:
    """Block elements become blocks; loose text between them collects into paragraphs."""
    loose.append(element.text or "")
    for child in element:
        if not isinstance(child.tag, str):
            loose.append(child.tail or "")
            continue
        if child.tag in _BLOCKS:
            _flush(loose, blocks)
            kind = "heading" if child.tag in _HEADINGS else "paragraph"
            _flush([child.text_content()], blocks, kind)
        else:
            _walk(child, blocks, loose)
        loose.append(child.tail or "")


def _flush(loose: list[str], blocks: list[BodyBlock], kind: str = "paragraph") -> None:
    """The collected text as blocks of KIND, one per run between blank lines (two <br>s make one)."""
    text = "".join(loose)
    loose.clear()
    for paragraph in re.split(r"\n\s*\n", text):
        words = " ".join(paragraph.split())
        if words:
            blocks.append((kind, words))
