"""Markdown -> plain text and blocks (with inline formatting kept as offsets).

The article's text is what everything else annotates, so it is derived here
once: the headline, then each block's text, separated by blank lines. Raw
HTML is never passed through (markdown-it's `html` option is off: it reads
as text), and only http(s), mailto and relative links survive.
"""
from __future__ import annotations

import functools
from urllib.parse import urlparse

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .model import Block, Inline

SAFE_SCHEMES = ("", "http", "https", "mailto")
INLINE_KINDS = {"em": "em", "strong": "strong", "link": "link", "s": "em"}
SEPARATOR = "\n\n"


@functools.cache
def _parser() -> MarkdownIt:
    """One parser for every article: making one costs a fifth of parsing an article."""
    return MarkdownIt("commonmark", {"html": False})


def safe_href(href: str) -> str:
    """The link if its scheme is safe to publish, else "" (javascript:, data:, ...)."""
    cleaned = "".join(ch for ch in href if ch.isprintable() and not ch.isspace())
    scheme = urlparse(cleaned).scheme.lower()
    return href.strip() if scheme in SAFE_SCHEMES else ""


def markdown_blocks(title: str, body: str) -> tuple[str, tuple[Block, ...]]:
    """The article's plain text (headline first) and its blocks in reading order."""
    parts: list[str] = [title]
    blocks = [Block("title", 0, len(title))]
    offset = len(title)
    for kind, level, inline in _block_tokens(_parser().parse(body)):
        text, inlines = _inline_text(inline)
        text = text.rstrip("\n")
        if not text.strip():
            continue
        offset += len(SEPARATOR)
        shifted = tuple(Inline(i.kind, i.start + offset, i.end + offset, i.href) for i in inlines
                        if i.end <= len(text))
        blocks.append(Block(kind, offset, offset + len(text), level, shifted))
        parts.append(text)
        offset += len(text)
    return SEPARATOR.join(parts), tuple(blocks)


def _block_tokens(tokens: list[Token]):
    """(kind, level, inline token) for each leaf block, with its container's kind."""
    containers: list[str] = []
    for i, token in enumerate(tokens):
        if token.type in ("blockquote_open", "list_item_open"):
            containers.append("quote" if token.type == "blockquote_open" else "item")
        elif token.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif token.type == "heading_open":
            yield "heading", int(token.tag[1]), tokens[i + 1]
        elif token.type == "paragraph_open":
            yield (containers[-1] if containers else "paragraph"), 0, tokens[i + 1]
        elif token.type in ("fence", "code_block"):
            yield "code", 0, Token("inline", "", 0, content=token.content,
                                   children=[Token("text", "", 0, content=token.content.rstrip("\n"))])
        elif token.type == "html_block":
            yield "paragraph", 0, Token("inline", "", 0, children=[Token("text", "", 0, content=token.content)])


def _inline_text(inline: Token) -> tuple[str, list[Inline]]:
    """Concatenate an inline token's text; em, strong, code and links become offsets."""
    out: list[str] = []
    length = 0
    opened: list[tuple[str, int, str]] = []
    spans: list[Inline] = []
    for child in inline.children or []:
        kind = child.type
        if kind in ("text", "html_inline"):
            piece = child.content
        elif kind == "code_inline":
            spans.append(Inline("code", length, length + len(child.content)))
            piece = child.content
        elif kind == "softbreak":
            piece = " "
        elif kind == "hardbreak":
            piece = "\n"
        elif kind == "image":
            piece = child.content
        elif kind.endswith("_open") and kind[:-5] in INLINE_KINDS:
            opened.append((INLINE_KINDS[kind[:-5]], length, safe_href(str(child.attrs.get("href", "")))))
            continue
        elif kind.endswith("_close") and kind[:-6] in INLINE_KINDS and opened:
            name, start, href = opened.pop()
            if length > start and (name != "link" or href):
                spans.append(Inline(name, start, length, href))
            continue
        else:
            piece = child.content
        out.append(piece)
        length += len(piece)
    return "".join(out), sorted(spans, key=lambda s: (s.start, -s.end, s.kind))
