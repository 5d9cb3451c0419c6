"""Article pages: the highlighted text, its story's other versions, related coverage."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from urllib.parse import urlparse

from markupsafe import Markup

from generator import urls
from generator.archive.align_reuse import paragraph_reuse
from generator.highlight import Span, highlight
from generator.model import ENTITY_TYPES, QUALIFIERS, Alignment, Article, Block
from generator.render_context import Lookup, page
from generator.render_spans import article_spans, disputed_figures
from generator.theme import Theme


@dataclass(frozen=True, slots=True)
class BodyBlock:
    """A run of the body as the template writes it: `tag` around each of `parts`."""

    tag: str
    """"p", "h2".."h6", "blockquote", "ul" (parts are its items) or "pre"."""
    parts: tuple[Markup, ...]
    reuse: int | None = None
    """Percentage of the block's words taken from the story's original; None on the original."""

    @property
    def reuse_band(self) -> str:
        """"most", "part" or "little" of the block is from the original."""
        if self.reuse is None:
            return ""
        return "most" if self.reuse >= 80 else "part" if self.reuse >= 30 else "little"


def render_articles(lookup: Lookup, theme: Theme, share: tuple[int, int] = (0, 1)) -> dict[str, bytes]:
    """Every article page; with SHARE (k, n), only every n-th article from the k-th."""
    pages = {}
    part, parts = share
    articles = lookup.site.articles[part::parts]
    reuse = block_reuse(lookup, {article.id for article in articles})
    for article in articles:
        page_path = urls.article_path(article.id)
        context = article_context(lookup, article, reuse.get(article.id, ()))
        pages[urls.output_file(page_path)] = page(theme, "article.html", lookup.config, article.lang,
                                                  page_path=page_path, page_title=article.title, **context)
    return pages


def block_reuse(lookup: Lookup, wanted: set[str] | None = None) -> dict[str, tuple[float, ...]]:
    """Article id -> for each of its blocks, the share of words from its story's original
    (for the stories of the WANTED articles only, when given)."""
    found: dict[str, tuple[float, ...]] = {}
    for story in lookup.site.stories:
        if wanted is not None and wanted.isdisjoint(story.articles):
            continue
        if len(story.articles) < 2 or any(a not in lookup.site.annotations for a in story.articles):
            continue
        alignments = [Alignment(a, other, lookup.links[(a, other)])
                      for a in story.articles for other in lookup.aligned_with.get(a, ())]
        found.update(paragraph_reuse(story, alignments, lookup.articles, lookup.site.annotations))
    return found


def article_context(lookup: Lookup, article: Article, reuse: tuple[float, ...] = ()) -> dict[str, object]:
    spans = article_spans(lookup, article)
    headline, body = render_body(article, spans, reuse)
    return {
        "article": article,
        "headline": headline,
        "body": body,
        "story": story_nav(lookup, article.id),
        "disputes": dispute_list(lookup, article.id),
        "related": [
            {**lookup.summary(r.article), "score": r.score}
            for r in lookup.site.related.get(article.id, ()) if r.article in lookup.articles
        ],
        "provenance": article.url if urlparse(article.url).scheme in ("http", "https") else "",
        "reuse_shown": bool(reuse),
        "entity_types": ENTITY_TYPES,
        "qualifiers": QUALIFIERS,
    }


def render_body(article: Article, spans: list[Span],
                reuse: tuple[float, ...] = ()) -> tuple[Markup, tuple[BodyBlock, ...]]:
    """The headline (the title block, else the title) and the body blocks, highlighted."""
    headline = Markup("")
    blocks: list[BodyBlock] = []
    by_block = spans_by_block(spans, article.blocks)
    for index, block in enumerate(article.blocks):
        html = highlight(article.text[block.start:block.end], by_block[index], offset=block.start)
        if block.kind == "title":
            headline = html
            continue
        tag = _tag(block)
        if tag == "ul" and blocks and blocks[-1].tag == "ul":
            blocks[-1] = BodyBlock("ul", (*blocks[-1].parts, html))
        else:
            share = round(reuse[index] * 100) if index < len(reuse) else None
            blocks.append(BodyBlock(tag, (html,), share))
    if not headline:
        headline = highlight(article.title, [])
    return headline, tuple(blocks)


def spans_by_block(spans: list[Span], blocks: tuple[Block, ...]) -> list[list[Span]]:
    """For each block, the spans that overlap it, in their given order (found by bisection:
    a 10 MB article has tens of thousands of blocks and spans)."""
    starts = [block.start for block in blocks]
    found: list[list[Span]] = [[] for _ in blocks]
    for span in spans:
        first = max(bisect.bisect_right(starts, span.start) - 1, 0)
        for index in range(first, bisect.bisect_left(starts, span.end)):
            if span.start < blocks[index].end and blocks[index].start < span.end:
                found[index].append(span)
    return found


def _tag(block: Block) -> str:
    if block.kind == "heading":
        return f"h{min(max(block.level, 2), 6)}"
    return {"quote": "blockquote", "item": "ul", "code": "pre"}.get(block.kind, "p")


def story_nav(lookup: Lookup, article_id: str) -> dict[str, object] | None:
    """The story this version belongs to, with the versions before and after it."""
    story = lookup.story_of.get(article_id)
    if story is None or len(story.articles) < 2:
        return None
    index = story.articles.index(article_id)
    return {
        "id": story.id,
        "url": lookup.url(urls.story_path(story.id)),
        "number": index + 1,
        "count": len(story.articles),
        "original": story.original == article_id,
        "previous": lookup.summary(story.articles[index - 1]) if index > 0 else None,
        "next": lookup.summary(story.articles[index + 1]) if index + 1 < len(story.articles) else None,
    }


def dispute_list(lookup: Lookup, article_id: str) -> list[dict[str, object]]:
    """The figures of this version that other versions give differently, with links to theirs."""
    found = []
    for (sentence, text), others in sorted(disputed_figures(lookup, article_id).items()):
        found.append({
            "text": text,
            "sentence": sentence,
            "others": [
                {"source": lookup.source(m.article), "text": m.text,
                 "url": f"{lookup.url(urls.article_path(m.article))}#{m.sentence}"}
                for m in others
            ],
        })
    return found
